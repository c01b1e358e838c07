import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { channelFilterRefusal, channelsOptionOf } from './channelFilter';
import { ignored, receiveVonageWebhook } from './receive';
import { settle } from './seenEvents';
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
 */
export async function acceptEvent<O extends TriggerOptions>(
	ctx: IWebhookFunctions,
	spec: TriggerSpec<O>,
): Promise<IWebhookResponseData> {
	const options = checkedOptions<O>(ctx, spec.options);
	const channels = channelsOptionOf(ctx);
	const received = await receiveVonageWebhook(ctx, maxAgeSecondsOf(options));
	if ('reply' in received) return received.reply;
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
	const diverted = await spec.divert?.(ctx, json, options);
	if (diverted?.later) {
		ctx.getResponseObject().status(503).json({ error: diverted.reason });
		return { noWebhookResponse: true };
	}
	if (diverted !== undefined) return ignored(diverted.reason);
	return { workflowData };
}
