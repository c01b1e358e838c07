// What only API v1 has, through the engine: RCS (text with suggestions, card, media, custom, ttl), the
// v1-only media types of MMS and Viber, and the per-message webhook options. One row a case: the
// parameters, and the body the emulator (our model of Vonage) received. Sources: message/rules.ts,
// message/rulesV1.ts (Vonage node SDK request types and fixtures, Java SDK 9.x builders).
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { ADDRESSES, sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

const rc = ADDRESSES.rcs;
const wa = ADDRESSES.whatsapp;
const UUID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const whatsapp = (fields: IDataObject): IDataObject => ({
	channel: 'whatsapp',
	to: wa.to,
	from: wa.from,
	...fields,
});
const URL = 'https://example.com/media/cat.jpg';
const v1 = { apiVersion: 'v1' };

interface Case {
	label: string;
	resource: Resource;
	parameters: INodeParameters;
	body: IDataObject;
}

const rcs = (fields: IDataObject): IDataObject => ({
	channel: 'rcs',
	to: rc.to,
	from: rc.from,
	...fields,
});

const ALL_SUGGESTIONS = [
	{ type: 'reply', text: 'Yes', postbackData: 'yes' },
	{ type: 'dial', text: 'Call us', postbackData: 'call', phoneNumber: '+44 7700 900000' },
	{
		type: 'view_location',
		text: 'Find us',
		postbackData: 'map',
		latitude: '51.5072',
		longitude: '-0.1276',
		pinLabel: 'Our shop',
	},
	{ type: 'share_location', text: 'Share', postbackData: 'where' },
	{ type: 'open_url', text: 'Site', postbackData: 'site', url: 'https://example.com' },
	{
		type: 'open_url_in_webview',
		text: 'Menu',
		postbackData: 'menu',
		url: 'https://example.com/menu',
		viewMode: 'TALL',
	},
	{
		type: 'create_calendar_event',
		text: 'Save date',
		postbackData: 'cal',
		startTime: '2026-10-15T10:00:00Z',
		endTime: '2026-10-15T11:00:00Z',
		title: 'Table for 2',
		description: 'At our shop',
	},
];
const ALL_WIRE = [
	{ type: 'reply', text: 'Yes', postback_data: 'yes' },
	{ type: 'dial', text: 'Call us', postback_data: 'call', phone_number: '+447700900000' },
	{
		type: 'view_location',
		text: 'Find us',
		postback_data: 'map',
		latitude: '51.5072',
		longitude: '-0.1276',
		pin_label: 'Our shop',
	},
	{ type: 'share_location', text: 'Share', postback_data: 'where' },
	{ type: 'open_url', text: 'Site', postback_data: 'site', url: 'https://example.com' },
	{
		type: 'open_url_in_webview',
		text: 'Menu',
		postback_data: 'menu',
		url: 'https://example.com/menu',
		view_mode: 'TALL',
	},
	{
		type: 'create_calendar_event',
		text: 'Save date',
		postback_data: 'cal',
		start_time: '2026-10-15T10:00:00Z',
		end_time: '2026-10-15T11:00:00Z',
		title: 'Table for 2',
		description: 'At our shop',
	},
];

const cases: Case[] = [
	{
		label: 'RCS text (v1 without the option: RCS has only v1)',
		resource: 'rcs',
		parameters: { text: 'Your table is ready' },
		body: rcs({ message_type: 'text', text: 'Your table is ready' }),
	},
	{
		label: 'RCS text with every kind of suggestion, a JSON list in the camelCase of the SDK',
		resource: 'rcs',
		parameters: { text: 'Pick one', suggestions: JSON.stringify(ALL_SUGGESTIONS) },
		body: rcs({ message_type: 'text', text: 'Pick one', suggestions: ALL_WIRE }),
	},
	{
		label: 'RCS text with suggestions as a JSON list in snake_case, ttl and client ref',
		resource: 'rcs',
		parameters: {
			text: 'Coming?',
			suggestions: "={{ [{ type: 'reply', text: 'Yes', postback_data: 'yes' }] }}",
			clientRef: 'order-7',
			options: { ttl: 600 },
		},
		body: rcs({
			message_type: 'text',
			text: 'Coming?',
			suggestions: [{ type: 'reply', text: 'Yes', postback_data: 'yes' }],
			client_ref: 'order-7',
			ttl: 600,
		}),
	},
	...(['image', 'video', 'file'] as const).map(
		(type): Case => ({
			label: `RCS ${type}`,
			resource: 'rcs',
			parameters: { messageType: type, mediaUrl: URL, options: v1 },
			body: rcs({ message_type: type, [type]: { url: URL } }),
		}),
	),
	{
		label: 'RCS card with a suggestion',
		resource: 'rcs',
		parameters: {
			messageType: 'card',
			cardTitle: 'Quick question',
			text: 'Do you like it?',
			mediaUrl: URL,
			suggestions: [{ type: 'reply', text: 'Love it', postbackData: 'love' }],
		},
		body: rcs({
			message_type: 'card',
			card: {
				title: 'Quick question',
				text: 'Do you like it?',
				media_url: URL,
				suggestions: [{ type: 'reply', text: 'Love it', postback_data: 'love' }],
			},
		}),
	},
	{
		label: 'RCS card with every extra (.NET SDK full card fixture: card and rcs parts)',
		resource: 'rcs',
		parameters: {
			messageType: 'card',
			cardTitle: 'Card Title',
			text: 'Some text',
			mediaUrl: URL,
			options: {
				category: 'transaction',
				cardOrientation: 'HORIZONTAL',
				imageAlignment: 'RIGHT',
				mediaHeight: 'TALL',
				cardThumbnailUrl: 'https://example.com/thumb.jpg',
			},
		},
		body: rcs({
			message_type: 'card',
			card: {
				title: 'Card Title',
				text: 'Some text',
				media_url: URL,
				media_height: 'TALL',
				thumbnail_url: 'https://example.com/thumb.jpg',
			},
			rcs: { category: 'transaction', card_orientation: 'HORIZONTAL', image_alignment: 'RIGHT' },
		}),
	},
	{
		label: 'RCS card, vertical with a medium media height',
		resource: 'rcs',
		parameters: {
			messageType: 'card',
			cardTitle: 'T',
			text: 'x',
			mediaUrl: URL,
			options: { cardOrientation: 'VERTICAL', mediaHeight: 'MEDIUM' },
		},
		body: rcs({
			message_type: 'card',
			card: { title: 'T', text: 'x', media_url: URL, media_height: 'MEDIUM' },
			rcs: { card_orientation: 'VERTICAL' },
		}),
	},
	{
		label: 'RCS text with a category (PHP SDK RCSCategory)',
		resource: 'rcs',
		parameters: { text: 'Your code is 1234', options: { category: 'service-request' } },
		body: rcs({
			message_type: 'text',
			text: 'Your code is 1234',
			rcs: { category: 'service-request' },
		}),
	},
	{
		// n8n itself drops a collection value its displayOptions hide ('/messageType' is the root parameter).
		label: 'RCS text with a card option: hidden, so n8n drops it',
		resource: 'rcs',
		parameters: { text: 'Hi', options: { mediaHeight: 'TALL', cardThumbnailUrl: URL } },
		body: rcs({ message_type: 'text', text: 'Hi' }),
	},
	{
		label: 'RCS vertical card with an image alignment: hidden, so n8n drops it',
		resource: 'rcs',
		parameters: {
			messageType: 'card',
			cardTitle: 'T',
			text: 'x',
			mediaUrl: URL,
			options: { cardOrientation: 'VERTICAL', imageAlignment: 'LEFT' },
		},
		body: rcs({
			message_type: 'card',
			card: { title: 'T', text: 'x', media_url: URL },
			rcs: { card_orientation: 'VERTICAL' },
		}),
	},
	{
		label: 'RCS custom, an object sent as it is',
		resource: 'rcs',
		parameters: {
			messageType: 'custom',
			custom:
				'{"contentMessage": {"text": "Hi", "suggestions": [{"reply": {"text": "Hey", "postbackData": "h"}}]}}',
		},
		body: rcs({
			message_type: 'custom',
			custom: {
				contentMessage: {
					text: 'Hi',
					suggestions: [{ reply: { text: 'Hey', postbackData: 'h' } }],
				},
			},
		}),
	},
	...(['vcard', 'audio', 'video'] as const).map(
		(type): Case => ({
			label: `MMS ${type} with a caption`,
			resource: 'mms',
			parameters: { messageType: type, mediaUrl: URL, caption: 'See this', options: v1 },
			body: {
				channel: 'mms',
				message_type: type,
				to: ADDRESSES.mms.to,
				from: ADDRESSES.mms.from,
				[type]: { url: URL, caption: 'See this' },
			},
		}),
	),
	{
		label: 'Viber file',
		resource: 'viber',
		parameters: { messageType: 'file', mediaUrl: 'https://example.com/a.pdf', options: v1 },
		body: {
			channel: 'viber_service',
			message_type: 'file',
			to: ADDRESSES.viber.to,
			from: ADDRESSES.viber.from,
			file: { url: 'https://example.com/a.pdf' },
		},
	},
	{
		label: 'Viber video with thumbnail, length and size',
		resource: 'viber',
		parameters: {
			messageType: 'video',
			mediaUrl: 'https://example.com/v.mp4',
			caption: 'Our shop',
			thumbUrl: 'https://example.com/t.jpg',
			duration: 42,
			fileSize: 5,
			options: v1,
		},
		body: {
			channel: 'viber_service',
			message_type: 'video',
			to: ADDRESSES.viber.to,
			from: ADDRESSES.viber.from,
			video: {
				url: 'https://example.com/v.mp4',
				caption: 'Our shop',
				thumb_url: 'https://example.com/t.jpg',
			},
			viber_service: { category: 'transaction', duration: '42', file_size: '5' },
		},
	},
	{
		label: 'WhatsApp sticker by URL',
		resource: 'whatsapp',
		parameters: { messageType: 'sticker', sticker: 'https://example.com/s.webp', options: v1 },
		body: whatsapp({ message_type: 'sticker', sticker: { url: 'https://example.com/s.webp' } }),
	},
	{
		label: 'WhatsApp sticker by ID',
		resource: 'whatsapp',
		parameters: { messageType: 'sticker', sticker: 'sticker-id-42', options: v1 },
		body: whatsapp({ message_type: 'sticker', sticker: { id: 'sticker-id-42' } }),
	},
	{
		label: 'WhatsApp reaction on a message',
		resource: 'whatsapp',
		parameters: { messageType: 'reaction', emoji: '👍', options: { ...v1, context: UUID } },
		body: whatsapp({
			message_type: 'reaction',
			reaction: { action: 'react', emoji: '👍' },
			context: { message_uuid: UUID },
		}),
	},
	{
		label: 'WhatsApp reaction taken back (no emoji)',
		resource: 'whatsapp',
		parameters: { messageType: 'reaction', options: { ...v1, context: UUID } },
		body: whatsapp({
			message_type: 'reaction',
			reaction: { action: 'unreact' },
			context: { message_uuid: UUID },
		}),
	},
	{
		label: 'WhatsApp location, sent as a custom location',
		resource: 'whatsapp',
		parameters: {
			messageType: 'location',
			latitude: '51.5072',
			longitude: '-0.1276',
			placeName: 'Our shop',
			placeAddress: '1 High St',
			options: v1,
		},
		body: whatsapp({
			message_type: 'custom',
			custom: {
				type: 'location',
				location: {
					latitude: '51.5072',
					longitude: '-0.1276',
					name: 'Our shop',
					address: '1 High St',
				},
			},
		}),
	},
	{
		label: 'WhatsApp custom (an interactive button message)',
		resource: 'whatsapp',
		parameters: {
			messageType: 'custom',
			custom: { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' } } },
			options: v1,
		},
		body: whatsapp({
			message_type: 'custom',
			custom: { type: 'interactive', interactive: { type: 'button', body: { text: 'Pick' } } },
		}),
	},
	{
		label: 'WhatsApp text answering a message (context)',
		resource: 'whatsapp',
		parameters: { messageType: 'text', text: 'Yes', options: { ...v1, context: UUID } },
		body: whatsapp({ message_type: 'text', text: 'Yes', context: { message_uuid: UUID } }),
	},
	{
		label: 'SMS with encoding type, ttl, trusted recipient, content and entity IDs (India DLT)',
		resource: 'sms',
		parameters: {
			text: 'Your OTP is 1234',
			options: {
				...v1,
				encodingType: 'unicode',
				ttl: 900,
				trustedRecipient: true,
				contentId: '1107161234567890123',
				entityId: '1101456789012345678',
			},
		},
		body: {
			channel: 'sms',
			message_type: 'text',
			to: ADDRESSES.sms.to,
			from: ADDRESSES.sms.from,
			text: 'Your OTP is 1234',
			ttl: 900,
			trusted_recipient: true,
			sms: {
				encoding_type: 'unicode',
				content_id: '1107161234567890123',
				entity_id: '1101456789012345678',
			},
		},
	},
	{
		label: 'SMS with a per-message webhook URL and version',
		resource: 'sms',
		parameters: {
			text: 'Hi',
			options: { ...v1, webhookUrl: 'https://example.com/status', webhookVersion: 'v0.1' },
		},
		body: {
			channel: 'sms',
			message_type: 'text',
			to: ADDRESSES.sms.to,
			from: ADDRESSES.sms.from,
			text: 'Hi',
			webhook_url: 'https://example.com/status',
			webhook_version: 'v0.1',
		},
	},
];

describe.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
	it('sends this v1 body, once', async () => {
		const { outputs, error } = await sendOn({
			emulator,
			resource: c.resource,
			parameters: c.parameters,
		});
		expect(error).toBeUndefined();
		expect(emulator.accepted).toHaveLength(1);
		expect(emulator.accepted[0].version).toBe('v1');
		expect(emulator.accepted[0].body).toEqual(c.body);
		expect(outputs[0][0].json).toMatchObject({
			message_uuid: emulator.accepted[0].message_uuid,
			channel: c.resource,
			// The node's type (a WhatsApp location goes out as a custom message).
			message_type: c.parameters.messageType ?? c.body.message_type,
		});
	});
});
