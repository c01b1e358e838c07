import { sleep } from 'n8n-workflow';

/** Thrown by `acquire` when the run was cancelled while it waited: the request never started. */
export class CancelledWhileWaiting extends Error {
	constructor() {
		super('The execution was cancelled before this request was sent');
		this.name = 'CancelledWhileWaiting';
	}
}

/** Resolves when `signal` aborts (never without one); `stop` detaches it. */
function aborted(signal?: AbortSignal): { promise: Promise<void>; stop: () => void } {
	let listener: () => void = () => undefined;
	const promise = new Promise<void>((resolve) => (listener = () => resolve()));
	signal?.addEventListener('abort', listener, { once: true });
	return { promise, stop: () => signal?.removeEventListener('abort', listener) };
}

/** Waits `ms`, or less when `signal` aborts first (then resolves at once). */
export async function waitOrAbort(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted || ms <= 0) return;
	const cancel = aborted(signal);
	try {
		await Promise.race([sleep(ms), cancel.promise]);
	} finally {
		cancel.stop();
	}
}

/**
 * The starts of one Vonage account's requests in the last second, and the queue of callers waiting
 * for a slot. Shared by every limiter of the account (see accountLimits.ts).
 */
export class StartWindow {
	readonly starts: number[] = [];

	queue: Promise<void> = Promise.resolve();
}

/**
 * At most `perSecond` starts in any rolling second, as Vonage counts its per-key limit, spread
 * evenly: starts are at least 1/perSecond s apart and the window is one such gap longer than a
 * second, so the time a request takes to reach Vonage may vary by that gap without a 429.
 * Callers await `acquire()` before each request; the wait is shared fairly in call order.
 * Limiters built on the same window count each other's starts: each one lets a request start
 * only while the window holds fewer than its own `perSecond`.
 */
export class RateLimiter {
	constructor(
		private readonly perSecond: number,
		private readonly window = new StartWindow(),
		private readonly onUse: () => void = () => undefined,
	) {}

	/**
	 * Waits for this caller's turn and slot. When `signal` aborts (the execution was cancelled) the
	 * caller leaves the queue at once, takes no slot and gets CancelledWhileWaiting; so a cancelled run
	 * holds no place in the account's window and the callers after it move up.
	 */
	async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw new CancelledWhileWaiting();
		this.onUse();
		const turn = this.window.queue.then(async () => await this.waitForSlot(signal));
		this.window.queue = turn.catch(() => undefined);
		const cancel = aborted(signal);
		try {
			await Promise.race([turn, cancel.promise]);
		} finally {
			cancel.stop();
		}
		if (signal?.aborted) throw new CancelledWhileWaiting();
	}

	/** Holds every caller back until `ms` from now, e.g. after a 429 with Retry-After. */
	pause(ms: number): void {
		const until = Date.now() + ms;
		this.window.queue = this.window.queue.then(async () => {
			await waitOrAbort(until - Date.now());
		});
	}

	private async waitForSlot(signal?: AbortSignal): Promise<void> {
		const { starts } = this.window;
		if (signal?.aborted) return;
		if (this.perSecond <= 0) {
			starts.push(Date.now());
			return;
		}
		const gap = 1000 / this.perSecond;
		const span = 1000 + gap;
		for (;;) {
			const now = Date.now();
			while (starts.length > 0 && now - starts[0] >= span) starts.shift();
			const last = starts[starts.length - 1];
			const afterGap = last === undefined ? 0 : last + gap - now;
			const afterWindow =
				starts.length >= this.perSecond ? starts[starts.length - this.perSecond] + span - now : 0;
			const wait = Math.max(afterGap, afterWindow);
			if (wait <= 0) {
				starts.push(now);
				return;
			}
			await waitOrAbort(Math.ceil(wait), signal);
			if (signal?.aborted) return;
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
