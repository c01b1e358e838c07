// RCS at the emulator's POST /v1/messages, held to rcs.ts (Vonage node SDK RCS request types and its
// "send text with suggestions" fixture; Java SDK 9.x RCS builders' limits), and the RCS events it emits:
// statuses in v1 and a tapped suggestion as `button: {text, payload}`.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosResponse } from 'axios';
import jwt from 'jsonwebtoken';

import { useEmulator } from '../../support/emulator-fixture';
import { channelInboundEvent, channelStatusEvent } from '../channel-events';
import { envelopeOf } from '../channels';
import { checkFields, V1_INBOUND, V1_STATUS } from '../v1-fields';

const emu = useEmulator();

const bearer = () =>
	`Bearer ${jwt.sign({ application_id: emu.credentials.applicationId, jti: randomUUID() }, emu.credentials.privateKey, { algorithm: 'RS256', expiresIn: 300 })}`;
const send = async (body: unknown): Promise<AxiosResponse> =>
	await axios.post(`${emu.url}/v1/messages`, body, {
		headers: { authorization: bearer() },
		validateStatus: () => true,
	});

const R = { channel: 'rcs', to: '14152739164', from: 'Vonage' };
const reply = (extra: Record<string, unknown> = {}) => ({
	type: 'reply',
	text: 'Yes',
	postback_data: 'yes',
	...extra,
});

/** The SDK fixture's seven suggestion types, with its field names. */
const SDK_SUGGESTIONS = [
	{
		type: 'create_calendar_event',
		start_time: '2015-10-15T10:00:00Z',
		end_time: '2015-10-15T11:00:00Z',
		title: 'Sports',
		text: 'Save it',
		postback_data: 'cal',
	},
	{ type: 'dial', phone_number: '+14152739164', text: 'Call', postback_data: 'dial' },
	{ type: 'open_url', url: 'https://example.com', text: 'Open', postback_data: 'url' },
	{
		type: 'open_url_in_webview',
		url: 'https://example.com',
		view_mode: 'FULL',
		text: 'Open here',
		postback_data: 'web',
	},
	reply(),
	{ type: 'share_location', text: 'Share', postback_data: 'share' },
	{
		type: 'view_location',
		text: 'Find us',
		latitude: '36.05443',
		longitude: '-112.13934',
		pin_label: 'Go Here',
		postback_data: 'map',
	},
];

const ACCEPTED: Array<[string, Record<string, unknown>]> = [
	['text', { ...R, message_type: 'text', text: 'Hi', ttl: 42 * 10 }],
	[
		'text with every suggestion type',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: SDK_SUGGESTIONS },
	],
	[
		'image',
		{
			...R,
			message_type: 'image',
			image: { url: 'https://example.com/a.jpg' },
			webhook_url: 'https://example.com',
		},
	],
	[
		'video',
		{ ...R, message_type: 'video', video: { url: 'https://example.com/a.mp4' }, client_ref: 'r' },
	],
	['file', { ...R, message_type: 'file', file: { url: 'https://example.com/a.pdf' } }],
	[
		'card',
		{
			...R,
			message_type: 'card',
			card: {
				title: 'Quick question',
				text: 'Like it?',
				media_url: 'https://example.com/a.jpg',
				suggestions: [reply()],
			},
		},
	],
	['custom', { ...R, message_type: 'custom', custom: { contentMessage: { text: 'Hi' } } }],
	[
		'the .NET SDK full card fixture (media_height, thumbnail_url, rcs extras)',
		{
			...R,
			message_type: 'card',
			card: {
				title: 'Card Title',
				text: 'This is some text to display on the card.',
				media_url: 'https://example.com/image.jpg',
				media_height: 'SHORT',
				thumbnail_url: 'https://example.com/thumbnail.jpg',
			},
			rcs: { category: 'transaction', card_orientation: 'VERTICAL', image_alignment: 'RIGHT' },
		},
	],
	[
		'a text with a category',
		{ ...R, message_type: 'text', text: 'Hi', rcs: { category: 'promotion' } },
	],
];
const CARD = { title: 'T', text: 'x', media_url: 'https://e.com/a.jpg' };

