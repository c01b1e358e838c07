/**
 * Keys remembered in this process until they expire, per scope, at most `limit` in all (the oldest
 * go first). Checking and recording is one synchronous step, so two copies of one event arriving at
 * the same moment cannot both pass.
 */
export class SeenStore {
	private readonly scopes = new Map<string, Map<string, number>>();
	private size = 0;

	constructor(private readonly limit: number) {}

	/** True when `key` is remembered in `scope` and has not expired; otherwise remembers it until `expiresAt` (ms). */
	seen(scope: string, key: string, expiresAt: number, now = Date.now()): boolean {
		let keys = this.scopes.get(scope);
		if (!keys) this.scopes.set(scope, (keys = new Map()));
		const known = keys.get(key);
		if (known !== undefined && known > now) return true;
		if (known !== undefined) this.forget(keys, key);
		keys.set(key, expiresAt);
		this.size++;
		this.prune(now);
		return false;
	}

	private forget(keys: Map<string, number>, key: string): void {
		if (keys.delete(key)) this.size--;
	}

	/** Drops expired keys from the front of each scope, then the oldest keys while over the limit. */
	private prune(now: number): void {
		for (const [scope, keys] of this.scopes) {
			for (const [key, expiresAt] of keys) {
				if (expiresAt > now) break;
				this.forget(keys, key);
			}
			if (keys.size === 0) this.scopes.delete(scope);
		}
		while (this.size > this.limit) {
			const [scope, keys] = this.scopes.entries().next().value as [string, Map<string, number>];
			this.forget(keys, keys.keys().next().value as string);
			if (keys.size === 0) this.scopes.delete(scope);
		}
	}
}
