/**
 * Background work (status webhooks, retries) that reset() and close() can cancel: a cancelled task's
 * sleeps end at once and its `alive()` turns false, so it stops without recording anything more.
 */
export interface TaskToken {
	alive(): boolean;
	/** Waits `ms`; resolves false (early) if the task was cancelled. */
	sleep(ms: number): Promise<boolean>;
	/** Aborted when the task is cancelled (for in-flight HTTP requests). */
	signal: AbortSignal;
}

export class Background {
	private epoch = 0;
	private controller = new AbortController();
	private readonly pending = new Set<Promise<unknown>>();
	private readonly sleepers = new Map<NodeJS.Timeout, () => void>();

	token(): TaskToken {
		const epoch = this.epoch;
		const alive = () => this.epoch === epoch;
		const sleep = (ms: number) =>
			new Promise<boolean>((resolve) => {
				if (!alive()) return resolve(false);
				const timer = setTimeout(() => {
					this.sleepers.delete(timer);
					resolve(alive());
				}, ms);
				this.sleepers.set(timer, () => resolve(false));
			});
		return { alive, sleep, signal: this.controller.signal };
	}

	/** Runs `work` in the background, keeping track of it for drain(). */
	run<T>(work: (token: TaskToken) => Promise<T>): Promise<T> {
		const promise = work(this.token());
		this.pending.add(promise);
		void promise.then(
			() => this.pending.delete(promise),
			() => this.pending.delete(promise),
		);
		return promise;
	}

	/** Cancels every task started so far. */
	cancel(): void {
		this.epoch += 1;
		this.controller.abort();
		this.controller = new AbortController();
		for (const [timer, wake] of this.sleepers) {
			clearTimeout(timer);
			wake();
		}
		this.sleepers.clear();
	}

	/** Waits for the tasks still running (each at most one HTTP attempt once cancelled). */
	async drain(): Promise<void> {
		await Promise.allSettled([...this.pending]);
	}
}
