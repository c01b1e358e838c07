import { randomUUID } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerField, postToThisN8n } from '../api/ownRequest';
import {
	GROUP_HEADER,
	readGroupHandover,
	type GroupMember,
	type MembersHandover,
} from '../handover/group';
import { HANDOVER_MAX_AGE_SECONDS, signHandover, verifyHandover } from '../handover/sign';
import { rawBodyOf } from './receive';
import { usedToken, type UsedToken } from './seenEvents';
import { rereadCredentials, webhookCredentials } from './webhookCredentials';

/**
 * Several triggers on one application (issue 18), as the webhook side sees it. The receiver (the
 * trigger whose URL is on the application) holds the member list n8n's main process pushed to it
 * (registration/push.ts), in this process's memory and in its node static data; each event it
 * verified is handed on to every member (itself included) as a signed `event` hand-over, and each
 * member filters and starts its own workflow as if Vonage had called it.
 */

/** Where the member list lives in the trigger's node static data (written by main and by pushes). */
export const GROUP_STATIC_KEY = 'group';
const MAX_LISTS = 10_000;
const FORWARD_TIMEOUT_MS = 8_000;
/** A hand-over is refused outside its signature's window (HANDOVER_MAX_AGE_SECONDS either side): its id need not be kept longer. */
const HAND_OVER_TTL_MS = (2 * HANDOVER_MAX_AGE_SECONDS + 60) * 1000;

/** The newest list pushed to each trigger URL of this process (keys: our own URLs, from signed pushes). */
const lists = new Map<string, MembersHandover>();

export function isGroupRequest(ctx: IWebhookFunctions): boolean {
	return ctx.getHeaderData()[GROUP_HEADER] !== undefined;
}

function ownUrl(ctx: IWebhookFunctions): string {
	return ctx.getNodeWebhookUrl('default') ?? '';
}

function listFrom(value: unknown): MembersHandover | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const list = readGroupHandover(JSON.stringify(value));
	return list?.op === 'members' ? list : undefined;
}

