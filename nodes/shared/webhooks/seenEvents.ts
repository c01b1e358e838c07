import { createHmac, randomBytes } from 'node:crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { SeenStore, type SeenLimits } from './seenStore';
import { MAX_AGE_RANGE } from './signature';

const HOUR_MS = 60 * 60 * 1000;
const CLOCK_SKEW_MS = 60 * 1000;

/**
 * What this process remembers of the webhooks it has handled, and for how long. Each store is bounded
 * per scope and in all (seenStore.ts: a scope is only ever pushed out by its own traffic, or when the
 * store is full and it holds the most keys); about 60 bytes per key, whatever the key's length.
 * - signed: duplicate keys of triggers whose credential has a Signature Secret, per trigger;
 * - unsigned: those of triggers without one (anyone can fill them), apart, so they cannot push out
 *   what signed traffic recorded;
 * - tokens: used token ids (`jti`), per signature secret (a token passes every trigger with that
 *   secret), kept as long as the longest Max Signature Age allows (48 h): in queue mode a webhook
 *   process does not see activations, so it cannot know a smaller maximum in force.
 */
export const SEEN_LIMITS = {
	signed: { perScope: 1_000_000, total: 2_000_000 },
	unsigned: { perScope: 100_000, total: 200_000 },
	tokens: { perScope: 1_000_000, total: 2_000_000 },
} as const satisfies Record<string, SeenLimits>;

/** Vonage retries for 24 hours: a duplicate key is remembered that long, and an hour more. */
export const DUPLICATE_TTL_MS = 25 * HOUR_MS;
/** A token is usable at most MAX_AGE_RANGE.max after its iat, which is at most the clock skew ahead. */
export const TOKEN_TTL_MS = MAX_AGE_RANGE.max * 1000 + 2 * CLOCK_SKEW_MS;

/**
 * In the memory of the n8n process that receives the webhook (n8n itself in single mode, each
 * `n8n webhook` process in queue mode). Not in static data: n8n 2.41.1 does not keep what webhook()
 * writes there when it starts an execution (see README, "Duplicates").
 */
const stores = {
	signed: new SeenStore(SEEN_LIMITS.signed),
	unsigned: new SeenStore(SEEN_LIMITS.unsigned),
	tokens: new SeenStore(SEEN_LIMITS.tokens),
};

/** Names a signature secret without keeping it: an HMAC under a key that never leaves this process. */
const fingerprintKey = randomBytes(32);

/** A verified token: its id, in the scope of the secret that signed it. */
export interface UsedToken {
	scope: string;
	jti: string;
	/** How long it is remembered; default TOKEN_TTL_MS (a hand-over between triggers: its short life). */
	ttlMs?: number;
}

export function usedToken(secret: string, jti: string, ttlMs?: number): UsedToken {
	const scope = createHmac('sha256', fingerprintKey).update(secret).digest('base64').slice(0, 22);
	return ttlMs === undefined ? { scope, jti } : { scope, jti, ttlMs };
}

export function tokenUsed(token: UsedToken): boolean {
	return stores.tokens.has(token.scope, token.jti);
}

/** One request's outcome, as far as the stores are concerned. */
export interface Handling {
	token?: UsedToken;
	/** Whether the trigger's credential has a Signature Secret: which duplicate store applies. */
	signed: boolean;
	/** The event's duplicate key when Ignore Duplicates applies to it (not filtered out). */
	duplicateKey?: string;
	/**
	 * `application`: the event as it arrived for the whole application (a waiting Send and Wait, the
	 * triggers it is handed on to), apart from this trigger's own workflow, which keeps its own.
	 */
	as?: 'application';
}

/** The trigger's own scope: this workflow and node, production and test URL apart. */
function triggerScope(ctx: IWebhookFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''} ${node.webhookId ?? node.id} ${ctx.getMode()}`;
}

/**
 * Decides and records in one synchronous step, so two copies arriving at the same moment cannot both
 * pass: why the request starts nothing ('token already used', 'duplicate event'), or undefined when
 * it starts the workflow. The token is recorded either way (the request is answered 200 and done
 * with), the duplicate key only for an event that starts the workflow. Both are forgotten again if
 * n8n then answers with an error (it could not start the execution), so that Vonage's retry of that
 * request is processed: call it last in webhook(), with nothing after it that can fail.
 */
export function settle(ctx: IWebhookFunctions, handling: Handling): string | undefined {
	const { token, duplicateKey } = handling;
	if (token && tokenUsed(token)) return 'token already used';
	const duplicates = handling.signed ? stores.signed : stores.unsigned;
	const scope = scopeOf(ctx, handling);
	const key = duplicateKey === '' ? undefined : duplicateKey;
	const duplicate = key !== undefined && duplicates.has(scope, key);
	const now = Date.now();
	if (token) stores.tokens.record(token.scope, token.jti, now + (token.ttlMs ?? TOKEN_TTL_MS), now);
	if (!duplicate && key !== undefined) duplicates.record(scope, key, now + DUPLICATE_TTL_MS, now);
	if (!duplicate) {
		forgetOnFailure(ctx, () => {
			if (token) stores.tokens.forget(token.scope, token.jti);
			if (key !== undefined) duplicates.forget(scope, key);
		});
	}
	return duplicate ? 'duplicate event' : undefined;
}

function scopeOf(ctx: IWebhookFunctions, handling: Handling): string {
	return handling.as ? `${triggerScope(ctx)} ${handling.as}` : triggerScope(ctx);
}

/**
 * Forgets what settle() recorded for a new event that is answered 503 after all (it could not be handed
 * over yet), so that the sender's retry is handled: at once, not only when the answer is sent (a sender
 * that gave up waiting is gone before then, and retries all the same).
 */
export function unsettle(ctx: IWebhookFunctions, handling: Handling): void {
	if (handling.token) stores.tokens.forget(handling.token.scope, handling.token.jti);
	const key = handling.duplicateKey === '' ? undefined : handling.duplicateKey;
	if (key !== undefined)
		(handling.signed ? stores.signed : stores.unsigned).forget(scopeOf(ctx, handling), key);
}

/** Undoes `forget` when n8n's answer to this request is an error (5xx): the event was not handed over. */
function forgetOnFailure(ctx: IWebhookFunctions, forget: () => void): void {
	const response = ctx.getResponseObject();
	if (typeof response.once !== 'function') return;
	response.once('finish', () => {
		if (response.statusCode >= 500) forget();
	});
}

/** Keys held by each store, for tests and diagnostics. */
export function seenCounts(): Record<keyof typeof stores, number> {
	return {
		signed: stores.signed.count(),
		unsigned: stores.unsigned.count(),
		tokens: stores.tokens.count(),
	};
}
