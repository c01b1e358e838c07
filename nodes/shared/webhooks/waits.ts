import type { IDataObject } from 'n8n-workflow';

import type { RegisterHandover } from '../handover/messages';
import { approvalOf } from '../handover/keywords';
import { comparableAddress } from './events';
import { channelFromWire } from '../vocabulary/channels';

/** registered (sent not yet known) → confirmed (matchable) → taken / cancelled. */
export type WaitState = 'registered' | 'confirmed' | 'taken' | 'cancelled';

export interface Wait extends Omit<RegisterHandover, 'op'> {
	state: WaitState;
	/** The sent message's fields, from the confirmation. */
	sent?: IDataObject;
	/** Registration order in the process that took it: breaks a tie of createdAt (same millisecond). */
	seq: number;
	/** When a reply to it was first put off (its execution not ready, or n8n not reached). */
	putOffAt?: number;
}

/** Live waits per application; a registration beyond it is refused, nothing is pushed out. */
export const MAX_LIVE_WAITS = 2000;
/** Finished waits (taken, cancelled) are kept this long as tombstones so a stale copy cannot revive them. */
export const TOMBSTONE_MS = 24 * 60 * 60 * 1000;
/**
 * A wait registered this recently but not confirmed yet (its message may be sent, the confirmation on its
 * way) holds a reply that would take it: the reply is put off (503) rather than given to the workflow.
 */
export const CONFIRM_GRACE_MS = 60_000;
/** A wait without a limit is forgotten after this long. */
export const UNLIMITED_KEEP_MS = 30 * 24 * 60 * 60 * 1000;

const RANK: Record<WaitState, number> = { registered: 0, confirmed: 1, taken: 2, cancelled: 2 };

/** The key that pairs a reply with its question: the reply's sender is our recipient and vice versa. */
export function pairKey(applicationId: string, channel: string, ours: string, theirs: string) {
	const name = channelFromWire(channel) ?? channel;
	return `${applicationId} ${name} ${comparableAddress(ours)} ${comparableAddress(theirs)}`;
}

function keepUntil(wait: Wait): number {
	const end = Math.min(wait.expiresAt, wait.createdAt + UNLIMITED_KEEP_MS);
	return wait.state === 'registered' || wait.state === 'confirmed' ? end : end + TOMBSTONE_MS;
}

/**
 * The open waits of this n8n process, for every application (process-wide: whichever Inbound Trigger
 * receives an application's Inbound URL finds them). Keyed by wait id in a Map; an entry only moves
 * forward (registered → confirmed → taken | cancelled), so merging an older copy changes nothing.
 */
export class WaitRegistry {
	private readonly waits = new Map<string, Wait>();
	private seq = 0;

	private prune(now: number): void {
		for (const [id, wait] of this.waits) if (keepUntil(wait) <= now) this.waits.delete(id);
	}

	private live(applicationId: string): number {
		let count = 0;
		for (const wait of this.waits.values())
			if (wait.applicationId === applicationId && RANK[wait.state] < 2) count++;
		return count;
	}

	/** 'full' when the application already has MAX_LIVE_WAITS live waits. Registering twice is one wait. */
	register(entry: RegisterHandover, now = Date.now()): 'registered' | 'full' {
		this.prune(now);
		if (this.waits.has(entry.waitId)) return 'registered';
		if (this.live(entry.applicationId) >= MAX_LIVE_WAITS) return 'full';
		const wait: Wait & { op?: string } = { ...entry, state: 'registered', seq: ++this.seq };
		delete wait.op;
		this.waits.set(entry.waitId, wait);
		return 'registered';
	}

	/** Moves a wait forward; false when it is unknown. */
	advance(waitId: string, state: WaitState): boolean {
		const wait = this.waits.get(waitId);
		if (!wait) return false;
		if (RANK[state] > RANK[wait.state]) wait.state = state;
		return true;
	}

	/** The message was sent: the wait may be matched from now on. */
	confirm(waitId: string, sent: IDataObject): boolean {
		const wait = this.waits.get(waitId);
		if (!wait) return false;
		if (wait.state === 'registered') Object.assign(wait, { state: 'confirmed', sent });
		return true;
	}

	/** Gives a taken wait back (its reply could not be handed over for a reason that may pass). */
	release(waitId: string): void {
		const wait = this.waits.get(waitId);
		if (wait?.state === 'taken') wait.state = 'confirmed';
	}

