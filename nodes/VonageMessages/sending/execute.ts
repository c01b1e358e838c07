import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertCredentials } from './credentials';
import { deliver, type Delivery } from './deliver';
import { readSendOptions } from './options';
import { itemRanges } from './ranges';
import { accountLimiter } from './accountLimits';
import { runPool } from './throttle';
import { SendProgress } from './progress';
import { cancelSignalOf } from '../../shared/api/transport';
import type { ApiVersion, Channel } from '../../shared/vocabulary/messageModel';
import { API_VERSIONS } from '../../shared/vocabulary/messageModel';
import { MESSAGES_PATH, prepareMessage, type PreparedMessage } from '../message/prepare';
import { CHANNEL_RULES } from '../message/rules';

export function errorItem(
	error: NodeOperationError | Error,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const description = (error as NodeOperationError).description;
	return {
		json: { error: error.message, ...(description ? { description } : {}), ...extra },
		pairedItem: { item: itemIndex },
	};
}

/** An item the cancellation kept from starting. */
function notStarted(node: INode, itemIndex: number): Delivery {
	return {
		ok: false,
		mayHaveBeenSent: false,
		error: new NodeOperationError(
			node,
			'The execution was cancelled before this message was sent',
			{
				itemIndex,
				description: 'Nothing was sent for this item.',
			},
		),
	};
}

/** The API Version option; unset, v0.1, or the one version a channel has (RCS: v1). */
export function apiVersionOf(ctx: IExecuteFunctions, channel: Channel): ApiVersion {
	const only = CHANNEL_RULES[channel].versions;
	const fallback = only?.length === 1 ? only[0] : 'v0.1';
	const version = String(
		(ctx.getNodeParameter('options', 0, {}) as IDataObject).apiVersion ?? fallback,
	);
	if ((API_VERSIONS as readonly string[]).includes(version)) return version as ApiVersion;
	throw new NodeOperationError(ctx.getNode(), `The option 'API Version' is "${version}"`, {
		description: `Use ${API_VERSIONS.join(' or ')}.`,
	});
}

/** Sets a v1 message's own status URL, on each failover step too (each is a whole v1 message). */
function withWebhookUrl(body: IDataObject, webhookUrl: string): void {
	body.webhook_url = webhookUrl;
	if (Array.isArray(body.failover))
		for (const step of body.failover as IDataObject[]) step.webhook_url = webhookUrl;
}

/**
 * Send on any channel: every item checked first (bad input never leaves half a batch behind), then sent
 * under the account's rate limit (shared with every other run of the account), retrying only what
 * Vonage certainly did not accept. `webhookUrl`: every message's own status URL (v1 only; checked by
 * the caller).
 */
export async function sendMessages(
	this: IExecuteFunctions,
	channel: Channel,
	webhookUrl?: string,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const credentials = await assertCredentials.call(this);
	const options = readSendOptions(this);
	const version = apiVersionOf(this, channel);

	const prepared: Array<PreparedMessage | undefined> = [];
	const output: Array<INodeExecutionData | undefined> = new Array(items.length).fill(undefined);
	for (let i = 0; i < items.length; i++) {
		try {
			const message = prepareMessage(this, channel, version, i);
			if (webhookUrl !== undefined) withWebhookUrl(message.body, webhookUrl);
			prepared.push(message);
		} catch (error) {
			const invalid =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (!continueOnFail) throw invalid;
			prepared.push(undefined);
			output[i] = errorItem(invalid, i);
		}
	}

	const signal = cancelSignalOf(this);
	const deliveryOptions = {
		baseUrl: credentials.baseUrl,
		credentials,
		limiter: accountLimiter(credentials, options.maxPerSecond),
		maxRetries: options.maxRetries,
		timeoutMs: options.timeout * 1000,
		path: MESSAGES_PATH[version],
		signal,
	};
	let stopped = false;
	const progress = new SendProgress(
		(line) => this.logger.info(line),
		this.getNode().name,
		prepared.filter(Boolean).length,
	);
	const deliveries = await runPool<Delivery | undefined>(
		items.length,
		options.concurrency,
		async (i) => {
			const message = prepared[i];
			if (!message) return undefined;
			const delivery = await deliver.call(this, message.body, i, deliveryOptions);
			progress.record(delivery.ok);
			if (!delivery.ok && !continueOnFail) stopped = true;
			return delivery;
		},
		() => stopped || signal?.aborted === true,
	);
	// Items a cancellation kept from starting: certainly not sent, reported like any other failure.
	for (let i = 0; i < items.length; i++) {
		if (prepared[i] && !deliveries[i] && signal?.aborted)
			deliveries[i] = notStarted(this.getNode(), i);
	}

	for (let i = 0; i < items.length; i++) {
		const delivery = deliveries[i];
		const message = prepared[i];
		if (!delivery || !message) continue;
		if (delivery.ok) {
			output[i] = {
				json: { message_uuid: delivery.messageUuid, ...message.summary },
				pairedItem: { item: i },
			};
		} else if (continueOnFail) {
			output[i] = errorItem(delivery.error, i, {
				...message.summary,
				may_have_been_sent: delivery.mayHaveBeenSent,
			});
		} else {
			const sent = deliveries.flatMap((d, index) => (d?.ok ? [index] : []));
			const maybe = deliveries.flatMap((d, index) =>
				d && !d.ok && d.mayHaveBeenSent && index !== i ? [index] : [],
			);
			const notSent = prepared.flatMap((p, index) => {
				const d = deliveries[index];
				return p && index !== i && (!d || (!d.ok && !d.mayHaveBeenSent)) ? [index] : [];
			});
			delivery.error.description = [
				delivery.error.description,
				sent.length > 0
					? `Vonage accepted the messages of items ${itemRanges(sent)} (${sent.length} in all).`
					: '',
				maybe.length > 0 ? `Items ${itemRanges(maybe)} got no answer and may have been sent.` : '',
				notSent.length > 0 ? `Items ${itemRanges(notSent)} were not sent.` : '',
				'Turn on "Continue On Fail" in the node settings to get one output item per input item, errors included.',
			]
				.filter(Boolean)
				.join(' ');
			throw delivery.error;
		}
	}
	return output.filter((item): item is INodeExecutionData => item !== undefined);
}
