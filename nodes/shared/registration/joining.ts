import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { VonageCredentials } from '../api/credentials';
import { MAX_GROUP_MEMBERS, type GroupMember } from '../handover/group';
import {
	messagesCapability,
	messagesWith,
	putApplication,
	readApplication,
	sameJson,
	webhookOf,
	withMessages,
	type WebhookKey,
} from './applications';
import { groups, type Group, type OriginalState } from './groups';
import { pushMembers } from './push';
import { FIELD, registrations } from './registrations';

/** What a trigger node tells about itself to its group. */
export interface GroupOptions {
	/** An Inbound Trigger with Keywords: offered each message before the triggers without. */
	keywords?: (ctx: IHookFunctions) => boolean;
}

export function memberOf(ctx: IHookFunctions, url: string, options: GroupOptions): GroupMember {
	return {
		url,
		workflowId: ctx.getWorkflow().id ?? '',
		keywords: options.keywords?.(ctx) ?? false,
	};
}

/**
 * What a trigger's own static data holds at activation: for the receiver, the group's list; for a
 * member, a list naming the receiver and no one to hand on to. Always a newer version than before, so
 * that a list a process still remembers from an earlier activation is not taken up again.
 */
export function receiverList(group: Group | undefined, url: string): IDataObject {
	if (group && group.receiverUrl === url) return { ...groups.snapshot(group) };
	const version = Math.max(Date.now(), (group?.version ?? 0) + 1);
	return { op: 'members', version, receiverUrl: group?.receiverUrl ?? url, members: [] };
}

function holderName(group: Group): string {
	return `workflow ${registrations.holderOf(group.receiverUrl)?.workflowId ?? '?'}`;
}

/**
 * Joins the group whose receiver holds the application's webhook: the receiver is told the new list
 * before activation succeeds. Returns what the first trigger found, which this one keeps too (the
 * last to leave puts it back). Nothing is written to the application.
 */
export async function joinGroup(
	ctx: IHookFunctions,
	gkey: string,
	group: Group,
	credentials: VonageCredentials,
	key: WebhookKey,
	url: string,
	options: GroupOptions,
): Promise<OriginalState> {
	const field = FIELD[key];
	if (group.members.size >= MAX_GROUP_MEMBERS)
		throw new NodeOperationError(
			ctx.getNode(),
			`${MAX_GROUP_MEMBERS} triggers already share this application's ${field}`,
			{ description: 'Deactivate one of them, or use another Vonage application.' },
		);
	const secret = credentials.signatureSecret;
	if (!secret)
		throw new NodeOperationError(
			ctx.getNode(),
			`To share this application's ${field} with another active trigger (${holderName(group)}), the credential needs its Signature Secret`,
			{
				description:
					"Several workflows can listen on one Vonage application: the trigger whose URL is on the application hands each event on to the others, signed with the account's Signature Secret. Set it in this credential (Vonage dashboard > Settings), the same as in the other workflow's.",
			},
		);
	group.members.set(url, memberOf(ctx, url, options));
	try {
		await pushMembers(ctx, group.receiverUrl, groups.snapshot(group), secret);
	} catch (error) {
		group.members.delete(url);
		throw new NodeOperationError(
			ctx.getNode(),
			`Could not join the trigger that receives this application's ${field} (${holderName(group)})`,
			{
				description: `${(error as Error).message}. That trigger hands the application's events on to this one. Check that both credentials have the same Signature Secret and that n8n's webhook URL (WEBHOOK_URL) reaches this n8n, then activate again.`,
			},
		);
	}
	return { ...group.original };
}

async function tell(ctx: IHookFunctions, group: Group, to: string, secret: string): Promise<void> {
	try {
		await pushMembers(ctx, to, groups.snapshot(group), secret);
	} catch (error) {
		ctx.logger.warn(
			`${ctx.getNode().name}: could not give the trigger at ${to} the new list of triggers on this application: ${(error as Error).message}`,
		);
	}
}

/**
 * Leaves a group that keeps at least one other member. A member just tells the receiver. The
 * receiver first tells the next member the list (so it hands events on from the first one), then
 * points the application at it, changing nothing else.
 */
export async function leaveGroup(
	ctx: IHookFunctions,
	gkey: string,
	group: Group,
	credentials: VonageCredentials,
	key: WebhookKey,
	url: string,
): Promise<void> {
	group.members.delete(url);
	const secret = credentials.signatureSecret ?? '';
	if (group.receiverUrl !== url) return await tell(ctx, group, group.receiverUrl, secret);
	const next = [...group.members.values()][0];
	group.receiverUrl = next.url;
	await tell(ctx, group, next.url, secret);
	const application = await readApplication.call(ctx, credentials);
	if (application === 'deleted') return groups.drop(gkey);
	// Pointed elsewhere since: never clobber a URL someone else set.
	if (webhookOf(application, key)?.address !== url) return;
	const messages = messagesCapability(application);
	const moved = messagesWith(messages, key, { address: next.url, http_method: 'POST' });
	const after = group.original.messagesAfter;
	if (after !== undefined && sameJson(messages ?? null, after))
		group.original.messagesAfter = moved ?? null;
	await putApplication.call(ctx, credentials, withMessages(application, moved));
}
