// A recipient answers a sent message (reply.ts, POST /_emulator/reply): an inbound message from the
// message's recipient to its sender, on its channel, in either webhook format.
import { bodyFor } from '../../../nodes/VonageMessages/message/prepare';
import type { Message } from '../../../nodes/shared/vocabulary/messageModel';
import { useEmulator } from '../../support/emulator-fixture';
import { basic, pointWebhooks, send, startReceiver } from './testkit';

const emu = useEmulator();
const text = { type: 'text', text: 'Your appointment is tomorrow. Reply YES or NO' } as const;

const SENT: Array<[string, Message, Record<string, unknown>, Record<string, unknown>]> = [
	[
		'sms',
		{ channel: 'sms', from: '447700900001', to: '447700900000', content: text },
		{ channel: 'sms', from: '447700900000', to: '447700900001' },
		{ from: { type: 'sms', number: '447700900000' }, to: { type: 'sms', number: '447700900001' } },
	],
	[
		'whatsapp',
		{ channel: 'whatsapp', from: '447700900001', to: '447700900000', content: text },
		{ channel: 'whatsapp', from: '447700900000', to: '447700900001' },
		{ from: { type: 'whatsapp', number: '447700900000' } },
	],
	[
		'viber',
		{ channel: 'viber', from: '654321', to: '447700900000', content: text },
		{ channel: 'viber_service', from: '447700900000', to: '654321' },
		{ from: { type: 'viber_service_msg', number: '447700900000' }, to: { id: '654321' } },
	],
	[
		'messenger',
		{ channel: 'messenger', from: '107083064136738', to: '5473848892683926', content: text },
		{ channel: 'messenger', from: '5473848892683926', to: '107083064136738' },
		{ from: { type: 'messenger', id: '5473848892683926' } },
	],
];

const reply = async (body: unknown) =>
	await fetch(`${emu.url}/_emulator/reply`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});

describe('POST /_emulator/reply', () => {
	it.each(SENT)(
		'%s: from the recipient to the sender, v1 and v0.1',
		async (_, message, v1, v01) => {
			const receiver = await startReceiver([204]);
			try {
				pointWebhooks(emu, receiver.url);
				const sent = await send(
					emu,
					basic(emu.credentials.apiKey, emu.credentials.apiSecret),
					bodyFor(message, 'v0.1'),
				);
				expect(sent.status).toBe(202);
				const uuid = sent.data.message_uuid as string;
				expect((await reply({ message_uuid: uuid, text: 'Yes!', format: 'v1' })).status).toBe(200);
				expect((await reply({ to: message.to, text: 'no', format: 'v0.1' })).status).toBe(200);
				const [first, second] = receiver.received.map((r) => JSON.parse(r.body));
				expect(first).toMatchObject({ ...v1, message_type: 'text', text: 'Yes!' });
				expect(second).toMatchObject({
					...v01,
					message: { content: { type: 'text', text: 'no' } },
				});
			} finally {
				await receiver.close();
			}
		},
	);

	it('404 for a message it never accepted, or a body that is not a reply', async () => {
		for (const body of [
			{ message_uuid: 'nope', text: 'x' },
			{ to: '447700900000', text: 'x' },
			[],
			'x',
		])
			expect((await reply(body)).status).toBe(404);
	});
});
