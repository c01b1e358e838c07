import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { inboundPlan, statusPlan, type Plan } from './account';
import { initialApplication, setApplicationVersion } from './applications';
import type { AccountKeys } from './auth';
import { Background } from './background';
import { makeCredentials, publicCredentials } from './credentials';
import { statusSteps } from './channel-status';
import { inboundEvent } from './events';
import { isLoopbackUrl, sendJson } from './http';
import { genericProblem } from './problems';
import { RollingWindow } from './rate-limit';
import { route } from './router';
import type {
	AcceptedMessage,
	Application,
	DeliveryRecord,
	EmulatorCredentials,
	EmulatorOptions,
	Fault,
	RequestRecord,
} from './types';
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
	/** Every accepted PATCH /v1/messages/{uuid} (update-message.ts), in order. */
	updates: Array<{ message_uuid: string; status: string; at: number }> = [];
	/** Bodies of every accepted PUT /v2/applications/:id, in order. */
	applicationWrites: Application[] = [];
	application: Application;
	options: EmulatorOptions;
	private readonly initialOptions: EmulatorOptions;
	faults: Fault[] = [];
	readonly window = new RollingWindow();
	private readonly background = new Background();
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();

	constructor(options: EmulatorOptions = {}) {
		this.options = { ...DEFAULTS, ...options };
		this.initialOptions = { ...this.options };
		this.credentials = makeCredentials(options);
		this.application = initialApplication(this.keys, this.options.applicationWebhookVersion);
		this.server = http.createServer((req, res) => {
			route(this, req, res).catch((error: Error) => {
				if (res.headersSent) return void res.destroy();
				sendJson(
					res,
					500,
					genericProblem('#internal-error', 'Internal Server Error', `emulator: ${error.message}`),
				);
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
		if ('applicationWebhookVersion' in partial)
			setApplicationVersion(this.application, partial.applicationWebhookVersion);
	}

	failNext(...faults: Fault[]): void {
		this.faults.push(...faults);
	}

	/**
	 * POSTs a signed webhook where `plan` says (account.ts decides: application or account-level URL, format).
	 * Nothing is sent, only recorded with `attempt: 0` and why, when the account would send none or the URL
	 * is missing or not a loopback address (the emulator never contacts another machine).
	 */
	async webhook(
		kind: DeliveryRecord['kind'],
		plan: Plan,
		payload: object,
	): Promise<DeliveryRecord> {
		const { target, version } = plan;
		const url = 'url' in plan ? plan.url : undefined;
		const why =
			'skip' in plan
				? plan.skip
				: typeof url !== 'string' || url === ''
					? plan.missing
					: isLoopbackUrl(url)
						? undefined
						: 'not a loopback URL';
		if (why !== undefined || typeof url !== 'string') {
			const skipped: DeliveryRecord = {
				kind,
				target,
				version,
				url: url ?? '',
				body: JSON.stringify(payload),
				attempt: 0,
				error: `not delivered: ${why}`,
				at: Date.now(),
			};
			this.webhookDeliveries.push(skipped);
			if (this.options.logSkipped) console.log(`emulator: ${kind} webhook ${skipped.error}`);
			return skipped;
		}
		const retries = this.options.webhookRetryDelaysMs ?? [];
		const signer =
			target === 'account'
				? { signatureSecret: this.credentials.signatureSecret, apiKey: this.credentials.apiKey }
				: this.credentials;
		return await this.background.run((task) =>
			deliverWebhook(
				{ kind, target, version, url, payload },
				signer,
				retries,
				(attempt) => this.webhookDeliveries.push(attempt),
				task,
			),
		);
	}

	/**
	 * After an accepted send: `submitted`, then the outcome for `to`, each where and in the format a real
	 * account would send it (account.ts: JWT to the application, Basic to the account-level URL).
	 */
	emitStatuses(message: AcceptedMessage): void {
		void this.background.run(async (task) => {
			const delay = () => task.sleep(this.options.statusDelayMs ?? 20);
			for (const step of statusSteps(message)) {
				if (!(await delay())) return;
				const plan = statusPlan(
					this.options,
					this.application,
					message.auth,
					message.webhookVersion,
					message.webhookUrl,
				);
				await this.webhook('status', plan, step(plan.version));
			}
		});
	}

	/** Sends a signed inbound-message webhook to the application's inbound URL; resolves with the last attempt. */
	async sendInbound(msg: { from: string; to: string; text: string }): Promise<DeliveryRecord> {
		const plan = inboundPlan(this.options, this.application);
		return await this.webhook('inbound', plan, inboundEvent(msg, plan.version));
	}

	async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
		const until = Date.now() + timeoutMs;
		while (!predicate()) {
			if (Date.now() > until)
				throw new Error(`emulator.waitFor: condition not met within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	/** Clears records and faults, cancels pending webhooks, restores the application and the options given at start. */
	reset(): void {
		this.background.cancel();
		this.accepted = [];
		this.requests = [];
		this.webhookDeliveries = [];
		this.updates = [];
		this.applicationWrites = [];
		this.faults = [];
		this.window.clear();
		this.options = { ...this.initialOptions };
		this.application = initialApplication(this.keys, this.options.applicationWebhookVersion);
	}

	/** What a control client may see: everything but the secrets. */
	publicState() {
		return {
			url: this.url,
			credentials: publicCredentials(this.credentials),
			application: this.application,
			account: {
				messagingApiType: this.options.messagingApiType ?? 'messages',
				accountStatusUrl: this.options.accountStatusUrl ?? null,
			},
			accepted: this.accepted,
			requests: this.requests.map(({ auth, status, at }) => ({ auth, status, at })),
			webhookDeliveries: this.webhookDeliveries,
			updates: this.updates,
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
