import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { initialApplication } from './applications';
import type { AccountKeys } from './auth';
import { Background } from './background';
import { makeCredentials, publicCredentials } from './credentials';
import { inboundEvent, outcomeFor, statusEvent } from './events';
import { isLoopbackUrl, sendJson } from './http';
import { genericProblem } from './problems';
import { RollingWindow } from './rate-limit';
import { route } from './router';
import type { AcceptedMessage, Application, DeliveryRecord, EmulatorCredentials, EmulatorOptions, Fault, RequestRecord } from './types';
import { deliverWebhook } from './webhooks';

const DEFAULTS: EmulatorOptions = { webhookRetryDelaysMs: [50, 100, 200, 400], statusDelayMs: 20 };

/** A local stand-in for Vonage's Messages API v0.1 and Applications API v2 (see README.md). */
export class Emulator {
	url = '';
	port = 0;
	readonly credentials: EmulatorCredentials;
	accepted: AcceptedMessage[] = [];
	requests: RequestRecord[] = [];
	webhookDeliveries: DeliveryRecord[] = [];
	/** Bodies of every accepted PUT /v2/applications/:id, in order. */
	applicationWrites: Application[] = [];
	application: Application;
	options: EmulatorOptions;
	private readonly initialOptions: EmulatorOptions;
	faults: Fault[] = [];
	/** Every jti ever accepted: a reused one is refused (kept across reset()). */
	readonly usedJtis = new Set<string>();
	readonly window = new RollingWindow();
	private readonly background = new Background();
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();

	constructor(options: EmulatorOptions = {}) {
		this.options = { ...DEFAULTS, ...options };
		this.initialOptions = { ...this.options };
		this.credentials = makeCredentials(options);
		this.application = initialApplication(this.keys);
		this.server = http.createServer((req, res) => {
			route(this, req, res).catch((error: Error) => {
				if (res.headersSent) return void res.destroy();
				sendJson(res, 500, genericProblem('#internal-error', 'Internal Server Error', `emulator: ${error.message}`));
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get keys(): AccountKeys {
		const { apiKey, apiSecret, applicationId, publicKey } = this.credentials;
		return { apiKey, apiSecret, applicationId, publicKey };
	}

	async listen(): Promise<this> {
		const host = this.options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port ?? 0, host, () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
		return this;
	}

	configure(partial: Partial<EmulatorOptions>): void {
		this.options = { ...this.options, ...partial };
	}

	failNext(...faults: Fault[]): void {
		this.faults.push(...faults);
	}

	/** POSTs a signed webhook to the application's status or inbound URL (loopback URLs only). */
	async webhook(kind: DeliveryRecord['kind'], payload: object): Promise<DeliveryRecord> {
		const key = kind === 'status' ? 'status_url' : 'inbound_url';
		const url: unknown = this.application.capabilities?.messages?.webhooks?.[key]?.address;
		if (typeof url !== 'string' || !isLoopbackUrl(url)) {
			// Never contacts another machine: such deliveries are recorded, not attempted.
			const why = typeof url === 'string' && url !== '' ? 'not a loopback URL' : `no ${key} on the application`;
			const skipped: DeliveryRecord = { kind, url: typeof url === 'string' ? url : '', body: JSON.stringify(payload), attempt: 0, error: `not delivered: ${why}`, at: Date.now() };
			this.webhookDeliveries.push(skipped);
			return skipped;
		}
		const retries = this.options.webhookRetryDelaysMs ?? [];
		return await this.background.run((task) =>
			deliverWebhook({ kind, url, payload }, this.credentials, retries, (attempt) => this.webhookDeliveries.push(attempt), task),
		);
	}

	/** After an accepted send, when the application has a status URL: `submitted`, then the outcome for `to`. */
	emitStatuses(message: AcceptedMessage): void {
		if (!this.application.capabilities?.messages?.webhooks?.status_url?.address) return;
		void this.background.run(async (task) => {
			const delay = () => task.sleep(this.options.statusDelayMs ?? 20);
			if (!(await delay())) return;
			await this.webhook('status', statusEvent(message, 'submitted'));
			if (!(await delay())) return;
			await this.webhook('status', statusEvent(message, outcomeFor(message.body.to.number)));
		});
	}

	/** Sends a signed inbound-message webhook to the application's inbound URL; resolves with the last attempt. */
	async sendInbound(msg: { from: string; to: string; text: string }): Promise<DeliveryRecord> {
		return await this.webhook('inbound', inboundEvent(msg));
	}

	async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
		const until = Date.now() + timeoutMs;
		while (!predicate()) {
			if (Date.now() > until) throw new Error(`emulator.waitFor: condition not met within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	/** Clears records and faults, cancels pending webhooks, restores the application and the options given at start. */
	reset(): void {
		this.background.cancel();
		this.accepted = [];
		this.requests = [];
		this.webhookDeliveries = [];
		this.applicationWrites = [];
		this.faults = [];
		this.window.clear();
		this.options = { ...this.initialOptions };
		this.application = initialApplication(this.keys);
	}

	/** What a control client may see: everything but the secrets. */
	publicState() {
		return {
			url: this.url,
			credentials: publicCredentials(this.credentials),
			application: this.application,
			accepted: this.accepted,
			requests: this.requests.map(({ auth, status, at }) => ({ auth, status, at })),
			webhookDeliveries: this.webhookDeliveries,
			applicationWrites: this.applicationWrites.length,
			faultsQueued: this.faults.length,
		};
	}

	async close(): Promise<void> {
		this.background.cancel();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
		await this.background.drain();
	}
}