	/**
	 * Gives a taken wait back because its reply is to come again later (answered 503); how long its
	 * replies have been put off so far, since the first time.
	 */
	putOff(waitId: string, now = Date.now()): number {
		const wait = this.waits.get(waitId);
		if (!wait) return 0;
		this.release(waitId);
		wait.putOffAt ??= now;
		return now - wait.putOffAt;
	}

	get(waitId: string): Wait | undefined {
		return this.waits.get(waitId);
	}

	/**
	 * The wait a reply resumes, taken in the same synchronous step (two copies of a reply cannot both
	 * take it): the newest confirmed, unexpired wait for the pair. With approval, a text that matches
	 * neither keyword list takes nothing (and no older wait is tried). `pending` when the newest is
	 * registered but not yet confirmed (within CONFIRM_GRACE_MS): the reply must come again.
	 */
	take(
		applicationId: string,
		reply: { channel: string; from: string; to: string; text: string | null },
		now = Date.now(),
	): { wait: Wait; approved: boolean | null } | 'pending' | undefined {
		const key = pairKey(applicationId, reply.channel, reply.to, reply.from);
		let newest: Wait | undefined;
		for (const wait of this.waits.values()) {
			const pending = wait.state === 'registered' && now - wait.createdAt < CONFIRM_GRACE_MS;
			if ((wait.state !== 'confirmed' && !pending) || wait.expiresAt <= now) continue;
			if (pairKey(wait.applicationId, wait.channel, wait.ours, wait.theirs) !== key) continue;
			const newer =
				!newest ||
				wait.createdAt > newest.createdAt ||
				(wait.createdAt === newest.createdAt && wait.seq > newest.seq);
			if (newer) newest = wait;
		}
		if (!newest) return undefined;
		let approved: boolean | null = null;
		if (newest.responseType === 'approval') {
			const verdict = approvalOf(reply.text, newest.approve, newest.decline);
			if (verdict === undefined) return undefined;
			approved = verdict;
		}
		// Its question may be sent, and its confirmation on the way: the reply is to come again.
		if (newest.state === 'registered') return 'pending';
		newest.state = 'taken';
		return { wait: newest, approved };
	}

	/** Takes in what a copy (the static-data mirror) knows: new waits, and states further along. */
	merge(copy: unknown, now = Date.now()): void {
		if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) return;
		for (const id of Object.keys(copy)) {
			const wait = (copy as Record<string, unknown>)[id] as Wait;
			if (!isWait(wait) || wait.waitId !== id || keepUntil(wait) <= now) continue;
			const known = this.waits.get(id);
			if (!known) {
				if (this.live(wait.applicationId) < MAX_LIVE_WAITS || RANK[wait.state] === 2) {
					const seq = typeof wait.seq === 'number' ? wait.seq : 0;
					this.seq = Math.max(this.seq, seq);
					const { putOffAt, ...rest } = wait;
					const since = typeof putOffAt === 'number' ? { putOffAt } : {};
					this.waits.set(id, { ...rest, seq, ...since });
				}
			} else if (RANK[wait.state] > RANK[known.state]) {
				known.state = wait.state;
				known.sent ??= wait.sent;
			}
		}
		this.prune(now);
	}

	/** The waits of one application, as the static-data mirror holds them. */
	copyOf(applicationId: string): IDataObject {
		const copy: IDataObject = {};
		for (const [id, wait] of this.waits)
			if (wait.applicationId === applicationId) copy[id] = { ...wait } as unknown as IDataObject;
		return copy;
	}
}

function isWait(value: unknown): value is Wait {
	if (typeof value !== 'object' || value === null) return false;
	const wait = value as Record<string, unknown>;
	const text = (key: string) => Object.hasOwn(wait, key) && typeof wait[key] === 'string';
	const time = (key: string) => Object.hasOwn(wait, key) && typeof wait[key] === 'number';
	return (
		['waitId', 'applicationId', 'channel', 'ours', 'theirs', 'resumeUrl', 'executionId'].every(
			text,
		) &&
		['createdAt', 'expiresAt'].every(time) &&
		Object.hasOwn(RANK, String(wait.state)) &&
		(wait.responseType === 'approval' || wait.responseType === 'freeText') &&
		[wait.approve, wait.decline].every(
			(list) => Array.isArray(list) && list.every((word) => typeof word === 'string'),
		)
	);
}

/** The registry of this n8n process. */
export const waits = new WaitRegistry();
