/**
 * Failover (Messages API v1 only): further messages Vonage tries, in order, when the one before is
 * rejected or fails. Each step is a whole v1 message on its own channel with its own content, sent in
 * the `failover` array beside the first message (Vonage's node SDK `MessageWithFailover`: `failover?:
 * Array<AnyChannel>`; its fixtures send the same flat body as a single message). Every step goes
 * through the one checker (check.ts) with the rules of its channel.
 */
import type { IDataObject } from 'n8n-workflow';

import { CHANNELS } from '../../shared/vocabulary/channels';
import type { ApiVersion, Channel, Message } from '../../shared/vocabulary/messageModel';
import { checkMessage, type RawMessage } from './check';
import { Problem } from './problem';
import { toV1Body } from './wireV1';

/** The editor fields of one step the checker reads (the Failover option's fixedCollection; Channel apart). */
const STEP_FIELDS = ['from', 'to', 'messageType', 'text', 'mediaUrl', 'caption'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The steps the editor collected (`{steps: [...]}`), or an empty list when there are none. */
function rawSteps(option: unknown): unknown[] {
	if (option === undefined || option === null || option === '') return [];
	if (!isObject(option))
		throw new Problem(
			'Failover',
			'is not a list of steps',
			'Add the steps under Options > Failover, or remove the option',
		);
	const steps = option.steps ?? [];
	if (!Array.isArray(steps))
		throw new Problem(
			'Failover',
			'is not a list of steps',
			'Add the steps under Options > Failover, or remove the option',
		);
	return steps;
}

function channelOf(raw: unknown, label: string): Channel {
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value === 'string' && Object.hasOwn(CHANNELS, value)) return value as Channel;
	throw new Problem(
		`${label} > Channel`,
		`is not a channel (got ${JSON.stringify(value ?? '')})`,
		`Use one of: ${Object.keys(CHANNELS).join(', ')}`,
	);
}

/**
 * The checked failover steps of one item, in order, or [] when it has none. `main` is the first
 * message: a step without its own To goes to the same recipient, and carries the same Client
 * Reference so that every step's statuses can be matched back. Throws the first Problem, its field
 * named "Failover <n> (<channel>) > <field>".
 */
export function checkFailover(option: unknown, main: Message, version: ApiVersion): Message[] {
	const steps = rawSteps(option);
	if (steps.length === 0) return [];
	if (version !== 'v1')
		throw new Problem(
			'Failover',
			`is a Messages API v1 feature and API Version is ${version}`,
			'Set Options > API Version to v1, or remove the Failover option',
		);
	return steps.map((step, index) => {
		const label = `Failover ${index + 1}`;
		if (!isObject(step))
			throw new Problem(label, 'is not a step', 'Give each step a channel, a sender and content');
		const raw: RawMessage = {};
		for (const field of STEP_FIELDS) raw[field] = step[field];
		const to = typeof raw.to === 'string' ? raw.to.trim() : raw.to;
		if (to === undefined || to === '') raw.to = main.to;
		if (main.clientRef !== undefined) raw.clientRef = main.clientRef;
		const channel = channelOf(step.channel, label);
		const checked = checkMessage(channel, version, raw);
		if (!checked.ok)
			throw new Problem(
				`${label} (${CHANNELS[channel].label}) > ${checked.field}`,
				checked.problem,
				checked.fix,
			);
		return checked.message;
	});
}

/** The v1 `failover` array: each step's own v1 body. */
export function failoverBody(steps: Message[]): IDataObject[] {
	return steps.map((step) => toV1Body(step));
}

/** What the output says of each step: its place in Vonage's workflow (the first message is step 1). */
export function failoverSummary(steps: Message[]): IDataObject[] {
	return steps.map((step, index) => ({
		step: index + 2,
		channel: step.channel,
		message_type: step.content.type,
		to: step.to,
		from: step.from,
	}));
}
