import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

import {
	DEFAULT_APPROVE_KEYWORDS,
	DEFAULT_DECLINE_KEYWORDS,
} from '../../../shared/handover/keywords';
import { WAIT_CHANNELS } from '../../../shared/handover/messages';

export const SEND_AND_WAIT = 'sendAndWait';

/**
 * The node's resume webhook, as n8n's own send-and-wait nodes declare theirs: served under
 * /webhook-waiting/<execution id>/<node id> while an execution waits (restartWebhook), never registered.
 */
export const RESUME_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

/** The Operation entry, on the channels a customer can answer on. */
export const sendAndWaitOperation = (label: string) => ({
	name: 'Send and Wait for Reply',
	value: SEND_AND_WAIT,
	description: `Send ${label}, then wait until the recipient answers on the same channel`,
	action: `Send ${label} and wait for reply`,
});

/** The parameters Send and Wait for Reply adds to Send's, shown with the operation. */
export const waitProperties: INodeProperties[] = [
	{
		displayName:
			'One recipient per wait: only the first input item is sent and waited for. The reply reaches this execution through an active Vonage Inbound Message Trigger on the same application (credential with a Signature Secret), which must be set up before this runs.',
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [...WAIT_CHANNELS], operation: [SEND_AND_WAIT] } },
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description:
					'Resume on a reply matching an approve or decline keyword; other replies go to the Inbound Trigger workflow',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'Resume on the first reply, whatever it says',
			},
		],
		default: 'approval',
		displayOptions: { show: { resource: [...WAIT_CHANNELS], operation: [SEND_AND_WAIT] } },
	},
];

const waitOnly = { displayOptions: { show: { '/operation': [SEND_AND_WAIT] } } };

/** Entries of the Options collection for Send and Wait for Reply only (shape of n8n's own send-and-wait nodes). */
export const WAIT_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Approve Keywords',
		name: 'approveKeywords',
		type: 'string',
		default: DEFAULT_APPROVE_KEYWORDS,
		description:
			'Comma-separated replies that approve (approved: true). Compared without case, surrounding spaces or final punctuation.',
		...waitOnly,
	},
	{
		displayName: 'Decline Keywords',
		name: 'declineKeywords',
		type: 'string',
		default: DEFAULT_DECLINE_KEYWORDS,
		description:
			'Comma-separated replies that decline (approved: false). Compared without case, surrounding spaces or final punctuation.',
		...waitOnly,
	},
	{
		displayName: 'Limit Wait Time',
		name: 'limitWaitTime',
		type: 'fixedCollection',
		description:
			'Whether the execution goes on by itself (timed_out: true) when no usable reply came in time. Without it the wait has no end.',
		default: {
			values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' },
		},
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Limit Type',
						name: 'limitType',
						type: 'options',
						default: 'afterTimeInterval',
						options: [
							{ name: 'After Time Interval', value: 'afterTimeInterval' },
							{ name: 'At Specified Time', value: 'atSpecifiedTime' },
						],
					},
					{
						displayName: 'Amount',
						name: 'resumeAmount',
						type: 'number',
						displayOptions: { show: { limitType: ['afterTimeInterval'] } },
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 1,
					},
					{
						displayName: 'Unit',
						name: 'resumeUnit',
						type: 'options',
						displayOptions: { show: { limitType: ['afterTimeInterval'] } },
						options: [
							{ name: 'Minutes', value: 'minutes' },
							{ name: 'Hours', value: 'hours' },
							{ name: 'Days', value: 'days' },
						],
						default: 'hours',
					},
					{
						displayName: 'Max Date and Time',
						name: 'maxDateAndTime',
						type: 'dateTime',
						displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
						default: '',
					},
				],
			},
		],
		...waitOnly,
	},
];
