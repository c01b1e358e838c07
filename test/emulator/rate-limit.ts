/** A rolling one-second window over accepted sends: more than `limit` in any 1 s -> throttled. */
export class RollingWindow {
	private times: number[] = [];

	/** Undefined when a send at `now` is allowed, else the whole seconds to wait (>= 1) for Retry-After. */
	retryAfter(now: number, limit: number | undefined): number | undefined {
		this.times = this.times.filter((t) => now - t < 1000);
		if (limit === undefined || this.times.length < limit) return undefined;
		return Math.max(1, Math.ceil((this.times[this.times.length - limit] + 1000 - now) / 1000));
	}

	/** Counts one accepted send. */
	add(now: number): void {
		this.times.push(now);
	}

	clear(): void {
		this.times = [];
	}
}
