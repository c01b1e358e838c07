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
import { sameOrigin } from '../api/ownRequest';
import { oneAtATime, refuseTakeOver, registrations } from './registrations';
import { groups, type OriginalState } from './groups';
import { joinGroup, leaveGroup, memberOf, receiverList, type GroupOptions } from './joining';

/**
 * What a registration remembers between create and delete, in the workflow's static data (production at
 * the node's top level, "Listen for test event" under `testRegistration`, which n8n keeps with the test
 * registration): the URL registered, the webhook and the Messages capability that were there before, and
 * the capability as we wrote it (to know on delete whether ours is still the only change).
 * `previousOurs` says whether the webhook before was exactly a URL one of our triggers registered; it is
 * decided when we replace it (this process knows then) and kept, so that it holds after a restart.
 */
interface RegistrationState extends OriginalState {
	registeredUrl?: string;
	/** A member of a group: its URL is not on the application; the receiver's is (joining.ts). */
	grouped?: boolean;
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
		'grouped',
		GROUP_STATIC_KEY,
	])
		delete node[key];
}

function originalOf(state: RegistrationState): OriginalState {
	const { previous, previousOurs, messagesBefore, messagesAfter } = state;
	return { previous, previousOurs, messagesBefore, messagesAfter };
}

function queueKey(credentials: { baseUrl: string; applicationId: string }): string {
	return `${applicationsBaseUrl(credentials.baseUrl)} ${credentials.applicationId}`;
}

/** Where the member list lives in a trigger's node static data (nodes/shared/webhooks/group.ts reads it). */
const GROUP_STATIC_KEY = 'group';

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

/** Whether a trigger may join the one holding `url`: an automatic, production registration of this n8n. */
function canJoin(url: string): boolean {
	const holder = registrations.holderOf(url);
	return holder !== undefined && !holder.test && holder.manual !== true;
}

/** The three lifecycle methods n8n calls on activation (checkExists, then create) and deactivation (delete). */
export function registrationMethods(key: WebhookKey, groupOptions: GroupOptions = {}) {
	const groupKey = (credentials: { baseUrl: string; applicationId: string }) =>
		`${queueKey(credentials)} ${key}`;
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const url = ourUrl(this);
			if (!isAutomatic(this)) {
				// Registration "Manual": the user pasted this URL at Vonage; no other trigger may take it over.
				if (!isTestListening(this))
					registrations.hold(url, {
						workflowId: this.getWorkflow().id ?? '',
						test: false,
						manual: true,
					});
				return true;
			}
			if (isTestListening(this)) return false; // always through create, which remembers what to put back
			const credentials = await applicationCredentials.call(this);
			const current = webhookOf(await getApplication.call(this, credentials), key)?.address;
			const node = nodeState(this);
			// After a restart, n8n checks every active trigger: the ones still registered hold their URL
			// again, and so do the members of a group whose receiver still has the application.
			const member =
				node.grouped === true &&
				current !== undefined &&
				current !== url &&
				sameOrigin(current, url);
			const exists = current === url || member;
			if (exists) {
				registrations.hold(url, { workflowId: this.getWorkflow().id ?? '', test: false });
				registrations.registeredHere(url);
				const group = groups.ensure(groupKey(credentials), current, originalOf(node));
				groups.add(groupKey(credentials), memberOf(this, url, groupOptions));
				if (current === url) group.receiverUrl = url;
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
			const gkey = groupKey(credentials);
			let joined: OriginalState | undefined;
			await oneAtATime(queueKey(credentials), async () => {
				const application = await getApplication.call(this, credentials);
				const messages = messagesCapability(application);
				const current = webhookOf(application, key);
				if (current?.address !== url) {
					// Another active trigger of this n8n receives for the application: join it.
					const group = test ? undefined : groups.get(gkey);
					if (
						current &&
						group?.receiverUrl === current.address &&
						sameOrigin(current.address, url) &&
						canJoin(current.address)
					) {
						joined = await joinGroup(this, gkey, group, credentials, key, url, groupOptions);
						return;
					}
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
				if (!test) {
					// The receiver now (a group that lost the application to someone else keeps its members).
					const group = groups.ensure(gkey, url, originalOf(state));
					// Members whose workflow is no longer active here (deactivated under another credential) go.
					for (const member of [...group.members.keys()])
						if (member !== url && (!registrations.holderOf(member) || !sameOrigin(member, url)))
							group.members.delete(member);
					const others = group.members.size > (group.members.has(url) ? 1 : 0);
					if (!others) group.original = originalOf(state);
					group.receiverUrl = url;
					groups.add(gkey, memberOf(this, url, groupOptions));
				}
			});
			if (joined) {
				Object.assign(state, joined, { registeredUrl: url, grouped: true });
				state[GROUP_STATIC_KEY] = receiverList(groups.get(gkey), url);
				registrations.registeredHere(url);
				registrations.hold(url, { workflowId: this.getWorkflow().id ?? '', test });
				return true;
			}
			if (!test) {
				delete state.grouped;
				state[GROUP_STATIC_KEY] = receiverList(groups.get(gkey), url);
			}
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
			const gkey = groupKey(credentials);
			if (!test) groups.forget(registeredUrl, gkey);
			// Decided inside the queue: n8n 2.x deactivates several workflows at once (its publication
			// outbox), and who is last is known only once the others before have left.
			await oneAtATime(queueKey(credentials), async () => {
				const group = test ? undefined : groups.get(gkey);
				const inGroup = group?.members.has(registeredUrl) === true;
				if (group && inGroup && group.members.size > 1) {
					// Others stay: the application keeps pointing at one of them (joining.ts), and they keep
					// what the first trigger found. Cleared first, so that a failure below cannot leave this
					// workflow looking like a member the next time it is activated.
					clearState(this, state);
					return await leaveGroup(this, gkey, group, credentials, key, registeredUrl);
				}
				// The last one puts back what the first one found.
				const original: RegistrationState = inGroup && group ? group.original : state;
				if (inGroup) groups.drop(gkey);
				const application = await readApplication.call(this, credentials);
				// Deleted at Vonage: nothing left to put back.
				if (application === 'deleted') return;
				// Only put things back while the application still points at us: never clobber a URL set since.
				if (webhookOf(application, key)?.address !== registeredUrl) return;
				const restore = restorable(original);
				const messages = messagesCapability(application);
				let next: IDataObject | undefined;
				if (
					original.messagesAfter !== undefined &&
					sameJson(messages ?? null, original.messagesAfter)
				) {
					// Ours is still the only change: the capability goes back exactly as it was.
					next = original.messagesBefore ?? undefined;
					if (next && !sameJson(restore ?? null, original.previous ?? null))
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
