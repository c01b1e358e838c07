import type { INodeProperties } from 'n8n-workflow';

import { OPTION_LIMITS as LIMITS } from '../../helpers/options';

const show = { resource: ['sms'], operation: ['send'] };

export const sendDescription: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: '447700900001',
		description:
			'Your Vonage virtual number with its country code, or an alphanumeric sender ID (up to 11 letters and digits) where the destination country allows one',
		hint: 'Spaces, a leading + or 00 are removed for you',
		displayOptions: { show },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '447700900000',
		description: 'The recipient in international format: country code then number, 7 to 15 digits',
		hint: 'Spaces, a leading + or 00 are removed for you',
		displayOptions: { show },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description:
			'Up to 1000 characters. GSM-7 texts go 160 characters to one SMS (153 per part when longer); any other character switches the whole message to unicode: 70 per SMS, 67 per part. Each part is billed.',
		displayOptions: { show },
	},
	{
		displayName: 'Client Reference',
		name: 'clientRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description:
			'Up to 40 characters of your own, e.g. an order ID. Vonage returns it in every status event of this message, so the Status Trigger can match it back. Leave empty to send none.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
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
		],
	},
];