/** The newer of what memory and static data hold; both are brought up to it. */
function newestList(ctx: IWebhookFunctions): MembersHandover | undefined {
	const own = ownUrl(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = listFrom(staticData[GROUP_STATIC_KEY]);
	const held = lists.get(own);
	const newest = !held || (stored && stored.version > held.version) ? stored : held;
	if (newest && newest !== held && (lists.has(own) || lists.size < MAX_LISTS))
		lists.set(own, newest);
	if (newest && newest !== stored) staticData[GROUP_STATIC_KEY] = newest as unknown as IDataObject;
	return newest;
}

/** The members to hand an event on to, when this trigger receives for two or more; else undefined. */
export function groupOf(ctx: IWebhookFunctions): GroupMember[] | undefined {
	if (ctx.getMode() === 'manual') return undefined;
	const list = newestList(ctx);
	return list && list.receiverUrl === ownUrl(ctx) && list.members.length > 1
		? list.members
		: undefined;
}

function reply(ctx: IWebhookFunctions, status: number, body: IDataObject) {
	ctx.getResponseObject().status(status).json(body);
	return { reply: { noWebhookResponse: true } as IWebhookResponseData };
}

/** A verified group request: a member list (answered here), or an event handed on to this trigger. */
export async function receiveGroupRequest(
	ctx: IWebhookFunctions,
): Promise<{ reply: IWebhookResponseData } | { event: IDataObject; token: UsedToken }> {
	const header = ctx.getHeaderData()[GROUP_HEADER];
	const raw = (await rawBodyOf(ctx)).toString('utf8');
	let secret = (await webhookCredentials(ctx)).signatureSecret ?? '';
	let valid = verifyHandover(header, raw, secret, Date.now(), 'group');
	if (!valid) {
		secret = (await rereadCredentials(ctx))?.signatureSecret ?? '';
		valid = verifyHandover(header, raw, secret, Date.now(), 'group');
	}
	if (!valid) {
		ctx.logger.warn(`${ctx.getNode().name}: a hand-over from another trigger was refused`);
		return reply(ctx, 401, { error: 'Hand-over refused' });
	}
	const handover = readGroupHandover(raw);
	if (!handover) return reply(ctx, 400, { error: 'Not a hand-over' });
	if (handover.op === 'event') {
		return {
			event: handover.event as IDataObject,
			token: usedToken(secret, `hand-over ${handover.id}`, HAND_OVER_TTL_MS),
		};
	}
	if (handover.op === 'lookup') return lookUp(ctx, handover.workflowId);
	if (ctx.getMode() === 'manual') return reply(ctx, 409, { error: 'A test URL takes no members' });
	const own = ownUrl(ctx);
	const held = newestList(ctx);
	if (!held || handover.version > held.version) {
		if (lists.has(own) || lists.size < MAX_LISTS) lists.set(own, handover);
		ctx.getWorkflowStaticData('node')[GROUP_STATIC_KEY] = handover as unknown as IDataObject;
	}
	return reply(ctx, 200, { members: handover.version });
}

/** The URL of a workflow's trigger on this application (this one, or a member it hands on to). */
function lookUp(ctx: IWebhookFunctions, workflowId: string) {
	const own = ownUrl(ctx);
	const list = newestList(ctx);
	const members =
		list && list.receiverUrl === own
			? list.members
			: [{ url: own, workflowId: String(ctx.getWorkflow().id ?? ''), keywords: false }];
	const found = members.find((member) => member.workflowId === workflowId);
	return found
		? reply(ctx, 200, { url: found.url })
		: reply(ctx, 404, { error: 'No active trigger of that workflow on this application' });
}

/** Whether `url` is served by this n8n under the same webhook path as `own` (no query, no user). */
function servedHere(own: string, url: string): boolean {
	try {
		const a = new URL(own);
		const b = new URL(url);
		const prefix = `${a.pathname.split('/').slice(0, -2).join('/')}/`;
		return (
			a.origin === b.origin && b.pathname.startsWith(prefix) && !b.search && !b.username && !b.hash
		);
	} catch {
		return false;
	}
}

/** What became of one hand-on: `took` (started, or had started for it before), `failed` (retry). */
export interface Handed {
	took: boolean;
	failed: boolean;
}

async function handTo(
	ctx: IWebhookFunctions,
	member: GroupMember,
	event: IDataObject,
	secret: string,
): Promise<Handed> {
	if (!servedHere(ownUrl(ctx), member.url)) return { took: false, failed: false };
	const search = new URL(ctx.getRequestObject().url ?? '/', 'http://localhost').search;
	const body = JSON.stringify({ op: 'event', id: randomUUID(), event });
	const { status, text } = await postToThisN8n(
		ctx.helpers,
		`${member.url}${search}`,
		body,
		{ [GROUP_HEADER]: signHandover(body, secret, Date.now(), 'group') },
		FORWARD_TIMEOUT_MS,
	);
	if (status === undefined || status >= 500 || status === 429) return { took: false, failed: true };
	if (status !== 200) {
		// 404: deactivated meanwhile; 401: another Signature Secret. Neither gets better by retrying.
		ctx.logger.warn(`${ctx.getNode().name}: workflow ${member.workflowId} answered ${status}`);
		return { took: false, failed: false };
	}
	const ignoredFor =
		answerField(text, 'status') === 'ignored' ? answerField(text, 'reason') : undefined;
	return { took: ignoredFor === undefined || ignoredFor === 'duplicate event', failed: false };
}

/**
 * Hands a verified event on: first to the members with keywords (an Inbound Trigger's Keywords
 * option), and only if none of them took it, to the others. How many took it, and whether any could
 * not be reached (the event is then answered 503 for Vonage to send again; members that took it keep
 * it as a duplicate).
 */
export async function handOn(
	ctx: IWebhookFunctions,
	members: GroupMember[],
	event: IDataObject,
	secret: string,
): Promise<{ took: number; failed: boolean }> {
	const round = async (which: GroupMember[]) =>
		await Promise.all(which.map(async (member) => await handTo(ctx, member, event, secret)));
	const first = await round(members.filter((m) => m.keywords));
	const taken = first.some((h) => h.took);
	const failedFirst = first.some((h) => h.failed);
	const second = taken || failedFirst ? [] : await round(members.filter((m) => !m.keywords));
	const all = [...first, ...second];
	return { took: all.filter((h) => h.took).length, failed: all.some((h) => h.failed) };
}
