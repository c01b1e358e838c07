import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
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
import { MESSAGES_PATH, checkItem, prepareMessage, type PreparedMessage } from '../message/prepare';
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
function notStarted(node: INode, itemIndex: number): Extract<Delivery, { ok: false }> {
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
 * The first items' bodies are built in the checking pass and kept for their turn, so that a run of up
 * to this many items reads each item's parameters once; later items are read again at their turn (an
 * expression evaluated twice), so that a long run holds at most this many bodies waiting.
 */
export const BODIES_KEPT_AHEAD = 1000;

/** Where each item stands; one byte per item, so a run of 100 000 items keeps 100 kB of it. */
const PENDING = 0;
const INVALID = 1;
const SENT = 2;
const NOT_SENT = 3;
const MAY_HAVE_BEEN_SENT = 4;

function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	return error instanceof NodeOperationError
		? error
		: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Send on any channel: every item checked first (bad input never leaves half a batch behind), then sent
 * under the account's rate limit (shared with every other run of the account), retrying only what
 * Vonage certainly did not accept. `webhookUrl`: every message's own status URL (v1 only; checked by
 * the caller).
 *
 * Memory: the checking pass keeps the first BODIES_KEPT_AHEAD items' bodies and only the output fields
 * (what its output item will hold) of the others, whose body is built again from the item when a sender
 * takes it; each body is dropped once its request is done. So the run holds n8n's input and output
 * items, one byte of state per item and at most BODIES_KEPT_AHEAD bodies plus those in flight.
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

	const state = new Uint8Array(items.length);
	/** Each valid item's output fields, from the checking pass, until its output item replaces them. */
	const summaries: Array<IDataObject | undefined> = new Array(items.length).fill(undefined);
	const output: Array<INodeExecutionData | undefined> = new Array(items.length).fill(undefined);
	/** The bodies built in the checking pass, by item, until a sender takes them. */
	const ahead = new Map<number, PreparedMessage>();
	let valid = 0;
	for (let i = 0; i < items.length; i++) {
		try {
			if (i < BODIES_KEPT_AHEAD) {
				const prepared = prepareMessage(this, channel, version, i);
				ahead.set(i, prepared);
				summaries[i] = prepared.summary;
			} else summaries[i] = checkItem(this, channel, version, i);
			valid++;
		} catch (error) {
			const invalid = asNodeError(this, error, i);
			if (!continueOnFail) throw invalid;
			state[i] = INVALID;
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
	/** Without Continue On Fail: the errors of the items that failed (the run stops at the first). */
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	const settle = (i: number, delivery: Delivery, summary: IDataObject = summaries[i] ?? {}) => {
		summaries[i] = undefined;
		if (delivery.ok) {
			state[i] = SENT;
			output[i] = {
				json: { message_uuid: delivery.messageUuid, ...summary },
				pairedItem: { item: i },
			};
			return;
		}
		state[i] = delivery.mayHaveBeenSent ? MAY_HAVE_BEEN_SENT : NOT_SENT;
		if (continueOnFail)
			output[i] = errorItem(delivery.error, i, {
				...summary,
				may_have_been_sent: delivery.mayHaveBeenSent,
			});
		else failures.set(i, delivery.error);
	};

	const progress = new SendProgress((line) => this.logger.info(line), this.getNode().name, valid);
	await runPool<void>(
		items.length,
		options.concurrency,
		async (i) => {
			if (state[i] !== PENDING) return;
			let message: PreparedMessage | undefined = ahead.get(i);
			ahead.delete(i);
			try {
				// Beyond the bodies kept ahead, built again from the item (it was checked above).
				message ??= prepareMessage(this, channel, version, i);
			} catch (error) {
				settle(i, { ok: false, mayHaveBeenSent: false, error: asNodeError(this, error, i) });
				progress.record(false);
				return;
			}
			if (webhookUrl !== undefined) withWebhookUrl(message.body, webhookUrl);
			const delivery = await deliver.call(this, message.body, i, deliveryOptions);
			progress.record(delivery.ok);
			settle(i, delivery, message.summary);
		},
		() => failures.size > 0 || signal?.aborted === true,
	);

	// Items a cancellation kept from starting: certainly not sent, reported like any other failure.
	const cancelled = signal?.aborted === true;
	if (continueOnFail) {
		if (cancelled)
			for (let i = 0; i < items.length; i++)
				if (state[i] === PENDING) settle(i, notStarted(this.getNode(), i));
		return output.filter((item): item is INodeExecutionData => item !== undefined);
	}
	// The first item (in item order) that failed or that a cancellation kept from starting.
	let first = failures.size > 0 ? Math.min(...failures.keys()) : items.length;
	const pending = cancelled ? state.indexOf(PENDING) : -1;
	if (pending !== -1 && pending < first) first = pending;
	if (first === items.length) return output as INodeExecutionData[];
	const error = failures.get(first) ?? notStarted(this.getNode(), first).error;
	const where = (wanted: (s: number) => boolean) => {
		const found: number[] = [];
		state.forEach((s, index) => {
			if (index !== first && wanted(s)) found.push(index);
		});
		return found;
	};
	const sent = where((s) => s === SENT);
	const maybe = where((s) => s === MAY_HAVE_BEEN_SENT);
	const notSent = where((s) => s === PENDING || s === NOT_SENT);
	error.description = [
		error.description,
		sent.length > 0
			? `Vonage accepted the messages of items ${itemRanges(sent)} (${sent.length} in all).`
			: '',
		maybe.length > 0 ? `Items ${itemRanges(maybe)} got no answer and may have been sent.` : '',
		notSent.length > 0 ? `Items ${itemRanges(notSent)} were not sent.` : '',
		'Turn on "Continue On Fail" in the node settings to get one output item per input item, errors included.',
	]
		.filter(Boolean)
		.join(' ');
	throw error;
}
