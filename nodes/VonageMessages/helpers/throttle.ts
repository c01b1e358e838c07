import { sleep } from 'n8n-workflow';

/**
 * At most `perSecond` starts in any rolling second, as Vonage counts its per-key limit.
 * Callers await `acquire()` before each request; the wait is shared fairly in call order.
 */
export class RateLimiter {
	private readonly starts: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	constructor(private readonly perSecond: number) {}

	async acquire(): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** Holds every caller back until `ms` from now, e.g. after a 429 with Retry-After. */
	pause(ms: number): void {
		const until = Date.now() + ms;
		this.queue = this.queue.then(async () => {
			const wait = until - Date.now();
			if (wait > 0) await sleep(wait);
		});
	}

	private async waitForSlot(): Promise<void> {
		if (this.perSecond <= 0) return;
		for (;;) {
			const now = Date.now();
			while (this.starts.length > 0 && now - this.starts[0] >= 1000) this.starts.shift();
			if (this.starts.length < this.perSecond) {
				this.starts.push(now);
				return;
			}
			await sleep(1000 - (now - this.starts[0]) + 1);
		}
	}
}

/**
 * Runs `task` for indexes 0..count-1 with at most `concurrency` at once; results keep index order.
 * When `shouldStop` turns true no new index starts, and the ones not started are left undefined.
 */
export async function runPool<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array<T | undefined>(count).fill(undefined);
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	return results;
}
