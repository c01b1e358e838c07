import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import {
	applicationCredentials,
	getApplication,
	messagesCapability,
	messagesWith,
	noApplicationError,
	putApplication,
	readApplication,
	sameJson,
	webhookOf,
	withMessages,
	type WebhookKey,
	type WebhookSetting,
} from './applications';
import { applicationsBaseUrl } from '../api/baseUrl';
import { oneAtATime, refuseTakeOver, registrations } from './registrations';

/**
 * What a registration remembers between create and delete, in the workflow's static data (production at
 * the node's top level, "Listen for test event" under `testRegistration`, which n8n keeps with the test
 * registration): the URL registered, the webhook and the Messages capability that were there before, and
 * the capability as we wrote it (to know on delete whether ours is still the only change).
 * `previousOurs` says whether the webhook before was exactly a URL one of our triggers registered; it is
 * decided when we replace it (this process knows then) and kept, so that it holds after a restart.
 */
interface RegistrationState {
	registeredUrl?: string;
	previous?: WebhookSetting | null;
	previousOurs?: boolean;
	messagesBefore?: IDataObject | null;
	messagesAfter?: IDataObject | null;
}

function isAutomatic(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('registration', 'automatic') === 'automatic';
}

function ourUrl(ctx: IHookFunctions): string {
	return ctx.getNodeWebhookUrl('default') as string;
}

/** n8n runs create in mode 'manual' when the editor listens for a test event (TestWebhooks.needsWebhook). */
function isTestListening(ctx: IHookFunctions): boolean {
	return ctx.getMode() === 'manual';
}

function nodeState(ctx: IHookFunctions): RegistrationState & IDataObject {
	return ctx.getWorkflowStaticData('node') as RegistrationState & IDataObject;
}

/** Test state: `url` is set as soon as a test registration starts, `registeredUrl` once it is made. */
type TestState = RegistrationState & IDataObject & { url?: string };

function clearState(ctx: IHookFunctions, state: RegistrationState & IDataObject): void {
	const node = nodeState(ctx);
	if (state === node.testRegistration) {
		delete node.testRegistration;
		return;
	}
	for (const key of [
		'registeredUrl',
		'previous',
		'previousOurs',
		'messagesBefore',
		'messagesAfter',
	])
		delete node[key];
}

function queueKey(credentials: { baseUrl: string; applicationId: string }): string {
	return `${applicationsBaseUrl(credentials.baseUrl)} ${credentials.applicationId}`;
}

/**
 * The webhook to put back on delete: what was there before, unless that was exactly a URL one of our
 * triggers registered and no active registration holds it now (nothing listens there). Any other URL,
 * however much it looks like one of ours, is put back.
 */
function restorable(state: RegistrationState): WebhookSetting | undefined {
	const previous = state.previous;
	if (!previous) return undefined;
	if (state.previousOurs === true && !registrations.holderOf(previous.address)) return undefined;
	return previous;
}

/** The three lifecycle methods n8n calls on activation (checkExists, then create) and deactivation (delete). */
export function registrationMethods(key: WebhookKey) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const url = ourUrl(this);
			if (!isAutomatic(this)) {
				// Registration "Manual": the user pasted this URL at Vonage; no other trigger may take it over.
				if (!isTestListening(this))
					registrations.hold(url, { workflowId: this.getWorkflow().id ?? '', test: false });
				return true;
			}
			if (isTestListening(this)) return false; // always through create, which remembers what to put back
			const credentials = await applicationCredentials.call(this);
			const exists = webhookOf(await getApplication.call(this, credentials), key)?.address === url;
			// After a restart, n8n checks every active trigger: the ones still registered hold their URL again.
			if (exists) {
				registrations.hold(url, { workflowId: this.getWorkflow().id ?? '', test: false });
				registrations.registeredHere(url);
			}
			return exists;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			if (!isAutomatic(this)) return true;
			const credentials = await applicationCredentials.call(this);
			const url = ourUrl(this);
			const test = isTestListening(this);
			const node = nodeState(this);
			// A new test session starts afresh, and says at once which URL it is for (n8n calls delete even when create fails).
			const state: RegistrationState & IDataObject = test
				? (node.testRegistration = { url } as TestState)
				: node;
			await oneAtATime(queueKey(credentials), async () => {
				const application = await getApplication.call(this, credentials);
				const messages = messagesCapability(application);
				const current = webhookOf(application, key);
				if (current?.address !== url) {
					refuseTakeOver(this, key, current?.address, url, test);
					if (!(current && current.address === node.registeredUrl && state === node)) {
						// Re-registering after someone pointed the application elsewhere: what they set is now "before".
						state.previous = current ?? null;
						state.previousOurs =
							current !== undefined &&
							(registrations.wasRegisteredHere(current.address) ||
								current.address === node.registeredUrl);
						state.messagesBefore = messages ? structuredClone(messages) : null;
					} // else our own earlier URL (n8n's webhook URL changed): what was before it stays "before".
				}
				const next = messagesWith(messages, key, { address: url, http_method: 'POST' }) ?? null;
				state.messagesAfter = next;
				if (
					(await putApplication.call(
						this,
						credentials,
						withMessages(application, next ?? undefined),
					)) === 'deleted'
				) {
					throw noApplicationError.call(this, credentials); // deleted between our GET and PUT
				}
			});
			state.registeredUrl = url;
			registrations.registeredHere(url);
			registrations.hold(url, { workflowId: this.getWorkflow().id ?? '', test });
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const url = ourUrl(this);
			if (!isAutomatic(this)) {
				registrations.release(url);
				return true;
			}
			const node = nodeState(this);
			const testState = node.testRegistration as TestState | undefined;
			const test = testState?.url === url;
			if (test && !testState.registeredUrl) {
				// The test registration was refused or failed before anything was written: nothing to put back.
				delete node.testRegistration;
				return true;
			}
			const state: RegistrationState & IDataObject = test ? testState : node;
			const registeredUrl = state.registeredUrl ?? url;
			// The workflow is inactive from here on, whatever Vonage answers.
			registrations.release(registeredUrl);
			const credentials = await applicationCredentials.call(this);
			await oneAtATime(queueKey(credentials), async () => {
				const application = await readApplication.call(this, credentials);
				// Deleted at Vonage: nothing left to put back.
				if (application === 'deleted') return;
				// Only put things back while the application still points at us: never clobber a URL set since.
				if (webhookOf(application, key)?.address !== registeredUrl) return;
				const restore = restorable(state);
				const messages = messagesCapability(application);
				let next: IDataObject | undefined;
				if (state.messagesAfter !== undefined && sameJson(messages ?? null, state.messagesAfter)) {
					// Ours is still the only change: the capability goes back exactly as it was.
					next = state.messagesBefore ?? undefined;
					if (next && !sameJson(restore ?? null, state.previous ?? null))
						next = messagesWith(next, key, restore);
				} else {
					next = messagesWith(messages, key, restore);
				}
				await putApplication.call(this, credentials, withMessages(application, next));
			});
			// Kept when Vonage could not be reached, so that activating again still knows what to put back.
			clearState(this, state);
			return true;
		},
	};
}
