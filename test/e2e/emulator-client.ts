// What the e2e suite needs from the Vonage emulator, over HTTP only: the messages it received, the
// application's webhook URLs (through the Applications API, as the triggers see them) and inbound
// messages it sends to n8n.
import * as crypto from 'node:crypto';

import type { EmulatorCredentials } from './emulator-process';

export interface SentMessage {
	messageUuid: string;
	to: string;
	from: string;
	text: string;
	clientRef: string;
	raw: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function str(...values: unknown[]): string {
	for (const v of values) {
		if (typeof v === 'string') return v;
		if (typeof v === 'number') return String(v);
		if (isObject(v) && (typeof v.number === 'string' || typeof v.number === 'number'))
			return String(v.number);
	}
	return '';
}

function textOf(message: unknown): unknown {
	return isObject(message) && isObject(message.content) ? message.content.text : undefined;
}

/** Normalises one message record of GET /_emulator/state, whatever envelope the emulator keeps it in. */
export function normaliseMessage(record: Json): SentMessage {
	const inner = [record.body, record.request].find(isObject) ?? {};
	return {
		messageUuid: str(
			record.message_uuid,
			record.messageUuid,
			record.uuid,
			record.id,
			inner.message_uuid,
		),
		to: str(record.to, inner.to),
		from: str(record.from, inner.from),
		text: str(record.text, inner.text, textOf(inner.message)),
		clientRef: str(record.client_ref, record.clientRef, inner.client_ref),
		raw: record,
	};
}

export class EmulatorClient {
	constructor(
		readonly url: string,
		readonly credentials: EmulatorCredentials,
	) {}

	async state(): Promise<Json> {
		const res = await fetch(`${this.url}/_emulator/state`);
		if (!res.ok) throw new Error(`GET /_emulator/state: ${res.status}`);
		return (await res.json()) as Json;
	}

	/** Messages sent to the emulator's Messages API (outbound SMS). */
	async messages(): Promise<SentMessage[]> {
		const state = await this.state();
		const list = [state.accepted, state.messages, state.sent].find(Array.isArray) as
			| unknown[]
			| undefined;
		if (!list)
			throw new Error(
				`GET /_emulator/state has no message list (keys: ${Object.keys(state).join(', ')})`,
			);
		return list.filter(isObject).map(normaliseMessage);
	}

	/** Status webhooks the emulator has emitted (delivered or not) whose body carries a client_ref with this prefix. */
	async statusWebhooksFor(clientRefPrefix: string): Promise<number> {
		const state = await this.state();
		const deliveries = Array.isArray(state.webhookDeliveries)
			? state.webhookDeliveries.filter(isObject)
			: [];
		const needle = `"client_ref":"${clientRefPrefix}`;
		return deliveries.filter(
			(d) => d.kind === 'status' && typeof d.body === 'string' && d.body.includes(needle),
		).length;
	}

	/** Asks the emulator to deliver a signed inbound-message webhook to the application's inbound URL. */
	async inbound(message: { from: string; to: string; text: string }): Promise<unknown> {
		const res = await fetch(`${this.url}/_emulator/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(message),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`POST /_emulator/inbound: ${res.status} ${text}`);
		return text ? (JSON.parse(text) as unknown) : undefined;
	}

	private applicationRequest(): { url: string; headers: Record<string, string> } {
		const { apiKey, apiSecret, applicationId } = this.credentials;
		return {
			url: `${this.url}/v2/applications/${applicationId}`,
			headers: {
				authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
				'content-type': 'application/json',
			},
		};
	}

	private async application(): Promise<Json> {
		const { url, headers } = this.applicationRequest();
		const res = await fetch(url, { headers });
		if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
		return (await res.json()) as Json;
	}

	/**
	 * Sets (an address) or removes (undefined) one messages webhook of the application through the
	 * Applications API, as a user would in the dashboard; the rest of the application stays.
	 */
	async setApplicationWebhook(
		key: 'status_url' | 'inbound_url',
		address: string | undefined,
	): Promise<void> {
		const app = await this.application();
		const capabilities = (app.capabilities ??= {}) as Json;
		const messages = (capabilities.messages ??= {}) as Json;
		const webhooks = (messages.webhooks ??= {}) as Json;
		if (address === undefined) delete webhooks[key];
		else webhooks[key] = { address, http_method: 'POST' };
		delete app._links;
		const { url, headers } = this.applicationRequest();
		const res = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(app) });
		if (!res.ok) throw new Error(`PUT ${url}: ${res.status} ${await res.text()}`);
	}

	/** The application's messages webhooks, read through the Applications API with the account key. */
	async applicationWebhooks(): Promise<{ status_url?: string; inbound_url?: string }> {
		const app = await this.application();
		const capabilities = isObject(app.capabilities) ? app.capabilities : {};
		const messages = isObject(capabilities.messages) ? capabilities.messages : {};
		const webhooks = isObject(messages.webhooks) ? messages.webhooks : {};
		const address = (key: string) => {
			const hook = webhooks[key];
			return isObject(hook) && typeof hook.address === 'string' ? hook.address : undefined;
		};
		return { status_url: address('status_url'), inbound_url: address('inbound_url') };
	}
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A Vonage-style signed-webhook token (JWT HS256 with payload_hash), optionally for another body. */
export function signWebhook(body: string, secret: string, overrides: Json = {}): string {
	const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const claims = {
		iat: Math.floor(Date.now() / 1000),
		jti: crypto.randomUUID(),
		iss: 'Vonage',
		payload_hash: crypto.createHash('sha256').update(body).digest('hex'),
		...overrides,
	};
	const payload = b64url(JSON.stringify(claims));
	const signature = crypto
		.createHmac('sha256', secret)
		.update(`${header}.${payload}`)
		.digest('base64url');
	return `${header}.${payload}.${signature}`;
}
