import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import {
	applicationCredentials,
	getApplication,
	putApplication,
	webhookOf,
	withWebhook,
	type WebhookKey,
	type WebhookSetting,
} from './applications';

/**
 * What the trigger remembers between activation and deactivation, in the workflow's static data:
 * the URL it registered and the webhook that was there before it.
 */
interface RegistrationState {
	registeredUrl?: string;
	previous?: WebhookSetting | null;
}

// Both triggers read the whole application and write it back, and n8n activates workflows
// concurrently: changes to one application run one at a time, or one would undo the other.
const queues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
	const tail = run.catch(() => undefined);
	queues.set(key, tail);
	void tail.then(() => {
		if (queues.get(key) === tail) queues.delete(key);
	});
	return await run;
}

function isAutomatic(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('registration', 'automatic') === 'automatic';
}

function ourUrl(ctx: IHookFunctions): string {
	return ctx.getNodeWebhookUrl('default') as string;
}

/** The three lifecycle methods n8n calls on activation (checkExists, then create) and deactivation (delete). */
export function registrationMethods(key: WebhookKey) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			if (!isAutomatic(this)) return true;
			const credentials = await applicationCredentials.call(this);
			const current = webhookOf(await getApplication.call(this, credentials), key);
			return current?.address === ourUrl(this);
		},

		async create(this: IHookFunctions): Promise<boolean> {
			if (!isAutomatic(this)) return true;
			const credentials = await applicationCredentials.call(this);
			const state = this.getWorkflowStaticData('node') as RegistrationState & IDataObject;
			const url = ourUrl(this);
			await oneAtATime(`${credentials.baseUrl} ${credentials.applicationId}`, async () => {
				const application = await getApplication.call(this, credentials);
				const current = webhookOf(application, key);
				// Re-registering after someone pointed the application elsewhere: what they set is now "before".
				if (current?.address !== url) state.previous = current ?? null;
				await putApplication.call(this, credentials, withWebhook(application, key, { address: url, http_method: 'POST' }));
			});
			state.registeredUrl = url;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			if (!isAutomatic(this)) return true;
			const state = this.getWorkflowStaticData('node') as RegistrationState & IDataObject;
			const registeredUrl = state.registeredUrl ?? ourUrl(this);
			const credentials = await applicationCredentials.call(this);
			await oneAtATime(`${credentials.baseUrl} ${credentials.applicationId}`, async () => {
				const application = await getApplication.call(this, credentials);
				// Only put things back while the application still points at us: never clobber a URL set since.
				if (webhookOf(application, key)?.address === registeredUrl) {
					await putApplication.call(this, credentials, withWebhook(application, key, state.previous ?? undefined));
				}
			});
			delete state.registeredUrl;
			delete state.previous;
			return true;
		},
	};
}
