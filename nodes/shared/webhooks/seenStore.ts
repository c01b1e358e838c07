import { createHash } from 'node:crypto';

/** How many keys a store keeps: in one scope, and in all its scopes together. */
export interface SeenLimits {
	perScope: number;
	total: number;
}

/**
 * The form a key is kept in, whatever its length: the first 16 bytes (128 bits) of its SHA-256 as a
 * one-byte string, about 60 bytes per key with the map entry. Two different keys meet by chance once in
 * 2^64 pairs, so a store of millions never takes one event for another.
 */
export function compactKey(key: string): string {
	return createHash('sha256').update(key).digest().toString('latin1', 0, 16);
}

/**
 * Keys remembered in this process until they expire, per scope. Each scope keeps its keys in the
 * order they were recorded, which is the order they expire in (the caller gives one lifetime per
 * store), so the oldest key is always the first. Fairness: a scope over `perScope` forgets its own
 * oldest key; when all scopes together are over `total`, the scope holding the most keys forgets its
 * oldest, so a scope holding no more than total / scopes is never touched by another's traffic.
 * Looked up and recorded separately: the caller does both in one synchronous step.
 */
export class SeenStore {
	private readonly scopes = new Map<string, Map<string, number>>();
	private size = 0;

	constructor(private readonly limits: SeenLimits) {}

	/** True when `key` is remembered in `scope` and has not expired (`now` in ms). */
	has(scope: string, key: string, now = Date.now()): boolean {
		const until = this.scopes.get(scope)?.get(compactKey(key));
		return until !== undefined && until * 1000 > now;
	}

	/** Remembers `key` in `scope` until `expiresAt` (ms), as the newest key of that scope. */
	record(scope: string, key: string, expiresAt: number, now = Date.now()): void {
		let keys = this.scopes.get(scope);
		if (!keys) this.scopes.set(scope, (keys = new Map()));
		const compact = compactKey(key);
		if (keys.delete(compact)) this.size--;
		// Whole seconds keep the value a small integer, stored in the entry itself.
		keys.set(compact, Math.ceil(expiresAt / 1000));
		this.size++;
		this.prune(now);
	}

	/** Forgets `key` in `scope` (an event that was not handed over after all). */
	forget(scope: string, key: string): void {
		const keys = this.scopes.get(scope);
		if (!keys?.delete(compactKey(key))) return;
		this.size--;
		if (keys.size === 0) this.scopes.delete(scope);
	}

	/** Keys held in `scope` (or in all scopes), expired ones included until they are pruned. */
	count(scope?: string): number {
		return scope === undefined ? this.size : (this.scopes.get(scope)?.size ?? 0);
	}

	private dropOldest(scope: string, keys: Map<string, number>): void {
		const oldest = keys.keys().next();
		if (!oldest.done && keys.delete(oldest.value)) this.size--;
		if (keys.size === 0) this.scopes.delete(scope);
	}

	/** Drops expired keys from the front of each scope, then enforces both limits. */
	private prune(now: number): void {
		for (const [scope, keys] of this.scopes) {
			for (const [key, until] of keys) {
				if (until * 1000 > now) break;
				keys.delete(key);
				this.size--;
			}
			if (keys.size === 0) this.scopes.delete(scope);
			else while (keys.size > this.limits.perScope) this.dropOldest(scope, keys);
		}
		while (this.size > this.limits.total) {
			let largest: [string, Map<string, number>] | undefined;
			for (const entry of this.scopes)
				if (!largest || entry[1].size > largest[1].size) largest = entry;
			if (!largest) break;
			this.dropOldest(largest[0], largest[1]);
		}
	}
}
