/** The emulator's public types: options, faults and the records tests inspect. */
import type { Messages401Title } from './problems';

export interface EmulatorOptions {
	/** Port to listen on; 0 (default) picks a free one. */
	port?: number;
	/** Interface to bind; default 127.0.0.1. */
	host?: string;
	apiKey?: string;
	apiSecret?: string;
	applicationId?: string;
	/** RSA PEM pair of the application; a 2048-bit pair is generated when either is absent. */
	privateKey?: string;
	publicKey?: string;
	/** HS256 secret for signed webhooks; generated (>= 32 chars) when absent. */
	signatureSecret?: string;
	/** Added before every answer of POST /v0.1/messages. */
	latencyMs?: number;
	/** More than N accepted sends in any rolling 1 s window -> 429 with Retry-After. */
	rateLimitPerSecond?: number;
	/** Waits between webhook attempts after 429/5xx/connection errors (Vonage: 5 s doubling). */
	webhookRetryDelaysMs?: number[];
	/** Delay between accept and `submitted`, and between `submitted` and the final status. */
	statusDelayMs?: number;
	/**
	 * The application's `capabilities.messages.version`: the format of its status and inbound webhooks.
	 * Unset (the default, as on a real application) means the field is absent, which Vonage reads as v1.
	 * At runtime, configure() sets it on the current application (as a PUT through the Applications API would).
	 */
	applicationWebhookVersion?: WebhookVersion;
	/** The account's "Messaging API type" (Dashboard > API Settings): `messages` (default) or `sms`. */
	messagingApiType?: MessagingApiType;
	/** The account-level status URL, where the status of Basic-auth sends goes; unset = not delivered. */
	accountStatusUrl?: string;
	/** Print a line for every webhook that is not delivered, and why (the CLI does). */
	logSkipped?: boolean;
	/** Every Messages API 401 gets this recorded title; unset: chosen per request (problems.ts `unauthorized`). */
	unauthorizedTitle?: Messages401Title;
	/** Whether a rate-limit 429 carries Retry-After (default true; not confirmed for real Vonage). */
	throttleRetryAfter?: boolean;
}

export type WebhookVersion = 'v0.1' | 'v1';
export const WEBHOOK_VERSIONS: readonly WebhookVersion[] = ['v0.1', 'v1'];
export type MessagingApiType = 'messages' | 'sms';
export const MESSAGING_API_TYPES: readonly MessagingApiType[] = ['messages', 'sms'];

/** Options that may change while running (configure() and POST /_emulator/config). */
export const RUNTIME_OPTIONS = [
	'latencyMs',
	'rateLimitPerSecond',
	'webhookRetryDelaysMs',
	'statusDelayMs',
	'applicationWebhookVersion',
	'messagingApiType',
	'accountStatusUrl',
	'unauthorizedTitle',
	'throttleRetryAfter',
] as const;

export type Fault =
	| { kind: 'status'; status: number; retryAfterSeconds?: number; body?: object }
	| { kind: 'reset-before-accept' }
	| { kind: 'reset-after-accept' }
	| { kind: 'hang-after-accept' };

export const FAULT_KINDS: ReadonlyArray<Fault['kind']> = [
	'status',
	'reset-before-accept',
	'reset-after-accept',
	'hang-after-accept',
];

export type AuthKind = 'jwt' | 'basic';

export interface AcceptedMessage {
	message_uuid: string;
	body: Record<string, any>;
	auth: AuthKind;
	/** The JWT's jti (JWT auth only). */
	jti?: string;
	/** A send's own `webhook_version` (v1 sends may override the application's); none for v0.1 sends. */
	webhookVersion?: WebhookVersion;
	/** A v1 send's own status URL (`webhook_url`), where its statuses go instead (account.ts statusPlan). */
	webhookUrl?: string;
	receivedAt: number;
	/** `v1` when it was sent through `/v1/messages`; absent for `/v0.1/messages`. */
	version?: 'v1';
}

export interface RequestRecord {
	/** How the request authenticated; absent when it did not. */
	auth?: AuthKind;
	/** HTTP status answered, or what happened instead. */
	status: number | 'reset' | 'hang';
	body?: unknown;
	at: number;
}

export interface DeliveryRecord {
	kind: 'status' | 'inbound';
	/** Where Vonage sends it: the application's webhook, or the account-level URL (Basic-auth status). */
	target?: 'application' | 'account';
	/** The webhook format of `body`. */
	version?: WebhookVersion;
	url: string;
	/** The exact bytes POSTed (what payload_hash covers). */
	body: string;
	/** 1 for the first try; 0 when nothing was sent (no URL, or not a loopback address). */
	attempt: number;
	/** The receiver's HTTP status... */
	status?: number;
	/** ...or why there is none. */
	error?: string;
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

export type Application = Record<string, any>;
