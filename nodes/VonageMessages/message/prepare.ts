import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { smsEncoding } from './encoding';
import { CHANNELS } from '../../shared/vocabulary/channels';
import { checkMessage, type RawMessage } from './check';
import { CHANNEL_RULES, ruleOf, typesOf, type ContentField } from './rules';
import type { ApiVersion, Channel, Message } from '../../shared/vocabulary/messageModel';
import { toV01Body } from './wireV01';
import { toV1Body } from './wireV1';
import { checkFailover, failoverBody, failoverSummary } from './failover';
import { Problem } from './problem';

export const MESSAGES_PATH: Record<ApiVersion, string> = {
	'v0.1': '/v0.1/messages',
	v1: '/v1/messages',
};

/** One item, checked: the body for the chosen API version and what the output item says about it. */
export interface PreparedMessage {
	message: Message;
	body: IDataObject;
	summary: IDataObject;
}

/** The output fields of a sent message, the same for v0.1 and v1 (SMS adds encoding, characters and parts). */
export function summaryOf(message: Message): IDataObject {
	const summary: IDataObject = {
		channel: message.channel,
		message_type: message.content.type,
		to: message.to,
		from: message.from,
	};
	if (message.clientRef !== undefined) summary.client_ref = message.clientRef;
	if (message.channel === 'sms' && message.content.type === 'text')
		Object.assign(summary, smsEncoding(message.content.text));
	return summary;
}

export function bodyFor(message: Message, version: ApiVersion): IDataObject {
	return version === 'v1' ? toV1Body(message) : toV01Body(message);
}

/** What a parameter reads when the editor has none (a template without parameters, the default policy). */
const DEFAULTS: Partial<Record<ContentField, unknown>> = {
	templateParameters: {},
	policy: 'deterministic',
	suggestions: '[]',
};

/** Options every channel reads (API v1 only: check.ts refuses them in v0.1). */
const COMMON_OPTIONS = ['webhookUrl', 'webhookVersion'] as const;

/** Reads the parameters the rules name for the channel and the item's message type. */
function readRaw(ctx: IExecuteFunctions, channel: Channel, itemIndex: number): RawMessage {
	const get = (name: string, fallback: unknown = '') =>
		ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	const raw: RawMessage = { from: get('from'), to: get('to'), clientRef: get('clientRef') };
	const types = typesOf(channel);
	raw.messageType = types.length > 1 ? get('messageType', types[0].type) : types[0].type;
	for (const field of ruleOf(channel, String(raw.messageType))?.fields ?? []) {
		raw[field] = get(field, DEFAULTS[field] ?? '');
	}
	const options = (get('options', {}) ?? {}) as IDataObject;
	for (const field of [...CHANNEL_RULES[channel].options, ...COMMON_OPTIONS])
		raw[field] = options[field];
	return raw;
}

/** One item read and checked: the message and its failover steps. */
function readChecked(
	ctx: IExecuteFunctions,
	channel: Channel,
	version: ApiVersion,
	itemIndex: number,
): { message: Message; failover: Message[] } {
	const checked = checkMessage(channel, version, readRaw(ctx, channel, itemIndex));
	let failover: Message[] = [];
	let failed: Problem | undefined;
	if (checked.ok) {
		const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
		try {
			failover = checkFailover(options.failover, checked.message, version);
		} catch (error) {
			if (!(error instanceof Problem))
				throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			failed = error;
		}
	}
	if (!checked.ok || failed) {
		const problem = checked.ok ? (failed as Problem) : checked;
		// SMS errors read exactly as they always have; the other channels name theirs (a failover step names its own).
		const channelName = channel === 'sms' || failed ? '' : ` [${CHANNELS[channel].label}]`;
		throw new NodeOperationError(
			ctx.getNode(),
			`'${problem.field}' in item ${itemIndex} ${problem.problem}${channelName}`,
			{
				itemIndex,
				description: `${problem.fix}.`,
			},
		);
	}
	return { message: checked.message, failover };
}

/** Reads and checks one item; throws a NodeOperationError naming the field, the item, the channel and the fix. */
export function prepareMessage(
	ctx: IExecuteFunctions,
	channel: Channel,
	version: ApiVersion,
	itemIndex: number,
): PreparedMessage {
	const { message, failover } = readChecked(ctx, channel, version, itemIndex);
	const prepared = { message, body: bodyFor(message, version), summary: summaryOf(message) };
	if (failover.length > 0) {
		prepared.body.failover = failoverBody(failover);
		prepared.summary.failover = failoverSummary(failover);
	}
	return prepared;
}

/** Checks one item as prepareMessage does, without building its body: the item's output fields. */
export function checkItem(
	ctx: IExecuteFunctions,
	channel: Channel,
	version: ApiVersion,
	itemIndex: number,
): IDataObject {
	const { message, failover } = readChecked(ctx, channel, version, itemIndex);
	const summary = summaryOf(message);
	if (failover.length > 0) summary.failover = failoverSummary(failover);
	return summary;
}
