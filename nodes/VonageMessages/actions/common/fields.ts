import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { SEND_AND_WAIT, sendAndWaitOperation } from './waitProperties';
import { updateDisplayOptions } from 'n8n-workflow';

import { CHANNELS } from '../../../shared/vocabulary/channels';
import type { Channel, MessageType } from '../../../shared/vocabulary/messageModel';
import { isMedia } from '../../../shared/vocabulary/messageModel';
import { captionTypes, CLIENT_REF_MAX, OPTION_RULES, ruleOf, typesOf } from '../../message/rules';
import { optionsProperty } from './sendOptions';

/** Editor and AI-tool wording per channel: what goes into From and To. */
const ADDRESSES: Record<
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
			"The customer's WhatsApp phone number in international format: country code then number, e.g. 447700900000",
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

const TYPE_OPTIONS: Record<MessageType, INodePropertyOptions> = {
	text: { name: 'Text', value: 'text', description: 'A text message' },
	image: { name: 'Image', value: 'image', description: 'A picture from a public URL' },
	audio: { name: 'Audio', value: 'audio', description: 'A sound file from a public URL' },
	video: { name: 'Video', value: 'video', description: 'A video from a public URL' },
	file: { name: 'File', value: 'file', description: 'A document (e.g. PDF) from a public URL' },
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

function channelOptions(channel: Channel): INodeProperties[] {
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
					'Facebook message tag, required with the category Message Tag, e.g. CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE, HUMAN_AGENT',
			},
		];
	}
	return [];
}

/** The Send parameters of MMS, WhatsApp, Viber or Messenger (SMS keeps its own, unchanged). */
export function sendProperties(channel: Exclude<Channel, 'sms'>): INodeProperties[] {
	const spec = CHANNELS[channel];
	const types = typesOf(channel).map((row) => row.type);
	// Shown for some message types only: on a channel with one type, always (with the operation).
	const showFor = (shown: MessageType[]) =>
		types.length > 1 ? { displayOptions: { show: { messageType: shown } } } : {};
	const mediaTypes = types.filter(isMedia);
	const captions = captionTypes(channel);
	const [fromExample, fromDescription] = ADDRESSES[channel].from;
	const [toExample, toDescription] = ADDRESSES[channel].to;
	const properties: INodeProperties[] = [
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			required: true,
			default: '',
			placeholder: fromExample,
			description: fromDescription,
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			required: true,
			default: '',
			placeholder: toExample,
			description: toDescription,
		},
	];
	if (types.length > 1) {
		const options = types.map((type) => TYPE_OPTIONS[type]);
		properties.push({
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			options,
			default: 'text',
			description: `What kind of ${spec.label} message to send`,
		});
	}
	const textRule = ruleOf(channel, 'text')?.text;
	if (textRule) {
		properties.push({
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 3 },
			description: `The message text, up to ${textRule.max} characters`,
			...showFor(['text']),
		});
	}
	if (mediaTypes.length > 0) {
		properties.push({
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/photo.jpg',
			description:
				'Public http(s) link to the image, audio, video or file; Vonage downloads it from there',
			...showFor(mediaTypes),
		});
	}
	if (captions.length > 0) {
		const inV01 = captionTypes(channel, 'v0.1');
		const onlyV1 = captions.filter((type) => !inV01.includes(type));
		properties.push({
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			description: `${onlyV1.length > 0 ? `For ${onlyV1.join(' and ')} only with API Version v1. ` : ''}Text shown with the media. Leave empty for none.`,
			...showFor(captions),
		});
	}
	if (types.includes('template')) {
		const showTemplate = showFor(['template']);
		properties.push(
			{
				displayName: 'Template Name',
				name: 'templateName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'namespace:verify',
				description:
					'The approved WhatsApp template, with your namespace and a colon before it when you have one',
				...showTemplate,
			},
			{
				displayName: 'Template Parameters',
				name: 'templateParameters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Parameter',
				default: {},
				description: 'Values for the placeholders {{1}}, {{2}}, ... of the template, in order.',
				...showTemplate,
				options: [
					{
						name: 'parameter',
						displayName: 'Parameter',
						values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
					},
				],
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				required: true,
				default: 'en',
				placeholder: 'en-GB',
				description: 'The language the template was approved in, e.g. en, en-GB or pt_BR',
				...showTemplate,
			},
			{
				displayName: 'Policy',
				name: 'policy',
				type: 'options',
				options: [
					{
						name: 'Deterministic',
						value: 'deterministic',
						description: 'Send the template in exactly this locale',
					},
					{
						name: 'Fallback (Withdrawn)',
						value: 'fallback',
						description: 'Withdrawn by WhatsApp in 2020; Vonage refuses it',
					},
				],
				default: 'deterministic',
				description: 'How WhatsApp picks the template language',
				...showTemplate,
			},
		);
	}
	properties.push(
		{
			displayName: 'Client Reference',
			name: 'clientRef',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.orderId }}',
			description: `Your own reference, e.g. an order ID (up to ${CLIENT_REF_MAX['v0.1']} characters in v0.1, ${CLIENT_REF_MAX.v1} in v1). Vonage returns it in every status event of this message. Leave empty to send none.`,
		},
		optionsProperty(channelOptions(channel)),
	);
	const operations = channel === 'mms' ? ['send'] : ['send', SEND_AND_WAIT];
	return updateDisplayOptions({ show: { resource: [channel], operation: operations } }, properties);
}

export function operationProperty(channel: Exclude<Channel, 'sms'>): INodeProperties {
	const { label } = CHANNELS[channel];
	const article = /^[AEIOU]/.test(label) ? 'an' : 'a';
	const send = {
		name: 'Send',
		value: 'send',
		description: `Send ${article} ${label} message`,
		action: `Send ${article} ${label} message`,
	};
	const operations =
		channel === 'mms' ? [send] : [send, sendAndWaitOperation(`${article} ${label} message`)];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [channel] } },
		options: operations,
		default: 'send',
	};
}
