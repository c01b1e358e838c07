import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { channelFilterRefusal } from './channelFilter';
import { ignored, receiveVonageWebhook, seenBefore } from './receive';

/** The options both triggers have. */
export interface TriggerOptions {
	channels?: string[];
	ignoreDuplicates?: boolean;
}

/** What a trigger reads from one event: its output item, its duplicate key, and why it is filtered out, if it is. */
export interface EventReading {
	json: IDataObject;
	duplicateKey: string | undefined;
	filteredOut?: string;
}

/**
 * One webhook request to a trigger, from request to output item: receiveVonageWebhook's checks (content
 * type, signature, body), then the Channels filter, the trigger's own filter (`read`), and duplicates
 * unless Ignore Duplicates is off. The item that starts the workflow, or the answer that starts nothing.
 */
export async function acceptEvent<O extends TriggerOptions>(
	ctx: IWebhookFunctions,
	read: (event: IDataObject, options: O) => EventReading,
): Promise<{ json: IDataObject; options: O } | { reply: IWebhookResponseData }> {
	const received = await receiveVonageWebhook.call(ctx);
	if ('reply' in received) return received;
	const options = ctx.getNodeParameter('options', {}) as O;
	const { json, duplicateKey, filteredOut } = read(received.event, options);
	const refusal = channelFilterRefusal(received.event, options.channels) ?? filteredOut;
	if (refusal) return { reply: ignored(refusal) };
	if ((options.ignoreDuplicates ?? true) && seenBefore(ctx, duplicateKey))
		return { reply: ignored('duplicate event') };
	return { json, options };
}
