// The emulator's inbound messages beyond text and media (inbound-types.ts, each with its source): the v1
// events carry only v1 fields in the recorded shapes, v0.1 has only the WhatsApp location, and
// POST /_emulator/inbound sends them or refuses a body that is none of them.
import { useEmulator } from '../../support/emulator-fixture';
import { channelInboundEvent, type InboundSpec } from '../channel-events';
import { checkFields, V1_INBOUND } from '../v1-fields';
import { pointWebhooks, startReceiver } from './testkit';

const emu = useEmulator();
const WA = { channel: 'whatsapp', from: '447700900000', to: '447700900001' } as const;

const SPECS: Array<[string, InboundSpec, Record<string, unknown>]> = [
	[
		'button',
		{ ...WA, type: 'button', text: 'Yes', id: 'y' },
		{ button: { text: 'Yes', payload: 'y', subtype: 'quick_reply' } },
	],
	[
		'reply',
		{ ...WA, type: 'reply', text: '9am', id: 'row1', description: 'Select 9am' },
		{ reply: { id: 'row1', title: '9am', description: 'Select 9am' } },
	],
	[
		'location',
		{ ...WA, type: 'location', location: { lat: 40.3, long: -74.1, name: 'V', address: 'A' } },
		{ location: { lat: 40.3, long: -74.1, name: 'V', address: 'A' } },
	],
	[
		'order',
		{ ...WA, type: 'order' },
		{ order: { catalog_id: expect.any(String), product_items: [expect.any(Object)] } },
	],
	[
		'content',
		{
			channel: 'mms',
			from: '14155550100',
			to: '12345',
			type: 'content',
			content: [
				{ type: 'image', url: 'https://example.com/a.jpg', caption: 'A' },
				{ type: 'vcard', url: 'https://example.com/b.vcf' },
			],
		},
		{
			content: [
				expect.objectContaining({ type: 'image' }),
				{ type: 'vcard', url: expect.any(String) },
			],
		},
	],
];

describe('inbound types beyond text and media', () => {
	it.each(SPECS)('v1 %s: the recorded shape, only v1 fields', (type, spec, shape) => {
		const event = channelInboundEvent(spec, 'v1');
		expect(event).toMatchObject({ message_type: type, ...shape });
		expect(checkFields(event, V1_INBOUND)).toEqual([]);
	});

	it('v0.1 has only the WhatsApp location, with text coordinates', () => {
		expect(channelInboundEvent(SPECS[2][1], 'v0.1')).toMatchObject({
			message: {
				content: {
					type: 'location',
					location: { latitude: '40.3', longitude: '-74.1', name: 'V', address: 'A' },
				},
			},
		});
		for (const [, spec] of SPECS.filter(([type]) => type !== 'location'))
			expect(() => channelInboundEvent(spec, 'v0.1')).toThrow(/v0\.1 webhooks have no inbound/);
	});

	it('POST /_emulator/inbound sends them, and refuses a wrong channel, a bad location or a prototype name', async () => {
		const receiver = await startReceiver([204]);
		try {
			pointWebhooks(emu, receiver.url);
			const control = async (body: unknown) =>
				await fetch(`${emu.url}/_emulator/inbound`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
			const ok = await control({ ...WA, type: 'reply', text: '9am', id: 'row1', format: 'v1' });
			expect(ok.status).toBe(200);
			expect(JSON.parse(receiver.received[0].body)).toMatchObject({
				message_type: 'reply',
				reply: { id: 'row1', title: '9am' },
			});
			for (const bad of [
				{ ...WA, channel: 'sms', type: 'reply' },
				{ ...WA, type: 'location', location: { lat: '1', long: 2 } },
				{ ...WA, channel: 'mms', type: 'content', content: [{ type: 'sticker', url: 'x' }] },
				{ ...WA, channel: '__proto__' },
				{ ...WA, type: 'constructor' },
			])
				expect((await control(bad)).status).toBe(400);
			expect(receiver.received).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});
});
