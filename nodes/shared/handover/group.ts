/**
 * What the triggers sharing one Vonage application say to each other, as JSON bodies signed with
 * sign.ts (purpose `group`) in the header GROUP_HEADER:
 * - n8n's main process (activating or deactivating a trigger) → the receiving trigger, the one whose URL
 *   is on the application: `members`, the whole list of live triggers on it (the receiver included);
 * - the receiver → each member's URL: `event`, a Vonage event it verified, for the member to filter and
 *   start its workflow with. A member never forwards what it was handed;
 * - the action node (Send with "Status Events to This Workflow Only") → the receiver: `lookup`, which
 *   URL is the Status Trigger of a given workflow (answered `{url}`, or 404 when it has none).
 */

export const GROUP_HEADER = 'x-vonage-n8n-group';

/** More triggers than this on one application's webhook are refused at activation. */
export const MAX_GROUP_MEMBERS = 50;
const MAX_URL_LENGTH = 2048;
const MAX_ID_LENGTH = 128;

type Json = Record<string, unknown>;

/** A live trigger on the application: its production URL, its workflow, and whether it has keywords. */
export interface GroupMember {
	url: string;
	workflowId: string;
	/** An Inbound Trigger with the Keywords option set: offered each message before those without. */
	keywords: boolean;
}

export interface MembersHandover {
	op: 'members';
	/** Grows with every change (ms since epoch at the change, or one more): a newer list replaces an older one. */
	version: number;
	/** The trigger whose URL is on the application (it receives and hands on). */
	receiverUrl: string;
	members: GroupMember[];
}

export interface EventHandover {
	op: 'event';
	/** Random, once per forward: a forward replayed is refused. */
	id: string;
	event: Json;
}

/** Send's "Status Events to This Workflow Only": which trigger URL of the application is this workflow's. */
export interface LookupHandover {
	op: 'lookup';
	workflowId: string;
}

export type GroupHandover = MembersHandover | EventHandover | LookupHandover;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, max: number): value is string =>
	typeof value === 'string' && value.length > 0 && value.length <= max;

function isMember(value: unknown): value is GroupMember {
	return (
		isObject(value) &&
		text(value.url, MAX_URL_LENGTH) &&
		text(value.workflowId, MAX_ID_LENGTH) &&
		typeof value.keywords === 'boolean'
	);
}

/** The hand-over in a verified body, or undefined when it is none of the above (refused then). */
export function readGroupHandover(body: string): GroupHandover | undefined {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		return undefined;
	}
	if (!isObject(value)) return undefined;
	if (value.op === 'members') {
		const { version, receiverUrl, members } = value;
		if (typeof version !== 'number' || !Number.isFinite(version)) return undefined;
		if (!text(receiverUrl, MAX_URL_LENGTH)) return undefined;
		if (!Array.isArray(members) || members.length > MAX_GROUP_MEMBERS) return undefined;
		if (!members.every(isMember)) return undefined;
		return {
			op: 'members',
			version,
			receiverUrl,
			members: members.map(({ url, workflowId, keywords }) => ({ url, workflowId, keywords })),
		};
	}
	if (value.op === 'event' && text(value.id, MAX_ID_LENGTH) && isObject(value.event))
		return { op: 'event', id: value.id, event: value.event };
	if (value.op === 'lookup' && text(value.workflowId, MAX_ID_LENGTH))
		return { op: 'lookup', workflowId: value.workflowId };
	return undefined;
}
