import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sameOrigin } from '../api/ownRequest';
import { MANUAL_HINT, type WebhookKey } from './applications';

/** Who holds a trigger URL of this n8n right now. */
export interface Holder {
	workflowId: string;
	/** A "Listen for test event" registration (the editor's test URL). */
	test: boolean;
	/** Registration "Manual": the user pasted the URL at Vonage (it is never moved). */
	manual?: boolean;
}

/** Every trigger of a large n8n, activated and tested many times over, fits. */
export const MAX_REGISTERED_URLS = 10_000;

/**
 * The trigger URLs of this n8n process that are live: held by an active workflow (registered, or
 * pasted at Vonage by hand with Registration "Manual") or by a test listener. Filled by create and
 * by a successful checkExists (n8n checks every active trigger after a restart); emptied by delete.
 * n8n activates workflows and test webhooks in its main process, so one process sees them all
 * (queue mode included; with several mains only the leader activates).
 *
 * Apart from that, the exact URLs our triggers registered at Vonage in this process (live or not):
 * only those are "ours" when a registration finds one already on the application. Filled only by
 * activations, and bounded all the same (oldest forgotten first).
 */
class LiveRegistrations {
	private readonly holders = new Map<string, Holder>();
	private readonly registered = new Map<string, true>();

	hold(url: string, holder: Holder): void {
		this.holders.set(url, holder);
	}

	release(url: string): void {
		this.holders.delete(url);
	}

	holderOf(url: string): Holder | undefined {
		return this.holders.get(url);
	}

	/** Remembers that one of our triggers registered exactly this URL at Vonage. */
	registeredHere(url: string): void {
		this.registered.delete(url);
		this.registered.set(url, true);
		while (this.registered.size > MAX_REGISTERED_URLS) {
			const oldest = this.registered.keys().next().value as string;
			this.registered.delete(oldest);
		}
	}

	wasRegisteredHere(url: string): boolean {
		return this.registered.has(url);
	}
}

export const registrations = new LiveRegistrations();

export const FIELD: Record<WebhookKey, string> = {
	status_url: 'Status URL',
	inbound_url: 'Inbound URL',
};

/**
 * Throws unless our registration may replace `current`: exactly a URL that a live registration of
 * this n8n holds (under this n8n's origin) is never taken. Any other URL may be (it is put back on delete, unless one of our
 * triggers registered it and nothing holds it any more).
 */
export function refuseTakeOver(
	ctx: IHookFunctions,
	key: WebhookKey,
	current: string | undefined,
	ours: string,
	test: boolean,
): void {
	if (current === undefined || current === ours || !sameOrigin(current, ours)) return;
	const holder = registrations.holderOf(current);
	if (!holder) return;
	const field = FIELD[key];
	const thisWorkflow = holder.workflowId === ctx.getWorkflow().id;
	if (test && thisWorkflow && !holder.test) {
		throw new NodeOperationError(
			ctx.getNode(),
			`This workflow is active and its trigger holds the application's ${field}, so n8n can't listen for a test event at the same time`,
			{
				description: `While the editor listened, Vonage would send every event to the test URL and the active workflow would miss them. Deactivate (unpublish) the workflow to test with this application, or test with a credential of another Vonage application. The production registration is unchanged.`,
			},
		);
	}
	if (holder.test) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The application's ${field} is held by a trigger listening for a test event`,
			{
				description: `Workflow ${holder.workflowId} is listening for a test event on this Vonage application. Stop listening there (or wait until it times out), then try again.`,
			},
		);
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`The application's ${field} belongs to another active trigger of this n8n (workflow ${holder.workflowId})`,
		{
			description: `One Vonage application sends its ${field} events to one place. Deactivate that workflow first, or use a credential of another Vonage application, ${MANUAL_HINT}.`,
		},
	);
}

// Both triggers read the whole application and write it back, and n8n activates workflows
// concurrently: changes to one application run one at a time, or one would undo the other.
const queues = new Map<string, Promise<unknown>>();

export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
	const tail = run.catch(() => undefined);
	queues.set(key, tail);
	void tail.then(() => {
		if (queues.get(key) === tail) queues.delete(key);
	});
	return await run;
}
