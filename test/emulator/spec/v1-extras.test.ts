// Refusals of WhatsApp and SMS v1 fields at the emulator's POST /v1/messages, held to v1-extras.ts (Vonage node SDK
// WhatsApp sticker/reaction/custom/context and SMSParams; Java SDK reaction context, location, SMS IDs).
// What it accepts is proven by the engine tests (test/nodes/VonageMessages/send-v1-types.test.ts),
// whose bodies go through this emulator.
import { randomUUID } from 'node:crypto';
import axios, { type AxiosResponse } from 'axios';
import jwt from 'jsonwebtoken';

import { useEmulator } from '../../support/emulator-fixture';

const emu = useEmulator();

const bearer = () =>
	`Bearer ${jwt.sign({ application_id: emu.credentials.applicationId, jti: randomUUID() }, emu.credentials.privateKey, { algorithm: 'RS256', expiresIn: 300 })}`;
const send = async (body: unknown): Promise<AxiosResponse> =>
	await axios.post(`${emu.url}/v1/messages`, body, {
		headers: { authorization: bearer() },
		validateStatus: () => true,
	});

const WA = { channel: 'whatsapp', to: '447700900000', from: '447700900001' };
const SMS = {
	channel: 'sms',
	to: '447700900000',
	from: '447700900001',
	message_type: 'text',
	text: 'Hi',
};
const context = { message_uuid: randomUUID() };

const VB = { channel: 'viber_service', to: '447700900000', from: '654321', message_type: 'video' };
const video = { url: 'https://e.com/v.mp4', thumb_url: 'https://e.com/t.jpg' };

const REFUSED: Array<[string, Record<string, unknown>, number, string]> = [
	[
		'a Viber video without thumbnail',
		{ ...VB, video: { url: video.url }, viber_service: { duration: '5', file_size: '1' } },
		422,
		'video.thumb_url',
	],
	[
		'a Viber video without duration',
		{ ...VB, video, viber_service: { file_size: 1 } },
		422,
		'viber_service.duration',
	],
	[
		'a Viber video of 201 MB',
		{ ...VB, video, viber_service: { duration: 5, file_size: '201' } },
		422,
		'viber_service.file_size',
	],
	[
		'a reaction without context',
		{ ...WA, message_type: 'reaction', reaction: { action: 'react', emoji: '👍' } },
		422,
		'context',
	],
	[
		'a reaction with another action',
		{ ...WA, message_type: 'reaction', reaction: { action: 'love' }, context },
		422,
		'reaction.action',
	],
	[
		'a sticker with both url and id',
		{ ...WA, message_type: 'sticker', sticker: { url: 'https://e.com/s', id: 'x' } },
		422,
		'sticker',
	],
	[
		'a context that is no UUID',
		{ ...WA, message_type: 'text', text: 'x', context: { message_uuid: 'abc' } },
		422,
		'context.message_uuid',
	],
	[
		'a location without longitude',
		{ ...WA, message_type: 'custom', custom: { type: 'location', location: { latitude: '1' } } },
		422,
		'custom.location.longitude',
	],
	['a text trusted recipient', { ...SMS, trusted_recipient: 'yes' }, 422, 'trusted_recipient'],
	['a blank entity ID', { ...SMS, sms: { entity_id: ' ' } }, 422, 'sms.entity_id'],
];

it.each(REFUSED)('refuses %s', async (_label, body, status, name) => {
	const res = await send(body);
	expect(res.status).toBe(status);
	expect(res.data.invalid_parameters.map((p: { name: string }) => p.name)).toContain(name);
	expect(emu.accepted).toHaveLength(0);
});
