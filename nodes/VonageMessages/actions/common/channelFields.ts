/**
 * What the Send fields of each channel say (nodes/VonageMessages/actions/common/fields.ts builds them):
 * the From and To wording, the names of the message types and categories, and each channel's own options.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Channel, MessageType } from '../../../shared/vocabulary/messageModel';
import { OPTION_RULES } from '../../message/rules';
import { RCS_OPTIONS } from './rcsOptions';
import { RCS_TTL, WHATSAPP_V1_OPTIONS } from './v1Fields';

/** Editor and AI-tool wording per channel: what goes into From and To. */
export const ADDRESSES: Record<
	Exclude<Channel, 'sms'>,
	{ from: [string, string]; to: [string, string] }
> = {
	mms: {
		from: [
			'12015550123',
			'Your Vonage US number or short code that is enabled for MMS, digits only',
		],
		to: [
			'12015550124',
			"The recipient's phone number in international format: country code then number, e.g. 12015550124",
		],
	},
	whatsapp: {
		from: [
			'447700900001',
			'Your WhatsApp Business number linked to the Vonage application, in international format',
		],
		to: [
			'447700900000',
			"The customer's WhatsApp phone number in international format: country code then number, e.g. 447700900000. With API Version v1 also their business-scoped user ID (BSUID) from whatsapp.sender.user_id of an inbound message, e.g. US.13491208655302741918",
		],
	},
	viber: {
		from: [
			'654321',
			'Your Viber service message ID (given by your Vonage account manager), not a phone number',
		],
		to: [
			'447700900000',
			"The customer's Viber phone number in international format: country code then number",
		],
	},
	rcs: {
		from: ['Vonage', 'The ID of your RCS agent, as Vonage set it up'],
		to: [
			'447700900000',
			"The customer's phone number in international format: country code then number, e.g. 447700900000",
		],
	},
	messenger: {
		from: [
			'107083064136738',
			'The ID of your Facebook page linked to the Vonage application (the to ID of an inbound Messenger message)',
		],
		to: [
			'5473848892683926',
			"The customer's Messenger ID (the from ID of their inbound Messenger message), not a phone number",
		],
	},
};

export const TYPE_OPTIONS: Record<MessageType, INodePropertyOptions> = {
	text: { name: 'Text', value: 'text', description: 'A text message' },
	image: { name: 'Image', value: 'image', description: 'A picture from a public URL' },
	audio: { name: 'Audio', value: 'audio', description: 'A sound file from a public URL' },
	video: { name: 'Video', value: 'video', description: 'A video from a public URL' },
	file: { name: 'File', value: 'file', description: 'A document (e.g. PDF) from a public URL' },
	vcard: { name: 'vCard', value: 'vcard', description: 'A contact card (.vcf) from a public URL' },
	card: {
		name: 'Card',
		value: 'card',
		description: 'A rich card: title, text, a picture or video, and suggestions',
	},
	custom: {
		name: 'Custom',
		value: 'custom',
		description:
			"The channel's own message as a JSON object (WhatsApp: interactive lists, buttons, products)",
	},
	sticker: { name: 'Sticker', value: 'sticker', description: 'A WhatsApp sticker by URL or ID' },
	reaction: {
		name: 'Reaction',
		value: 'reaction',
		description: 'An emoji on a message (Options > Reply To names it)',
	},
	location: { name: 'Location', value: 'location', description: 'A place on a map' },
	template: {
		name: 'Template',
		value: 'template',
		description:
			'An approved WhatsApp template, required to start a conversation outside the 24-hour window',
	},
};

const VIBER_TTL = OPTION_RULES.viber.ttl;

/** How the editor names each category value of the rules. */
const CATEGORY_OPTIONS: Record<string, INodePropertyOptions> = {
	promotion: { name: 'Promotion', value: 'promotion' },
	transaction: { name: 'Transaction', value: 'transaction' },
	message_tag: {
		name: 'Message Tag',
		value: 'message_tag',
		description: 'Outside the 24-hour window, with a Tag',
	},
	response: {
		name: 'Response',
		value: 'response',
		description: 'A reply within 24 hours of the customer writing',
	},
	update: {
		name: 'Update',
		value: 'update',
		description: 'A non-promotional update within 24 hours',
	},
};

/** The rules' category values as editor options, by name. */
const categories = (values: readonly string[]): INodePropertyOptions[] =>
	values.map((value) => CATEGORY_OPTIONS[value]).sort((a, b) => a.name.localeCompare(b.name));

export function channelOptions(channel: Channel): INodeProperties[] {
	if (channel === 'viber') {
		return [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				options: categories(OPTION_RULES.viber.category.values),
				default: 'transaction', // n8n's lint wants a literal: the first value of the rules, Vonage's default
				description:
					"Viber's message category. The first message to a user must be a transaction (personal, informative), not a promotion.",
			},
			{
				displayName: 'TTL (Seconds)',
				name: 'ttl',
				type: 'number',
				typeOptions: { minValue: VIBER_TTL.min, maxValue: VIBER_TTL.max },
				default: 600,
				description: `How long Viber tries to deliver the message before dropping it, ${VIBER_TTL.min} to ${VIBER_TTL.max} seconds`,
			},
		];
	}
	if (channel === 'rcs') return [RCS_TTL, ...RCS_OPTIONS];
	if (channel === 'whatsapp') return WHATSAPP_V1_OPTIONS;
	if (channel === 'messenger') {
		return [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				options: categories(OPTION_RULES.messenger.category.values),
				default: 'response', // n8n's lint wants a literal: the first value of the rules, Vonage's default
				description: "Facebook's messaging type for the message (Vonage sends response when unset)",
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'CONFIRMED_EVENT_UPDATE',
				description:
					'Facebook message tag, e.g. CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE, HUMAN_AGENT. Required with the category Message Tag; Facebook reads a tag only there, so a Tag without Category sends the category Message Tag, and a Tag with Response or Update is refused.',
			},
		];
	}
	return [];
}
