// POST /v1/messages of the emulator, held to the field lists of Vonage's SDK request types
// (Vonage/vonage-node-sdk packages/messages/lib/types/Requests: SMSMessageRequest, MMSImageRequest,
// WhatsApp{Text,Image,Audio,Video,File,Template}Request, Viber{Text,Image}Request, Messenger*Request;
// Channels/*: WhatsAppPolicyType, ViberService, MessengerType), and the v1 webhook shapes of the shared README.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosResponse } from 'axios';
import jwt from 'jsonwebtoken';

import { useEmulator } from '../../support/emulator-fixture';
import { channelInboundEvent, channelStatusEvent } from '../channel-events';
import { envelopeOf } from '../channels';

const emu = useEmulator();

const bearer = () =>
	`Bearer ${jwt.sign({ application_id: emu.credentials.applicationId, jti: randomUUID() }, emu.credentials.privateKey, { algorithm: 'RS256', expiresIn: 300 })}`;
const send = async (body: unknown, auth = bearer()): Promise<AxiosResponse> =>
	await axios.post(`${emu.url}/v1/messages`, body, {
		headers: { authorization: auth },
		validateStatus: () => true,
	});

const P = { to: '447700900000', from: '447700900001' };
const URL_ = 'https://example.com/media/cat.jpg';

/** Bodies with exactly the fields of the SDK's request types (optional ones filled in). */
const accepted: Array<[string, Record<string, unknown>]> = [
	[
		'SMS text',
		{
			...P,
			channel: 'sms',
			message_type: 'text',
			text: 'Hi',
			client_ref: 'r',
			sms: { encoding_type: 'auto', content_id: 'c', entity_id: 'e' },
			ttl: 600,
		},
	],
	[
		'SMS from a sender ID',
		{ to: P.to, from: 'AcmeShop', channel: 'sms', message_type: 'text', text: 'Hi' },
	],
	[
		'MMS image with caption from a short code',
		{
			to: '12015550124',
			from: '12345',
			channel: 'mms',
			message_type: 'image',
			image: { url: URL_, caption: 'A cat' },
			ttl: 600,
		},
	],
	[
		'WhatsApp text',
		{
			...P,
			channel: 'whatsapp',
			message_type: 'text',
			text: 'x'.repeat(4096),
			client_ref: 'r'.repeat(100),
		},
	],
	[
		'WhatsApp image',
		{ ...P, channel: 'whatsapp', message_type: 'image', image: { url: URL_, caption: 'c' } },
	],
	['WhatsApp audio', { ...P, channel: 'whatsapp', message_type: 'audio', audio: { url: URL_ } }],
	[
		'WhatsApp video',
		{ ...P, channel: 'whatsapp', message_type: 'video', video: { url: URL_, caption: 'c' } },
	],
	[
		'WhatsApp file',
		{ ...P, channel: 'whatsapp', message_type: 'file', file: { url: URL_, caption: 'c' } },
	],
	[
		'WhatsApp template',
		{
			...P,
			channel: 'whatsapp',
			message_type: 'template',
			template: { name: 'ns:verify', parameters: ['a', 'b'] },
			whatsapp: { policy: 'deterministic', locale: 'en_US' },
		},
	],
	[
		'Viber text with viber_service',
		{
			...P,
			from: '654321',
			channel: 'viber_service',
			message_type: 'text',
			text: 'Hi',
			viber_service: { category: 'promotion', ttl: 42 * 10, type: 'type' },
		},
	],
	[
		'Viber image',
		{
			...P,
			from: '654321',
			channel: 'viber_service',
			message_type: 'image',
			image: { url: URL_, caption: 'c' },
			viber_service: { category: 'transaction' },
		},
	],
	[
		'Messenger text with messenger',
		{
			to: '5473848892683926',
			from: '107083064136738',
			channel: 'messenger',
			message_type: 'text',
			text: 'Hi',
			messenger: { category: 'response', tag: 'ACCOUNT_UPDATE' },
		},
	],
	...(['image', 'audio', 'video', 'file'] as const).map(
		(type): [string, Record<string, unknown>] => [
			`Messenger ${type}`,
			{
				to: '5473848892683926',
				from: '107083064136738',
				channel: 'messenger',
				message_type: type,
				[type]: { url: URL_ },
				webhook_url: 'https://example.com/status',
				webhook_version: 'v0.1',
			},
		],
	),
];

it.each(accepted)('accepts %s (202, recorded as v1)', async (_label, body) => {
	const res = await send(body);
	expect({ status: res.status, data: res.data }).toEqual({
		status: 202,
		data: { message_uuid: expect.any(String) },
	});
	expect(emu.accepted).toEqual([expect.objectContaining({ body, version: 'v1' })]);
});

const with_ = (body: Record<string, unknown>, patch: Record<string, unknown>) => {
	const copy: Record<string, unknown> = { ...body, ...patch };
	for (const [key, value] of Object.entries(patch)) if (value === undefined) delete copy[key];
	return copy;
};
const waText = accepted[3][1];
const waTemplate = accepted[8][1];
const viber = accepted[9][1];
const messenger = accepted[11][1];

