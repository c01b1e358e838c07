import type { INodeProperties } from 'n8n-workflow';

import { OPTION_LIMITS as LIMITS } from '../../sending/options';
import { FAILOVER_OPTION } from './failoverOption';
import { STATUS_TO_WORKFLOW_OPTION } from './statusRouting';
import { WEBHOOK_OPTIONS } from './v1Fields';
import { WAIT_OPTIONS } from './waitProperties';

export const API_VERSION_OPTION: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	options: [
		{
			name: 'Version 0.1',
			value: 'v0.1',
			description: 'POST /v0.1/messages, the reference this package was built from',
		},
		{
			name: 'Version 1',
			value: 'v1',
			description:
				"POST /v1/messages, Vonage's current version; longer client references, more captions",
		},
	],
	default: 'v0.1',
	description:
		'Which Messages API version to send through. Parameters and output are the same for both.',
};

/** The send options every channel shares: parallel requests, rate, retries, timeout (sending/options.ts checks them). */
export const SEND_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Max Parallel Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: LIMITS.concurrency.min, maxValue: LIMITS.concurrency.max },
		default: 10,
		description: 'How many messages may be on their way to Vonage at the same time',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxPerSecond',
		type: 'number',
		typeOptions: { minValue: LIMITS.maxPerSecond.min, maxValue: LIMITS.maxPerSecond.max },
		default: 30,
		description:
			"Vonage's default limit is 30 per second per API key; raise it only if Vonage raised yours. Applies to the account: every run in this n8n process that sends with the same API key shares it.",
	},
	{
		displayName: 'Retries When Throttled or Unreachable',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: LIMITS.maxRetries.min, maxValue: LIMITS.maxRetries.max },
		default: 5,
		description:
			'How often to resend a message that Vonage refused with 429 (waiting as long as Vonage asks) or that could not connect at all. Answers that might mean the message was accepted (5xx, timeout, dropped connection) are never resent, so nothing arrives twice.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: LIMITS.timeout.min, maxValue: LIMITS.timeout.max },
		default: 30,
		description: 'How long to wait for Vonage to answer one request',
	},
];

/** The Options collection of a send operation: the shared send options, the API version and a channel's own, by name. */
export function optionsProperty(channelOptions: INodeProperties[] = []): INodeProperties {
	const options = [
		API_VERSION_OPTION,
		FAILOVER_OPTION,
		...SEND_OPTIONS,
		...WAIT_OPTIONS,
		...WEBHOOK_OPTIONS,
		STATUS_TO_WORKFLOW_OPTION,
		...channelOptions,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
