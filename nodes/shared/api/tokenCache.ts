import { createHash } from 'node:crypto';

import type { VonageCredentials } from './credentials';
import { signApplicationJwtOffThread } from './jwt';

/**
 * One signed application JWT per credential, reused for many requests. Vonage accepts a token until its
 * `exp` (shared README "Tokens"), and an RS256 signature costs about 0.8 ms of CPU, so a token is signed
 * with an `exp` a few minutes ahead and used while it has a safe margin left.
 */

/** The `exp` a cached token is signed with, after `iat` (Vonage accepts 30 s to 24 h). */
export const TOKEN_TTL_SECONDS = 10 * 60;
/** Room for Vonage's clock running ahead of ours, on top of the request's own deadline. */
export const CLOCK_ALLOWANCE_MS = 60_000;
/** At most this many credentials' tokens are kept; the one used least recently goes first. */
export const MAX_CACHED_TOKENS = 64;

/** The cache's clock, apart from the one tokens are signed with, so that tests can move it alone. */
export const tokenClock = { now: (): number => Date.now() };

/** How a request's token was obtained: `serial` names it for forgetToken without holding the token. */
export interface TokenUse {
	reused: boolean;
	serial: number;
}

interface Entry {
	/** Application id and private key of the credential, as a digest: the key itself is never a map key. */
	applicationId: string;
	keyDigest: string;
	serial: number;
	/** When the token stops being valid, on the cache's clock, counted from before it was signed. */
	expiresAt: number;
	token: Promise<string>;
}

const entries = new Map<string, Entry>();
const digests = new WeakMap<VonageCredentials, { key: string; keyDigest: string }>();
let serials = 0;

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** The cache key of a credential: a digest of application id and private key, computed once per credential object. */
function digestsOf(credentials: VonageCredentials): { key: string; keyDigest: string } {
	let known = digests.get(credentials);
	if (!known) {
		const keyDigest = sha256(credentials.privateKey);
		known = { key: sha256(`${credentials.applicationId}\u0000${keyDigest}`), keyDigest };
		digests.set(credentials, known);
	}
	return known;
}

function prune(now: number): void {
	for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
	while (entries.size > MAX_CACHED_TOKENS) entries.delete(entries.keys().next().value as string);
}

/** Drops what an earlier version of this credential left: the same application or key, another pair. */
function dropChangedCredential(applicationId: string, keyDigest: string, key: string): void {
	for (const [other, entry] of entries) {
		if (other === key) continue;
		if (entry.applicationId === applicationId || entry.keyDigest === keyDigest)
			entries.delete(other);
	}
}

/**
 * A `Bearer` token for a request that may take up to `requestMs` from now: the cached one while it
 * stays valid that long plus the clock allowance, else a freshly signed one that replaces it.
 */
export async function applicationToken(
	credentials: VonageCredentials,
	requestMs: number,
): Promise<{ token: string; use: TokenUse }> {
	const now = tokenClock.now();
	prune(now);
	const { key, keyDigest } = digestsOf(credentials);
	const cached = entries.get(key);
	if (cached && cached.expiresAt - now > requestMs + CLOCK_ALLOWANCE_MS) {
		entries.delete(key);
		entries.set(key, cached);
		return { token: await cached.token, use: { reused: true, serial: cached.serial } };
	}
	dropChangedCredential(credentials.applicationId, keyDigest, key);
	const entry: Entry = {
		applicationId: credentials.applicationId,
		keyDigest,
		serial: ++serials,
		expiresAt: now + TOKEN_TTL_SECONDS * 1000,
		token: signApplicationJwtOffThread(
			credentials.applicationId,
			credentials.privateKey,
			TOKEN_TTL_SECONDS,
		),
	};
	// A token that could not be signed is never handed out again: its entry goes when signing fails.
	entry.token.catch(() => {
		if (entries.get(key) === entry) entries.delete(key);
	});
	entries.delete(key);
	entries.set(key, entry);
	prune(now);
	return { token: await entry.token, use: { reused: false, serial: entry.serial } };
}

/**
 * Vonage refused the token `serial` names (a 401): it is not used again. A token signed after it
 * (by a request that got the same 401 first) stays.
 */
export function forgetToken(credentials: VonageCredentials, serial: number): void {
	const { key } = digestsOf(credentials);
	const entry = entries.get(key);
	if (entry && entry.serial <= serial) entries.delete(key);
}

/** How many tokens are held now (for tests and the bench: nothing per item stays). */
export function cachedTokenCount(): number {
	return entries.size;
}
