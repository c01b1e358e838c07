/**
 * Progress of a long send, for n8n's log: n8n shows a running node, not a count. A line at info level
 * at most once every PROGRESS_INTERVAL_MS (items sent, failed, remaining, rate); a send shorter than
 * that logs nothing. Counts only: no message, number or credential is ever part of a line.
 */

export const PROGRESS_INTERVAL_MS = 5000;

/** The clock progress is measured with, apart so that tests can move it alone. */
export const progressClock = { now: (): number => Date.now() };

export class SendProgress {
	private sent = 0;
	private failed = 0;
	private readonly startedAt: number;
	private lastLogAt: number;

	constructor(
		private readonly log: (message: string) => void,
		private readonly nodeName: string,
		private readonly total: number,
	) {
		this.startedAt = progressClock.now();
		this.lastLogAt = this.startedAt;
	}

	/** One item done: accepted by Vonage (`ok`) or not. */
	record(ok: boolean): void {
		if (ok) this.sent++;
		else this.failed++;
		const now = progressClock.now();
		if (now - this.lastLogAt < PROGRESS_INTERVAL_MS) return;
		this.lastLogAt = now;
		const done = this.sent + this.failed;
		const perSecond = done / Math.max((now - this.startedAt) / 1000, 0.001);
		this.log(
			`${this.nodeName}: ${this.sent} of ${this.total} messages sent, ${this.failed} failed, ` +
				`${this.total - done} remaining, ${perSecond.toFixed(1)} per second`,
		);
	}
}
