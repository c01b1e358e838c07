import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT, sendAndWaitOperation } from './waitProperties';
import { updateDisplayOptions } from 'n8n-workflow';

import { WAIT_CHANNELS } from '../../../shared/handover/messages';
import { CHANNELS } from '../../../shared/vocabulary/channels';
import type { Channel, MessageType } from '../../../shared/vocabulary/messageModel';
import { isMedia } from '../../../shared/vocabulary/messageModel';
import { captionTypes, CHANNEL_RULES, CLIENT_REF_MAX, ruleOf, typesOf } from '../../message/rules';
import { ADDRESSES, channelOptions, TYPE_OPTIONS } from './channelFields';
import { optionsProperty } from './sendOptions';
import {
	customProperty,
	rcsContentProperties,
	viberVideoProperties,
	whatsappV1Properties,
} from './v1Fields';

/** The Send parameters of MMS, WhatsApp, Viber or Messenger (SMS keeps its own, unchanged). */
/** The channels a customer can answer on: Send and Wait for Reply is offered there. */
const canWait = (channel: Channel): boolean =>
	(WAIT_CHANNELS as readonly string[]).includes(channel);

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
		// A type only v1 has, on a channel both have, says so (check.ts refuses it in v0.1).
		const channelV1Only = CHANNEL_RULES[channel].versions?.length === 1;
		const options = typesOf(channel).map(({ type, versions }) =>
			versions && !channelV1Only
				? { ...TYPE_OPTIONS[type], name: `${TYPE_OPTIONS[type].name} (API V1)` }
				: TYPE_OPTIONS[type],
		);
		const messageType: INodeProperties = {
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			options,
			default: 'text', // n8n's lint wants a literal; set to the channel's first type below
			description: `What kind of ${spec.label} message to send`,
		};
		// The channel's first type in the rules' order (MMS: image, as before it had others).
		messageType.default = types[0];
		properties.push(messageType);
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
			...showFor(types.includes('card') ? ['text', 'card'] : ['text']),
		});
	}
	if (channel === 'rcs') properties.push(rcsContentProperties(showFor)[0]);
	const cards = types.includes('card') ? (['card'] as MessageType[]) : [];
	if (mediaTypes.length + cards.length > 0) {
		properties.push({
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/photo.jpg',
			description:
				'Public http(s) link to the image, audio, video or file; Vonage downloads it from there',
			...showFor([...mediaTypes, ...cards]),
		});
	}
	if (channel === 'rcs') properties.push(rcsContentProperties(showFor)[1]);
	if (channel === 'whatsapp') properties.push(...whatsappV1Properties(showFor));
	if (channel === 'viber') properties.push(...viberVideoProperties(showFor));
	if (types.includes('custom'))
		properties.push(
			customProperty(
				showFor,
				channel === 'rcs'
					? '{"contentMessage": {"text": "Hi"}}'
					: '{"type": "interactive", "interactive": {"type": "button", ...}}',
			),
		);
	if (captions.length > 0) {
		const inV01 = captionTypes(channel, 'v0.1');
		const onlyV1 = captions.filter((type) => !inV01.includes(type));
		const limits = typesOf(channel).flatMap(({ type, caption }) => {
			const max = caption?.v1?.max ?? caption?.['v0.1']?.max;
			return max ? [`${max} characters with ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`] : [];
		});
		properties.push({
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			description: `${onlyV1.length > 0 ? `For ${onlyV1.join(' and ')} only with API Version v1. ` : ''}Text shown with the media${limits.length > 0 ? `, up to ${limits.join(', ')}` : ''}. Leave empty for none.`,
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
	const operations = canWait(channel) ? ['send', SEND_AND_WAIT] : ['send'];
	return updateDisplayOptions({ show: { resource: [channel], operation: operations } }, properties);
}

export function operationProperty(channel: Exclude<Channel, 'sms'>): INodeProperties {
	const { label } = CHANNELS[channel];
	const article = /^[AEIOU]/.test(label) ? 'an' : 'a';
	const send = {
		name: 'Send',
		value: 'send',
		// The AI tool reads this: RCS says what it adds (suggestions, whose taps come back as choice_id).
		description:
			channel === 'rcs'
				? 'Send an RCS text or card with suggested replies and actions (dial, location, URL, calendar), media or a custom message; options: category, and for a card its orientation, image alignment, media height and thumbnail'
				: `Send ${article} ${label} message`,
		action: `Send ${article} ${label} message`,
	};
	const operations = canWait(channel)
		? [send, sendAndWaitOperation(`${article} ${label} message`)]
		: [send];
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
