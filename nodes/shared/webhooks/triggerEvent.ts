import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { GroupMember } from '../handover/group';
import { channelFilterRefusal, channelsOptionOf } from './channelFilter';
import { groupOf, handOn, isGroupRequest, receiveGroupRequest } from './group';
import { ignored, receiveVonageWebhook, type ReceivedEvent } from './receive';
import { settle, unsettle, type Handling } from './seenEvents';
import { webhookCredentials } from './webhookCredentials';
import { checkedOptions, maxAgeSecondsOf, type OptionRules } from './triggerOptions';

/** The options both triggers have. */
export interface TriggerOptions {
	channels?: string[];
	ignoreDuplicates?: boolean;
	maxAgeSeconds?: number;
}

/** What a trigger reads from one event: its output item, its duplicate key, and why it is filtered out, if it is. */
export interface EventReading {
	json: IDataObject;
	duplicateKey: string | undefined;
	filteredOut?: string;
}

/** What makes a trigger: its option rules, what it reads from an event, and the workflow data it starts. */
export interface TriggerSpec<O extends TriggerOptions> {
	options: OptionRules;
	read(event: IDataObject, options: O): EventReading;
	output(json: IDataObject, options: O): INodeExecutionData[][];
	/** A filter that needs the request (the Status Trigger: the workflow a status is for): why it is filtered out. */
	filter?(ctx: IWebhookFunctions): Promise<string | undefined>;
	/**
	 * Takes an accepted, new event before it starts the workflow (the Inbound Trigger: a reply that a
	 * waiting Send and Wait for Reply execution takes): why it starts nothing, or undefined to start it.
	 */
	divert?(ctx: IWebhookFunctions, json: IDataObject, options: O): Promise<Diversion | undefined>;
}

/**
 * Why an event starts nothing. `later`: it is answered 503, so that Vonage sends it again (the
 * event is then not remembered as seen: seenEvents.ts forgets what a 5xx answered).
 */
export interface Diversion {
	reason: string;
	later?: boolean;
}

/**
 * One webhook request to a trigger, from request to answer: the options (checked), receiveVonageWebhook's
 * checks (content type, signature, body), the Channels filter, the trigger's own filter (`read`), and
 * duplicates unless Ignore Duplicates is off. Everything that can fail runs first; then settle() decides
 * and records in one synchronous step, and the workflow data is returned to n8n straight away.
 * When several triggers share the application (group.ts), the one whose URL is on it hands each event
 * on to all of them (itself included); what another trigger hands on is checked by its signature and
 * then goes through the same filters here.
 */
export async function acceptEvent<O extends TriggerOptions>(
	ctx: IWebhookFunctions,
	spec: TriggerSpec<O>,
): Promise<IWebhookResponseData> {
	const options = checkedOptions<O>(ctx, spec.options);
	if (isGroupRequest(ctx)) {
		const handed = await receiveGroupRequest(ctx);
		if ('reply' in handed) return handed.reply;
		return await startOwn(ctx, spec, options, { ...handed, signed: true });
	}
	const received = await receiveVonageWebhook(ctx, maxAgeSecondsOf(options));
	if ('reply' in received) return received.reply;
	const members = received.signed ? groupOf(ctx) : undefined;
	if (!members && !spec.divert) return await startOwn(ctx, spec, options, received);
	return await receiveForApplication(ctx, spec, options, received, members);
}

/** This trigger's own filters and duplicates; then its workflow. */
async function startOwn<O extends TriggerOptions>(
	ctx: IWebhookFunctions,
	spec: TriggerSpec<O>,
	options: O,
	received: ReceivedEvent,
): Promise<IWebhookResponseData> {
	const channels = channelsOptionOf(ctx);
	const { json, duplicateKey, filteredOut } = spec.read(received.event, options);
	const refusal =
		channelFilterRefusal(received.event, channels) ?? filteredOut ?? (await spec.filter?.(ctx));
	const workflowData = refusal === undefined ? spec.output(json, options) : undefined;
	const dedupe = (options.ignoreDuplicates ?? true) && refusal === undefined;
	const reason = settle(ctx, {
		token: received.token,
		signed: received.signed,
		duplicateKey: dedupe ? duplicateKey : undefined,
	});
	if (reason === 'token already used')
		ctx.logger.info(`${ctx.getNode().name}: webhook ignored, its token (jti) was used before`);
	const why = reason ?? refusal;
	if (why !== undefined || !workflowData) return ignored(why ?? 'nothing to start');
	return { workflowData };
}

function later(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.getResponseObject().status(503).json({ error: reason });
	return { noWebhookResponse: true };
}

/**
 * An event from Vonage for the whole application: recorded for it (a copy is a duplicate once it was
 * handled), offered first to a waiting Send and Wait for Reply (before any trigger's filters), then
 * handed on to the group (group.ts) or to this trigger's own filters. When it could not be handed on
 * everywhere it is answered 503, and what was recorded is forgotten (seenEvents.ts), so Vonage's
 * retry is handled again; triggers that took it keep it as their duplicate.
 */
async function receiveForApplication<O extends TriggerOptions>(
	ctx: IWebhookFunctions,
	spec: TriggerSpec<O>,
	options: O,
	received: ReceivedEvent,
	members: GroupMember[] | undefined,
): Promise<IWebhookResponseData> {
	const { json, duplicateKey } = spec.read(received.event, options);
	const handling: Handling = {
		token: received.token,
		signed: received.signed,
		duplicateKey: (options.ignoreDuplicates ?? true) ? duplicateKey : undefined,
		as: 'application',
	};
	const reason = settle(ctx, handling);
	if (reason !== undefined) return ignored(reason);
	const diverted = await spec.divert?.(ctx, json, options);
	if (diverted?.later) {
		unsettle(ctx, handling);
		return later(ctx, diverted.reason);
	}
	if (diverted !== undefined) return ignored(diverted.reason);
	if (!members)
		return startOwn(ctx, spec, options, { event: received.event, signed: received.signed });
	const secret = (await webhookCredentials(ctx)).signatureSecret ?? '';
	const handed = await handOn(ctx, members, received.event, secret);
	if (handed.failed) {
		unsettle(ctx, handling);
		return later(ctx, 'A workflow on this application could not take the event yet');
	}
	return { webhookResponse: { status: 'handed on', triggers: handed.took } };
}
