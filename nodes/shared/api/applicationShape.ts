import type { IDataObject } from 'n8n-workflow';

/** The two Messages webhooks an application has. */
export type WebhookKey = 'status_url' | 'inbound_url';

export interface WebhookSetting {
	address: string;
	http_method: string;
}

export type Application = IDataObject & { id: string; name: string; capabilities?: IDataObject };

/**
 * The webhook format a Messages capability gets when we have to create it: Vonage reads an unset
 * version as v1, and a capability needs its webhooks together with `version` (shared README
 * "Applications API details").
 */
export const NEW_CAPABILITY_VERSION = 'v1';

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a body is the application we asked for (application-v2.yml: `id`, `name`, `capabilities`
 * an object): anything else is never written back.
 */
export function isApplication(body: unknown, applicationId: string): body is Application {
	if (!isObject(body)) return false;
	if (typeof body.id !== 'string' || body.id.toLowerCase() !== applicationId.toLowerCase())
		return false;
	if (typeof body.name !== 'string' || body.name.trim() === '') return false;
	return body.capabilities === undefined || isObject(body.capabilities);
}

export function messagesCapability(application: Application): IDataObject | undefined {
	const messages = application.capabilities?.messages;
	return isObject(messages) ? messages : undefined;
}

export function webhookOf(application: Application, key: WebhookKey): WebhookSetting | undefined {
	const webhooks = messagesCapability(application)?.webhooks;
	const setting = isObject(webhooks) ? webhooks[key] : undefined;
	return isObject(setting) && typeof setting.address === 'string' && setting.address !== ''
		? (setting as unknown as WebhookSetting)
		: undefined;
}

/** A copy of the application with its Messages capability replaced, or removed when `messages` is undefined. */
export function withMessages(
	application: Application,
	messages: IDataObject | undefined,
): Application {
	const capabilities = { ...(application.capabilities ?? {}) };
	if (messages) capabilities.messages = messages;
	else delete capabilities.messages;
	return { ...application, capabilities };
}

/**
 * The Messages capability with one webhook set (or removed when `setting` is undefined). A capability
 * created for the webhook gets a `version`; one left without webhooks is dropped (undefined), as
 * Vonage's CLI does rather than PUT an empty capability.
 */
export function messagesWith(
	current: IDataObject | undefined,
	key: WebhookKey,
	setting: WebhookSetting | undefined,
): IDataObject | undefined {
	const messages: IDataObject = current ? { ...current } : { version: NEW_CAPABILITY_VERSION };
	const webhooks: IDataObject = isObject(messages.webhooks) ? { ...messages.webhooks } : {};
	if (setting) webhooks[key] = { ...setting };
	else delete webhooks[key];
	if (Object.keys(webhooks).length === 0) return undefined;
	messages.webhooks = webhooks;
	return messages;
}

/** Structural equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		return (
			Array.isArray(a) &&
			Array.isArray(b) &&
			a.length === b.length &&
			a.every((v, i) => sameJson(v, b[i]))
		);
	}
	if (!isObject(a) || !isObject(b)) return false;
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
}