// Real v1 refuses every bad or missing parameter with 422 #1150 "Invalid params" (shared README
// "Synchronous errors are not webhook errors"), not v0.1's 400 "Missing params" / 422 1020.
const refused: Array<[string, Record<string, unknown>, number, string[]]> = [
	['no channel', with_(waText, { channel: undefined }), 422, ['channel']],
	['no message_type', with_(waText, { message_type: undefined }), 422, ['message_type']],
	['an unknown channel', with_(waText, { channel: 'telegram' }), 422, ['channel']],
	['the v0.1 Viber name', with_(viber, { channel: 'viber_service_msg' }), 422, ['channel']],
	[
		'a type the channel does not take',
		with_(messenger, { message_type: 'template' }),
		422,
		['message_type'],
	],
	['to as a v0.1 object', with_(waText, { to: { type: 'whatsapp', number: P.to } }), 422, ['to']],
	['no to', with_(waText, { to: undefined }), 422, ['to']],
	['a text without text', with_(waText, { text: undefined }), 422, ['text']],
	['WhatsApp text over 4096', with_(waText, { text: 'x'.repeat(4097) }), 422, ['text']],
	['Messenger text over 640', with_(messenger, { text: 'x'.repeat(641) }), 422, ['text']],
	['client_ref over 100', with_(waText, { client_ref: 'r'.repeat(101) }), 422, ['client_ref']],
	['an image without url', with_(accepted[4][1], { image: { caption: 'c' } }), 422, ['image.url']],
	[
		'a relative media URL',
		with_(accepted[4][1], { image: { url: '/cat.jpg' } }),
		422,
		['image.url'],
	],
	['a template without whatsapp', with_(waTemplate, { whatsapp: undefined }), 422, ['whatsapp']],
	[
		'a fallback policy',
		with_(waTemplate, { whatsapp: { policy: 'fallback', locale: 'en_US' } }),
		422,
		['whatsapp.policy'],
	],
	['a Viber TTL of 10', with_(viber, { viber_service: { ttl: 10 } }), 422, ['viber_service.ttl']],
	[
		'a Viber category of news',
		with_(viber, { viber_service: { category: 'news' } }),
		422,
		['viber_service.category'],
	],
	[
		'message_tag without a tag',
		with_(messenger, { messenger: { category: 'message_tag' } }),
		422,
		['messenger.tag'],
	],
	['a webhook_version of v2', with_(waText, { webhook_version: 'v2' }), 422, ['webhook_version']],
	[
		'an SMS encoding_type of ascii',
		with_(accepted[0][1], { sms: { encoding_type: 'ascii' } }),
		422,
		['sms.encoding_type'],
	],
];

it.each(refused)('refuses %s', async (_label, body, status, names) => {
	const res = await send(body);
	expect(res.status).toBe(status);
	expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
	expect(res.data.invalid_parameters.map((p: { name: string }) => p.name)).toEqual(names);
	expect(res.data).toMatchObject({
		type: expect.stringMatching(/\/api-errors\/messages#1150$/),
		title: 'Invalid params',
	});
	expect(emu.accepted).toHaveLength(0);
});

it('refuses an empty body as real v1 does: 422 #1150 "Invalid params" naming what is missing', async () => {
	const res = await send({});
	expect(res.status).toBe(422);
	expect(res.data).toMatchObject({
		type: 'https://developer.vonage.com/api-errors/messages#1150',
		title: 'Invalid params',
		invalid_parameters: [{ name: 'channel', reason: 'is required' }],
	});
});

it('authenticates /v1/messages exactly like /v0.1 (401 without credentials)', async () => {
	const res = await axios.post(`${emu.url}/v1/messages`, waText, { validateStatus: () => true });
	expect(res.status).toBe(401);
});

describe('v1 webhooks (shared README: string to/from, channel, error title = code)', () => {
	it('status events of every channel', () => {
		const ref = { message_uuid: 'u-1', clientRef: 'r-1' };
		const status = channelStatusEvent(ref, envelopeOf('v1', viber), 'read', undefined, 'v1');
		expect(status).toEqual({
			message_uuid: 'u-1',
			timestamp: expect.any(String),
			status: 'read',
			to: P.to,
			from: '654321',
			channel: 'viber_service',
			client_ref: 'r-1',
		});
		const failed = channelStatusEvent(
			ref,
			envelopeOf('v1', messenger),
			'rejected',
			{ code: 1240, reason: 'Illegal Number' },
			'v1',
		);
		expect(failed).toMatchObject({
			channel: 'messenger',
			to: '5473848892683926',
			error: { type: expect.stringMatching(/#1240$/), title: '1240', detail: 'Illegal Number' },
		});
		const v01 = channelStatusEvent(
			ref,
			envelopeOf('v1', messenger),
			'delivered',
			undefined,
			'v0.1',
		);
		expect(v01).toMatchObject({
			to: { type: 'messenger', id: '5473848892683926' },
			from: { type: 'messenger', id: '107083064136738' },
		});
	});

	it('inbound events: text at the top level, media under the type name', () => {
		expect(
			channelInboundEvent(
				{
					channel: 'whatsapp',
					from: P.to,
					to: P.from,
					type: 'image',
					url: URL_,
					caption: 'my cat',
				},
				'v1',
			),
		).toEqual({
			channel: 'whatsapp',
			message_type: 'image',
			message_uuid: expect.any(String),
			timestamp: expect.any(String),
			to: P.from,
			from: P.to,
			image: { url: URL_, caption: 'my cat' },
		});
		expect(
			channelInboundEvent({ channel: 'viber', from: P.to, to: '654321', text: 'Hi' }, 'v1'),
		).toMatchObject({ channel: 'viber_service', message_type: 'text', text: 'Hi', to: '654321' });
	});
});
