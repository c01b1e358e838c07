/** The emulator's public types: options, faults and the records tests inspect. */

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
}

/** Options that may change while running (configure() and POST /_emulator/config). */
export const RUNTIME_OPTIONS = ['latencyMs', 'rateLimitPerSecond', 'webhookRetryDelaysMs', 'statusDelayMs'] as const;

export type Fault =
	| { kind: 'status'; status: number; retryAfterSeconds?: number; body?: object }
	| { kind: 'reset-before-accept' }
	| { kind: 'reset-after-accept' }
	| { kind: 'hang-after-accept' };

export const FAULT_KINDS: ReadonlyArray<Fault['kind']> = ['status', 'reset-before-accept', 'reset-after-accept', 'hang-after-accept'];

export type AuthKind = 'jwt' | 'basic';

export interface AcceptedMessage {
	message_uuid: string;
	body: Record<string, any>;
	auth: AuthKind;
	/** The JWT's jti (JWT auth only). */
	jti?: string;
	receivedAt: number;
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
