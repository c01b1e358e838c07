import type { INodeProperties } from 'n8n-workflow';

import { CHANNELS, CHANNEL_NAMES } from '../../../shared/vocabulary/channels';

/**
 * Options > Failover (API Version v1 only): the messages Vonage tries next, in order, each on its own
 * channel with its own content. message/failover.ts checks every step with the rules of its channel.
 */
export const FAILOVER_OPTION: INodeProperties = {
	displayName: 'Failover',
	name: 'failover',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Failover Step',
	default: {},
	displayOptions: { show: { apiVersion: ['v1'] } },
	description:
		'Messages Vonage sends next, in this order, when the one before is rejected or fails (for example WhatsApp first, then SMS). Each step is a whole message on its own channel.',
	options: [
		{
			displayName: 'Step',
			name: 'steps',
			values: [
				{
					displayName: 'Caption',
					name: 'caption',
					type: 'string',
					default: '',
					displayOptions: { show: { messageType: ['image', 'video', 'file'] } },
					description: 'Where the channel takes one; leave empty to send none',
				},
				{
					displayName: 'Channel',
					name: 'channel',
					type: 'options',
					options: CHANNEL_NAMES.map((name) => ({ name: CHANNELS[name].label, value: name })),
					default: 'sms',
				},
				{
					displayName: 'From',
					name: 'from',
					type: 'string',
					default: '',
					placeholder: '447700900001',
					description:
						'Your sender on this channel (a number, sender ID, Viber service ID or page ID)',
				},
				{
					displayName: 'Media URL',
					name: 'mediaUrl',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/image.jpg',
					displayOptions: { show: { messageType: ['image', 'audio', 'video', 'file'] } },
				},
				{
					displayName: 'Message Type',
					name: 'messageType',
					type: 'options',
					options: [
						{ name: 'Audio', value: 'audio' },
						{ name: 'File', value: 'file' },
						{ name: 'Image', value: 'image' },
						{ name: 'Text', value: 'text' },
						{ name: 'Video', value: 'video' },
					],
					default: 'text',
					description: 'Checked against what the channel takes before anything is sent',
				},
				{
					displayName: 'Text',
					name: 'text',
					type: 'string',
					default: '',
					typeOptions: { rows: 2 },
					displayOptions: { show: { messageType: ['text'] } },
				},
				{
					displayName: 'To',
					name: 'to',
					type: 'string',
					default: '',
					description: "The recipient on this channel. Leave empty to use the message's To.",
				},
			],
		},
	],
};
