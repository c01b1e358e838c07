import type { INodeProperties } from 'n8n-workflow';

import type { MessageType } from '../../../shared/vocabulary/messageModel';
import {
	RCS_RULES,
	SMS_V1_RULES,
	SUGGESTION_RULES,
	VIBER_VIDEO_RULES,
	WEBHOOK_RULES,
} from '../../message/rulesV1';

/**
 * The editor fields of what only API v1 has, read from the rules (message/rulesV1.ts): RCS
 * suggestions, the card title, a custom message and the per-message webhook options.
 */

type ShowFor = (types: MessageType[]) => object;

/** Each suggestion type and its own fields, from the rules: "dial (phoneNumber, fallbackUrl?)". */
const SUGGESTION_HELP = Object.entries(SUGGESTION_RULES)
	.map(
		([type, rule]) =>
			`${type}${rule.fields.length > 0 ? ` (${rule.fields.map((f) => `${f.name}${f.required ? '' : '?'}`).join(', ')})` : ''}`,
	)
	.join('; ');

export function rcsContentProperties(showFor: ShowFor): INodeProperties[] {
	return [
		{
			displayName: 'Card Title',
			name: 'cardTitle',
			type: 'string',
			required: true,
			default: '',
			description: `The title of the card, up to ${RCS_RULES.cardTitle.max} characters`,
			...showFor(['card']),
		},
		{
			displayName: 'Suggestions',
			name: 'suggestions',
			type: 'json',
			default: '[]',
			placeholder: '[{"type": "reply", "text": "Yes", "postbackData": "yes"}]',
			description: `Buttons under the message, as a JSON list of {type, text (up to ${RCS_RULES.suggestionText.max} characters), postbackData (what the Inbound Trigger outputs as choice_id when tapped)} plus each type's own fields: ${SUGGESTION_HELP}. Empty list for none.`,
			...showFor(['text', 'card']),
		},
	];
}

export function customProperty(showFor: ShowFor, example: string): INodeProperties {
	return {
		displayName: 'Custom Message',
		name: 'custom',
		type: 'json',
		required: true,
		default: '{}',
		description: `The channel's own message as a JSON object, sent as it is, e.g. ${example}`,
		...showFor(['custom']),
	};
}

export const RCS_TTL: INodeProperties = {
	displayName: 'TTL (Seconds)',
	name: 'ttl',
	type: 'number',
	typeOptions: { minValue: RCS_RULES.ttl.min, maxValue: RCS_RULES.ttl.max },
	default: 600,
	description: `How long Vonage tries to deliver the message, ${RCS_RULES.ttl.min} to ${RCS_RULES.ttl.max} seconds`,
};

/** Per-message webhook options, every channel, API v1 only. */
export const WEBHOOK_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Webhook URL (API V1)',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/status',
		description:
			"Where Vonage sends this message's status events instead of the application's Status URL. An https URL (http only to localhost). API Version v1 only.",
	},
	{
		displayName: 'Webhook Version (API V1)',
		name: 'webhookVersion',
		type: 'options',
		options: WEBHOOK_RULES.versions.map((value) => ({ name: value, value })),
		default: 'v1',
		description:
			"The format of this message's status events, instead of the application's. API Version v1 only.",
	},
];

/** WhatsApp's v1 content fields: a sticker, a reaction's emoji, a place. */
export function whatsappV1Properties(showFor: ShowFor): INodeProperties[] {
	const place = showFor(['location']);
	return [
		{
			displayName: 'Sticker',
			name: 'sticker',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/sticker.webp',
			description: 'A public https:// link to a .webp sticker, or the ID WhatsApp gave the sticker',
			...showFor(['sticker']),
		},
		{
			displayName: 'Emoji',
			name: 'emoji',
			type: 'string',
			default: '',
			placeholder: '👍',
			description:
				'The emoji to put on the message named in Options > Reply To (Message UUID). Empty takes your reaction back.',
			...showFor(['reaction']),
		},
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'string',
			required: true,
			default: '',
			placeholder: '51.5072',
			description: 'Decimal degrees, -90 to 90',
			...place,
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'string',
			required: true,
			default: '',
			placeholder: '-0.1276',
			description: 'Decimal degrees, -180 to 180',
			...place,
		},
		{
			displayName: 'Place Name',
			name: 'placeName',
			type: 'string',
			default: '',
			description: 'Optional name of the place',
			...place,
		},
		{
			displayName: 'Place Address',
			name: 'placeAddress',
			type: 'string',
			default: '',
			description: 'Optional address of the place',
			...place,
		},
	];
}

export const WHATSAPP_V1_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Reply To (Message UUID) (API V1)',
		name: 'context',
		type: 'string',
		default: '',
		placeholder: '={{ $json.message_uuid }}',
		description:
			"The message_uuid of the customer's message this one answers (shown as a quoted reply), or that a Reaction reacts to. API Version v1 only.",
	},
];

/** SMS options of v1 (SDK SMSParams). */
export const SMS_V1_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Encoding Type (API V1)',
		name: 'encodingType',
		type: 'options',
		options: SMS_V1_RULES.encodingTypes.map((value) => ({
			name: value === 'auto' ? 'Auto' : value === 'text' ? 'Text (GSM-7)' : 'Unicode',
			value,
		})),
		default: 'auto',
		description: 'Force GSM-7 text or unicode; Auto lets Vonage pick. API Version v1 only.',
	},
	{
		displayName: 'TTL (Seconds) (API V1)',
		name: 'ttl',
		type: 'number',
		typeOptions: { minValue: SMS_V1_RULES.ttl.min, maxValue: SMS_V1_RULES.ttl.max },
		default: 86400,
		description:
			'How long Vonage tries to deliver (default 72 hours; operators typically keep 24 to 48). API Version v1 only.',
	},
	{
		displayName: 'Trusted Recipient (API V1)',
		name: 'trustedRecipient',
		type: 'boolean',
		default: false,
		description:
			"Whether to skip Fraud Defender's protections for this message (Fraud Defender Premium accounts only). API Version v1 only.",
	},
	{
		displayName: 'Content ID (API V1)',
		name: 'contentId',
		type: 'string',
		default: '',
		description:
			'Regulatory content (template) ID, e.g. the DLT template ID for SMS to India. API Version v1 only.',
	},
	{
		displayName: 'Entity ID (API V1)',
		name: 'entityId',
		type: 'string',
		default: '',
		description:
			'Regulatory entity ID, e.g. the DLT principal entity ID for SMS to India. API Version v1 only.',
	},
];

/** A Viber video's thumbnail, length and size (v1). */
export function viberVideoProperties(showFor: ShowFor): INodeProperties[] {
	const { duration, fileSize } = VIBER_VIDEO_RULES;
	return [
		{
			displayName: 'Thumbnail URL',
			name: 'thumbUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/thumb.jpg',
			description: 'A public link to a .jpg preview of the video',
			...showFor(['video']),
		},
		{
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: duration.min, maxValue: duration.max },
			default: 30,
			description: `Length of the video, ${duration.min} to ${duration.max} seconds`,
			...showFor(['video']),
		},
		{
			displayName: 'File Size (MB)',
			name: 'fileSize',
			type: 'number',
			typeOptions: { minValue: fileSize.min, maxValue: fileSize.max },
			default: 1,
			description: `Size of the video file, ${fileSize.min} to ${fileSize.max} MB`,
			...showFor(['video']),
		},
	];
}
