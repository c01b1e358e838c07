// Issue 16 item 8: on deactivation, only a URL that one of our triggers registered (and that nothing holds
// any more) counts as ours and is removed; every other previous URL is put back, however much it looks like
// an n8n trigger URL. Each case runs the triggers' webhook methods in n8n-core's HookContext
// (test/harness) against the emulator's Applications API; "a restart" loads the node afresh
// (jest.isolateModules: no in-process state) over the static data n8n persisted.
import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';

const emulator = useEmulator();

const N8N = 'https://n8n.example.com';
const ORIGINAL = 'https://example.com/webhooks/status';
const open: TriggerHarness[] = [];
afterEach(async () => {
	for (const t of open.splice(0)) {
		await t.delete().catch(() => undefined);
		await t.close();
	}
});

/** The Status Trigger as a freshly started n8n process loads it: none of this process's memory. */
function afterRestart(): INodeType {
	let fresh: INodeType | undefined;
	jest.isolateModules(() => {
		const path = '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(path) as { VonageMessagesStatusTrigger: new () => INodeType };
		fresh = new mod.VonageMessagesStatusTrigger();
	});
	return fresh!;
}

async function trigger(
	options: {
		nodeType?: INodeType;
		credential?: IDataObject;
		base?: string;
		staticData?: IDataObject;
		keep?: boolean;
	} = {},
): Promise<TriggerHarness> {
	const t = await createTriggerHarness({
		nodeType: options.nodeType ?? new VonageMessagesStatusTrigger(),
		parameters: { registration: 'automatic', options: {} },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', options.credential ?? {}) },
		credentialTypes: [new VonageMessagesApi()],
		webhookBaseUrl: options.base ?? N8N,
		workflowStaticData: options.staticData,
	});
	if (options.keep !== false) open.push(t);
	return t;
}

async function activate(t: TriggerHarness): Promise<void> {
	if (!(await t.checkExists())) await t.create();
}

const statusUrl = () =>
	(emulator.application.capabilities as any).messages?.webhooks?.status_url?.address as
		| string
		| undefined;

function setStatusUrl(address: string): void {
	emulator.application.capabilities.messages.webhooks.status_url = {
		address,
		http_method: 'POST',
	};
}

/**
 * Deactivates `t` while Vonage cannot be reached (a closed port): n8n marks the workflow inactive, so
 * its URL is held no more, but it stays on the application. What the workflow leaves behind is dead.
 */
async function deactivateWhileVonageIsDown(t: TriggerHarness): Promise<void> {
	const down = await trigger({
		credential: { baseUrl: 'http://127.0.0.1:9' },
		staticData: t.workflowStaticData,
		keep: false,
	});
	await expect(down.delete()).rejects.toThrow(/Could not reach the Vonage Applications API/);
	await down.close();
}

describe('a previous URL that only looks like one of ours is put back', () => {
	const lookalikes: Array<[label: string, url: () => string]> = [
		["a plain n8n Webhook node's URL on the same n8n", () => `${N8N}/webhook/vonage/status`],
		['another service on the same host', () => `${N8N}/api/v2/status`],
		['an inbound-looking URL as Status URL', () => `${N8N}/webhook/${randomUUID()}/inbound`],
		['a test URL nothing of ours registered', () => `${N8N}/webhook-test/${randomUUID()}/status`],
		[
			'a trigger-shaped URL nothing of ours registered',
			() => `${N8N}/webhook/${randomUUID()}/status`,
		],
	];

	it.each(lookalikes)('%s', async (_label, url) => {
		const previous = url();
		setStatusUrl(previous);
		const t = await trigger();
		await activate(t);
		expect(statusUrl()).toBe(t.webhookUrl);
		await t.delete();
		expect(statusUrl()).toBe(previous);
	});
});

describe('a URL one of our triggers registered and nothing holds is removed, not put back', () => {
	it('in the same process', async () => {
		const a = await trigger();
		await activate(a);
		await deactivateWhileVonageIsDown(a);
		expect(statusUrl()).toBe(a.webhookUrl);
		const b = await trigger();
		await activate(b);
		await b.delete();
		expect(statusUrl()).toBeUndefined();
	});

	it('after a restart between activation and deactivation (kept in static data)', async () => {
		const a = await trigger();
		await activate(a);
		await deactivateWhileVonageIsDown(a);
		const b = await trigger();
		await activate(b);
		const restarted = await trigger({ nodeType: afterRestart(), staticData: b.workflowStaticData });
		await restarted.delete();
		expect(statusUrl()).toBeUndefined();
	});
});

describe("n8n's webhook URL changed across a restart (WEBHOOK_URL)", () => {
	it('the trigger registers its new URL and, on deactivation, puts back what was there before the old one', async () => {
		const old = await trigger({ base: 'https://old.example.com' });
		await activate(old);
		expect(statusUrl()).toBe(old.webhookUrl);
		const renamed = await trigger({
			nodeType: afterRestart(),
			base: 'https://new.example.com',
			staticData: old.workflowStaticData,
		});
		expect(await renamed.checkExists()).toBe(false);
		await renamed.create();
		expect(statusUrl()).toBe(renamed.webhookUrl);
		await renamed.delete();
		expect(statusUrl()).toBe(ORIGINAL);
	});
});
