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
 * The Messages capability with one webhook set (or removed when `setting` is undefined); every other
 * field stays as read (`version` is never added to nor taken from a capability that exists). A
 * capability created for the webhook gets a `version`; one left without webhooks and holding nothing
 * but what we would give a new one is dropped (undefined), as Vonage's CLI does rather than PUT an
 * empty capability. One that holds more (another version, other settings) keeps them.
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
	if (Object.keys(webhooks).length > 0 || isObject(messages.webhooks)) messages.webhooks = webhooks;
	if (Object.keys(webhooks).length > 0) return messages;
	const onlyOurs = Object.entries(messages).every(
		([field, value]) =>
			field === 'webhooks' || (field === 'version' && value === NEW_CAPABILITY_VERSION),
	);
	return onlyOurs ? undefined : messages;
}

/**
 * Fields a GET may return that an update must not carry, each with its source. Everything else goes
 * back exactly as read.
 */
const NOT_SENT_ON_UPDATE: ReadonlyArray<readonly string[]> = [
	// HAL links of the answer (application-v2.yml), not part of the application.
	['_links'],
	// Python SDK (vonage_application common.py, Verify): "Don't set the `version` field when creating or
	// updating an application"; the Java SDK's Verify capability has no version field, though its GET
	// fixture (ApplicationClientTest) shows one. Vonage keeps its own.
	['capabilities', 'verify', 'version'],
	// The Java and .NET GET fixtures echo a private key; updates carry `keys.public_key` only (.NET
	// UpdateApplication-request.json, Python KeysRequest). A secret is never sent anywhere it need not go.
	['keys', 'private_key'],
];

function without(value: IDataObject, path: readonly string[]): IDataObject {
	const [field, ...rest] = path;
	if (!Object.prototype.hasOwnProperty.call(value, field)) return value;
	const copy = { ...value };
	if (rest.length === 0) delete copy[field];
	else if (isObject(copy[field])) copy[field] = without(copy[field], rest);
	return copy;
}

/** The body of the PUT: the application as read (with our one change), less NOT_SENT_ON_UPDATE. */
export function updateBody(application: Application): IDataObject {
	return NOT_SENT_ON_UPDATE.reduce<IDataObject>((body, path) => without(body, path), application);
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