const REFUSED: Array<[string, Record<string, unknown>, number, string]> = [
	[
		'12 suggestions',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: Array(12).fill(reply()) },
		422,
		'suggestions',
	],
	[
		'5 on a card',
		{
			...R,
			message_type: 'card',
			card: {
				title: 'T',
				text: 'x',
				media_url: 'https://e.com/a.jpg',
				suggestions: Array(5).fill(reply()),
			},
		},
		422,
		'card.suggestions',
	],
	[
		'26-character suggestion',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: [reply({ text: 'y'.repeat(26) })] },
		422,
		'suggestions[0].text',
	],
	[
		'no postback data',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: [reply({ postback_data: undefined })] },
		422,
		'suggestions[0].postback_data',
	],
	[
		'dial without a number',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: [reply({ type: 'dial' })] },
		422,
		'suggestions[0].phone_number',
	],
	[
		'a field of another type',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: [reply({ url: 'https://e.com' })] },
		422,
		'suggestions[0].url',
	],
	[
		'unknown suggestion type',
		{ ...R, message_type: 'text', text: 'Hi', suggestions: [reply({ type: 'buy' })] },
		422,
		'suggestions[0].type',
	],
	['text over 3072', { ...R, message_type: 'text', text: 'x'.repeat(3073) }, 422, 'text'],
	[
		'card title over 200',
		{
			...R,
			message_type: 'card',
			card: { title: 't'.repeat(201), text: 'x', media_url: 'https://e.com/a.jpg' },
		},
		422,
		'card.title',
	],
	[
		'card without media',
		{ ...R, message_type: 'card', card: { title: 'T', text: 'x' } },
		422,
		'card.media_url',
	],
	[
		'media_height LARGE',
		{ ...R, message_type: 'card', card: { ...CARD, media_height: 'LARGE' } },
		422,
		'card.media_height',
	],
	[
		'a category that does not exist',
		{ ...R, message_type: 'text', text: 'Hi', rcs: { category: 'marketing' } },
		422,
		'rcs.category',
	],
	[
		'a horizontal card without image_alignment',
		{ ...R, message_type: 'card', card: CARD, rcs: { card_orientation: 'HORIZONTAL' } },
		422,
		'rcs.image_alignment',
	],
	[
		'image_alignment CENTER',
		{
			...R,
			message_type: 'card',
			card: CARD,
			rcs: { card_orientation: 'HORIZONTAL', image_alignment: 'CENTER' },
		},
		422,
		'rcs.image_alignment',
	],
	['custom that is a list', { ...R, message_type: 'custom', custom: [1] }, 422, 'custom'],
	['ttl under 20', { ...R, message_type: 'text', text: 'Hi', ttl: 19 }, 422, 'ttl'],
	[
		'template on RCS',
		{ ...R, message_type: 'template', template: { name: 'x' } },
		422,
		'message_type',
	],
];

describe('RCS at POST /v1/messages', () => {
	it.each(ACCEPTED)('accepts %s', async (_label, body) => {
		const res = await send(body);
		expect(res.status).toBe(202);
		expect(emu.accepted.map((m) => m.body)).toEqual([body]);
	});

	it.each(REFUSED)('refuses %s', async (_label, body, status, name) => {
		const res = await send(body);
		expect(res.status).toBe(status);
		expect(res.data.invalid_parameters.map((p: { name: string }) => p.name)).toContain(name);
		expect(emu.accepted).toHaveLength(0);
	});
});

describe('RCS events', () => {
	it('sends statuses in v1, whatever the format asked (RCS has no v0.1)', () => {
		const envelope = envelopeOf('v1', { ...R, message_type: 'text', text: 'Hi' });
		const event = channelStatusEvent(
			{ message_uuid: randomUUID() },
			envelope,
			'delivered',
			undefined,
			'v0.1',
		);
		expect(event).toMatchObject({ channel: 'rcs', to: R.to, from: R.from, status: 'delivered' });
		expect(checkFields(event, V1_STATUS)).toEqual([]);
	});

	it('sends a tapped suggestion as button {text, payload}: the text and its postback data', () => {
		const event = channelInboundEvent(
			{ channel: 'rcs', from: R.to, to: R.from, type: 'button', text: 'Yes', id: 'yes' },
			'v0.1',
		);
		expect(event).toMatchObject({
			channel: 'rcs',
			message_type: 'button',
			button: { text: 'Yes', payload: 'yes' },
		});
		expect(event.button).not.toHaveProperty('subtype');
		expect(checkFields(event, V1_INBOUND)).toEqual([]);
	});

	it('takes an RCS tap through POST /_emulator/inbound and sends it in v1', async () => {
		const res = await axios.post(
			`${emu.url}/_emulator/inbound`,
			{ channel: 'rcs', from: R.to, to: R.from, type: 'button', text: 'Yes', id: 'yes' },
			{ validateStatus: () => true },
		);
		expect(res.status).toBe(200);
		expect(res.data.version).toBe('v1');
		expect(JSON.parse(res.data.body)).toMatchObject({
			channel: 'rcs',
			message_type: 'button',
			button: { text: 'Yes', payload: 'yes' },
		});
	});
});
