/**
 * A local stand-in for Vonage: Messages API v0.1 (send SMS), Applications API v2 (GET/PUT), signed
 * status and inbound webhooks with Vonage's retries, plus faults and records for tests. See README.md.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { initialApplication, type Application } from './applications';
import { route } from './routes';
import { deliverWebhook, outcomeFor, type DeliveryRecord } from './webhooks';

export type { DeliveryRecord } from './webhooks';
export type { Application } from './applications';

export interface EmulatorOptions {
	port?: number;
	host?: string;
	apiKey?: string;
	apiSecret?: string;
	applicationId?: string;
	privateKey?: string;
	publicKey?: string;
	signatureSecret?: string;
	latencyMs?: number;
	rateLimitPerSecond?: number;
	webhookRetryDelaysMs?: number[];
	statusDelayMs?: number;
}

export type Fault =
	| { kind: 'status'; status: number; retryAfterSeconds?: number; body?: object }
	| { kind: 'reset-before-accept' }
	| { kind: 'reset-after-accept' }
	| { kind: 'hang-after-accept' };

export interface AcceptedMessage {
	message_uuid: string;
	body: Record<string, any>;
	auth: 'jwt' | 'basic';
	jti?: string;
	receivedAt: number;
}

export interface RequestRecord {
	auth?: 'jwt' | 'basic';
	status: number | 'reset' | 'hang';
	body?: unknown;
	at: number;
}

export interface EmulatorCredentials {
	apiKey: string;
	apiSecret: string;
	applicationId: string;
	privateKey: string;
	publicKey: string;
	signatureSecret: string;
}

function generateCredentials(options: EmulatorOptions): EmulatorCredentials {
	let { privateKey, publicKey } = options;
	if (!privateKey || !publicKey) {
		const pair = generateKeyPairSync('rsa', {
			modulusLength: 2048,
			privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
			publicKeyEncoding: { type: 'spki', format: 'pem' },
		});
		privateKey = pair.privateKey;
		publicKey = pair.publicKey;
	}
	return {
		apiKey: options.apiKey ?? randomBytes(4).toString('hex'),
		apiSecret: options.apiSecret ?? randomBytes(12).toString('base64url'),
		applicationId: options.applicationId ?? randomUUID(),
		privateKey,
		publicKey,
		signatureSecret: options.signatureSecret ?? randomBytes(32).toString('base64url'),
	};
}

const isLoopback = (url: string) => {
	try {
		return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname) || new URL(url).hostname.startsWith('127.');
	} catch {
		return false;
	}
};

export class Emulator {
	url = '';
	port = 0;
	readonly credentials: EmulatorCredentials;
	accepted: AcceptedMessage[] = [];
	requests: RequestRecord[] = [];
	webhookDeliveries: DeliveryRecord[] = [];
	applicationWrites: Application[] = [];
	application: Application;
	options: EmulatorOptions;
	faults: Fault[] = [];
	usedJtis = new Set<string>();
	recentSends: number[] = [];
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly pending = new Set<Promise<unknown>>();

	constructor(options: EmulatorOptions) {
		this.options = { webhookRetryDelaysMs: [50, 100, 200, 400], statusDelayMs: 20, ...options };
		this.credentials = generateCredentials(options);
		this.application = initialApplication(this.keys);
		this.server = http.createServer((req, res) => void route(this, req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get keys() {
		const { apiKey, apiSecret, applicationId, publicKey } = this.credentials;
		return { apiKey, apiSecret, applicationId, publicKey };
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
		return this;
	}

	configure(partial: Partial<EmulatorOptions>): void {
		this.options = { ...this.options, ...partial };
	}

	failNext(...faults: Fault[]): void {
		this.faults.push(...faults);
	}

	/** Runs background work (webhooks) so that close() can wait for it. */
	track<T>(work: Promise<T>): Promise<T> {
		this.pending.add(work);
		void work.finally(() => this.pending.delete(work));
		return work;
	}

	async webhook(kind: DeliveryRecord['kind'], payload: object): Promise<DeliveryRecord> {
		const key = kind === 'status' ? 'status_url' : 'inbound_url';
		const url: string | undefined = this.application.capabilities?.messages?.webhooks?.[key]?.address;
		const record = (delivery: DeliveryRecord) => this.webhookDeliveries.push(delivery);
		if (!url || !isLoopback(url)) {
			// This emulator only ever calls this machine: other addresses are recorded, not contacted.
			const skipped: DeliveryRecord = { kind, url: url ?? '', body: JSON.stringify(payload), attempt: 0, error: 'not delivered: not a loopback URL', at: Date.now() };
			record(skipped);
			return skipped;
		}
		return await this.track(deliverWebhook(kind, url, payload, this.credentials, this.options.webhookRetryDelaysMs ?? [], record));
	}

	/** After an accepted send: `submitted`, then the outcome the `to` number calls for. */
	emitStatuses(message: AcceptedMessage): void {
		const delay = this.options.statusDelayMs ?? 20;
		const base = {
			message_uuid: message.message_uuid,
			to: { type: 'sms', number: message.body.to.number },
			from: { type: 'sms', number: message.body.from.number },
			usage: { currency: 'EUR', price: '0.0333' },
			...(message.body.client_ref !== undefined ? { client_ref: message.body.client_ref } : {}),
		};
		const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		void this.track(
			(async () => {
				await wait(delay);
				await this.webhook('status', { ...base, timestamp: new Date().toISOString(), status: 'submitted' });
				await wait(delay);
				await this.webhook('status', { ...base, timestamp: new Date().toISOString(), ...outcomeFor(message.body.to.number) });
			})(),
		);
	}

	async sendInbound(msg: { from: string; to: string; text: string }): Promise<DeliveryRecord> {
		const parts = Math.max(1, Math.ceil(msg.text.length / 153));
		return await this.webhook('inbound', {
			message_uuid: randomUUID(),
			timestamp: new Date().toISOString(),
			to: { type: 'sms', number: msg.to },
			from: { type: 'sms', number: msg.from },
			message: { content: { type: 'text', text: msg.text }, sms: { num_messages: String(parts) } },
			usage: { currency: 'EUR', price: '0.0057' },
		});
	}

	async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
		const until = Date.now() + timeoutMs;
		while (!predicate()) {
			if (Date.now() > until) throw new Error(`emulator.waitFor: condition not met within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	reset(): void {
		this.accepted = [];
		this.requests = [];
		this.webhookDeliveries = [];
		this.applicationWrites = [];
		this.faults = [];
		this.recentSends = [];
		this.application = initialApplication(this.keys);
	}

	/** What a control client may see: everything but the secrets. */
	publicState() {
		const { apiKey, applicationId } = this.credentials;
		return {
			url: this.url,
			credentials: { apiKey, applicationId },
			application: this.application,
			accepted: this.accepted.map(({ jti: _jti, ...rest }) => rest),
			requests: this.requests,
			webhookDeliveries: this.webhookDeliveries,
			applicationWrites: this.applicationWrites.length,
		};
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
		await Promise.allSettled([...this.pending]);
	}
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await new Emulator(options).listen();
}
