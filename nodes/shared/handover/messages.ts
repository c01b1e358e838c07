import { KEYWORD_LIMITS } from './keywords';

/**
 * The hand-overs of Send and Wait for Reply, as JSON bodies signed with sign.ts:
 * - action node → Inbound Trigger: `register` a wait (before the message is sent), then `confirm` it
 *   with the sent message's fields, or `cancel` it when sending failed;
 * - Inbound Trigger → the waiting execution's resume URL: `resume` with the reply.
 */

/** The channels a customer can answer on, as the action node names them. */
export const WAIT_CHANNELS = ['sms', 'whatsapp', 'viber', 'messenger'] as const;
export type WaitChannel = (typeof WAIT_CHANNELS)[number];

export type ResponseType = 'approval' | 'freeText';

type Json = Record<string, unknown>;

export interface RegisterHandover {
	op: 'register';
	waitId: string;
	applicationId: string;
	channel: WaitChannel;
	/** Our sender (the message's `from`) and the recipient (its `to`), as the node sent them. */
	ours: string;
	theirs: string;
	responseType: ResponseType;
	approve: string[];
	decline: string[];
	resumeUrl: string;
	executionId: string;
	/** Unix ms. */
	createdAt: number;
	/** Unix ms; the wait is not matched after it. */
	expiresAt: number;
}

export interface ConfirmHandover {
	op: 'confirm';
	waitId: string;
	/** The sent message's output fields, as Send gives them. */
	sent: Json;
}

export interface CancelHandover {
	op: 'cancel';
	waitId: string;
}

export interface ResumeHandover {
	op: 'resume';
	waitId: string;
	sent: Json;
	/** The reply, with the fields the Inbound Trigger emits. */
	reply: Json;
	/** true / false for an approval, null for free text. */
	approved: boolean | null;
}

export type TriggerHandover = RegisterHandover | ConfirmHandover | CancelHandover;

/** The sent message's fields are a handful of short values; anything longer is not a hand-over. */
const SENT_MAX = 4096;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const WAIT_ID = /^[0-9a-f-]{36}$/;
const isText = (value: unknown, max = 2048): value is string =>
	typeof value === 'string' && value !== '' && value.length <= max;
const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const isWords = (value: unknown): value is string[] =>
	Array.isArray(value) &&
	value.length <= KEYWORD_LIMITS.count &&
	value.every((word) => isText(word, KEYWORD_LIMITS.length));

/** The hand-over a trigger accepts, or undefined when the JSON is not one (field by field, own properties). */
export function readTriggerHandover(value: unknown): TriggerHandover | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const body = value as Json;
	const own = (key: string) => (Object.hasOwn(body, key) ? body[key] : undefined);
	const waitId = own('waitId');
	if (typeof waitId !== 'string' || !WAIT_ID.test(waitId)) return undefined;
	const op = own('op');
	if (op === 'cancel') return { op, waitId };
	if (op === 'confirm') {
		const sent = own('sent');
		return isObject(sent) && JSON.stringify(sent).length <= SENT_MAX
			? { op, waitId, sent }
			: undefined;
	}
	if (op !== 'register') return undefined;
	const channel = own('channel');
	const responseType = own('responseType');
	const entry = {
		op,
		waitId,
		applicationId: own('applicationId'),
		channel,
		ours: own('ours'),
		theirs: own('theirs'),
		responseType,
		approve: own('approve'),
		decline: own('decline'),
		resumeUrl: own('resumeUrl'),
		executionId: own('executionId'),
		createdAt: own('createdAt'),
		expiresAt: own('expiresAt'),
	};
	const ok =
		isText(entry.applicationId, 100) &&
		(WAIT_CHANNELS as readonly unknown[]).includes(channel) &&
		isText(entry.ours, 100) &&
		isText(entry.theirs, 100) &&
		(responseType === 'approval' || responseType === 'freeText') &&
		isWords(entry.approve) &&
		isWords(entry.decline) &&
		isText(entry.resumeUrl) &&
		isText(entry.executionId, 100) &&
		isTime(entry.createdAt) &&
		isTime(entry.expiresAt);
	return ok ? (entry as RegisterHandover) : undefined;
}

/** The resume hand-over the waiting node accepts, or undefined. */
export function readResumeHandover(value: unknown): ResumeHandover | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const body = value as Json;
	const own = (key: string) => (Object.hasOwn(body, key) ? body[key] : undefined);
	const waitId = own('waitId');
	const reply = own('reply');
	const sent = own('sent');
	const approved = own('approved');
	if (own('op') !== 'resume' || typeof waitId !== 'string' || !WAIT_ID.test(waitId))
		return undefined;
	if (!isObject(reply) || !isObject(sent)) return undefined;
	if (approved !== true && approved !== false && approved !== null) return undefined;
	return { op: 'resume', waitId, sent, reply, approved };
}
