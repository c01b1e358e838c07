// Every channel and message type through the engine, in both API versions: the body the emulator
// received (hand-written per version, from messages-v0.1.yml and the SDK's v1 field lists) and the output item.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { ADDRESSES, sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

const URL = 'https://example.com/media/cat.jpg';
const num = (type: string, number: string) => ({ type, number });
const id = (type: string, value: string) => ({ type, id: value });

interface Case {
	label: string;
	resource: Resource;
	parameters: INodeParameters;
	/** Versions the case applies to (default both). */
	only?: 'v0.1' | 'v1';
	v01?: IDataObject;
	v1?: IDataObject;
	messageType: string;
}

const wa = ADDRESSES.whatsapp;
const vb = ADDRESSES.viber;
const fb = ADDRESSES.messenger;
const mm = ADDRESSES.mms;
const sm = ADDRESSES.sms;

const cases: Case[] = [
	{
		label: 'SMS text',
		resource: 'sms',
		parameters: { text: 'Your order shipped' },
		messageType: 'text',
		v01: {
			to: num('sms', sm.to),
			from: num('sms', sm.from),
			message: { content: { type: 'text', text: 'Your order shipped' } },
		},
		v1: {
			channel: 'sms',
			message_type: 'text',
			to: sm.to,
			from: sm.from,
			text: 'Your order shipped',
		},
	},
	{
		label: 'MMS image from a short code',
		resource: 'mms',
		parameters: { mediaUrl: URL },
		messageType: 'image',
		v01: {
			to: num('mms', mm.to),
			from: num('mms', mm.from),
			message: { content: { type: 'image', image: { url: URL } } },
		},
		v1: { channel: 'mms', message_type: 'image', to: mm.to, from: mm.from, image: { url: URL } },
	},
	{
		label: 'MMS image with a caption (v1 only)',
		resource: 'mms',
		only: 'v1',
		parameters: { mediaUrl: URL, caption: 'Our new shop' },
		messageType: 'image',
		v1: {
			channel: 'mms',
			message_type: 'image',
			to: mm.to,
			from: mm.from,
			image: { url: URL, caption: 'Our new shop' },
		},
	},
	{
		label: 'WhatsApp text',
		resource: 'whatsapp',
		parameters: { messageType: 'text', text: 'Hi 👋 your table is ready' },
		messageType: 'text',
		v01: {
			to: num('whatsapp', wa.to),
			from: num('whatsapp', wa.from),
			message: { content: { type: 'text', text: 'Hi 👋 your table is ready' } },
		},
		v1: {
			channel: 'whatsapp',
			message_type: 'text',
			to: wa.to,
			from: wa.from,
			text: 'Hi 👋 your table is ready',
		},
	},
	{
		label: 'WhatsApp image with caption',
		resource: 'whatsapp',
		parameters: { messageType: 'image', mediaUrl: URL, caption: 'Oliver' },
		messageType: 'image',
		v01: {
			to: num('whatsapp', wa.to),
			from: num('whatsapp', wa.from),
			message: { content: { type: 'image', image: { url: URL, caption: 'Oliver' } } },
		},
		v1: {
			channel: 'whatsapp',
			message_type: 'image',
			to: wa.to,
			from: wa.from,
			image: { url: URL, caption: 'Oliver' },
		},
	},
	{
		label: 'WhatsApp audio',
		resource: 'whatsapp',
		parameters: { messageType: 'audio', mediaUrl: 'https://example.com/a.mp3' },
		messageType: 'audio',
		v01: {
			to: num('whatsapp', wa.to),
			from: num('whatsapp', wa.from),
			message: { content: { type: 'audio', audio: { url: 'https://example.com/a.mp3' } } },
		},
		v1: {
			channel: 'whatsapp',
			message_type: 'audio',
			to: wa.to,
			from: wa.from,
			audio: { url: 'https://example.com/a.mp3' },
		},
	},
	{
		label: 'WhatsApp video',
		resource: 'whatsapp',
		parameters: { messageType: 'video', mediaUrl: 'http://example.com/v.mp4' },
		messageType: 'video',
		v01: {
			to: num('whatsapp', wa.to),
			from: num('whatsapp', wa.from),
			message: { content: { type: 'video', video: { url: 'http://example.com/v.mp4' } } },
		},
		v1: {
			channel: 'whatsapp',
			message_type: 'video',
			to: wa.to,
			from: wa.from,
			video: { url: 'http://example.com/v.mp4' },
		},
	},
	{
		label: 'WhatsApp video with a caption (v1 only)',
		resource: 'whatsapp',
		only: 'v1',
		parameters: { messageType: 'video', mediaUrl: 'https://example.com/v.mp4', caption: 'How to' },
		messageType: 'video',
		v1: {
			channel: 'whatsapp',
			message_type: 'video',
			to: wa.to,
			from: wa.from,
			video: { url: 'https://example.com/v.mp4', caption: 'How to' },
		},
	},
	{
		label: 'WhatsApp file with caption and client reference',
		resource: 'whatsapp',
		parameters: {
			messageType: 'file',
			mediaUrl: 'https://example.com/invoice.pdf',
			caption: 'Invoice',
			clientRef: 'inv-7',
		},
		messageType: 'file',
		v01: {
			to: num('whatsapp', wa.to),
			from: num('whatsapp', wa.from),
			message: {
				content: {
					type: 'file',
					file: { url: 'https://example.com/invoice.pdf', caption: 'Invoice' },
				},
			},
			client_ref: 'inv-7',
		},
		v1: {
			channel: 'whatsapp',
			message_type: 'file',
			to: wa.to,
			from: wa.from,
			file: { url: 'https://example.com/invoice.pdf', caption: 'Invoice' },
			client_ref: 'inv-7',
		},
	},
	{
		label: 'WhatsApp template with parameters',
		resource: 'whatsapp',
		parameters: {
			messageType: 'template',
			templateName: 'acme:verify',
			templateParameters: { parameter: [{ value: 'Daisy' }, { value: '12345' }] },
			locale: 'en-GB',
			policy: 'deterministic',
		},
		messageType: 'template',
		v01: {
			to: num('whatsapp', wa.to),
			from: num('whatsapp', wa.from),
			message: {
				content: {
					type: 'template',
					template: { name: 'acme:verify', parameters: ['Daisy', '12345'] },
				},
				whatsapp: { policy: 'deterministic', locale: 'en-GB' },
			},
		},
		v1: {
			channel: 'whatsapp',
			message_type: 'template',
			to: wa.to,
			from: wa.from,
			template: { name: 'acme:verify', parameters: ['Daisy', '12345'] },
			whatsapp: { policy: 'deterministic', locale: 'en_GB' },
		},
	},
	{
		label: 'Viber text with category and TTL',
		resource: 'viber',
		parameters: {
			messageType: 'text',
			text: 'Your code is 1234',
			options: { category: 'transaction', ttl: 600 },
		},
		messageType: 'text',
		v01: {
			to: num('viber_service_msg', vb.to),
			from: id('viber_service_msg', vb.from),
			message: {
				content: { type: 'text', text: 'Your code is 1234' },
				viber_service_msg: { category: 'transaction', ttl: 600 },
			},
		},
		v1: {
			channel: 'viber_service',
			message_type: 'text',
			to: vb.to,
			from: vb.from,
			text: 'Your code is 1234',
			viber_service: { category: 'transaction', ttl: 600 },
		},
	},
	{
		label: 'Viber image',
		resource: 'viber',
		parameters: { messageType: 'image', mediaUrl: URL, options: { category: 'promotion' } },
		messageType: 'image',
		v01: {
			to: num('viber_service_msg', vb.to),
			from: id('viber_service_msg', vb.from),
			message: {
				content: { type: 'image', image: { url: URL } },
				viber_service_msg: { category: 'promotion' },
			},
		},
		v1: {
			channel: 'viber_service',
			message_type: 'image',
			to: vb.to,
			from: vb.from,
			image: { url: URL },
			viber_service: { category: 'promotion' },
		},
	},
	{
		label: 'Messenger text with a message tag',
		resource: 'messenger',
		parameters: {
			messageType: 'text',
			text: 'Your booking is confirmed',
			options: { category: 'message_tag', tag: 'CONFIRMED_EVENT_UPDATE' },
		},
		messageType: 'text',
		v01: {
			to: id('messenger', fb.to),
			from: id('messenger', fb.from),
			message: {
				content: { type: 'text', text: 'Your booking is confirmed' },
				messenger: { category: 'message_tag', tag: 'CONFIRMED_EVENT_UPDATE' },
			},
		},
		v1: {
			channel: 'messenger',
			message_type: 'text',
			to: fb.to,
			from: fb.from,
			text: 'Your booking is confirmed',
			messenger: { category: 'message_tag', tag: 'CONFIRMED_EVENT_UPDATE' },
		},
	},
	...(['image', 'audio', 'video', 'file'] as const).map(
		(type): Case => ({
			label: `Messenger ${type}`,
			resource: 'messenger',
			parameters: { messageType: type, mediaUrl: `https://example.com/m.${type}` },
			messageType: type,
			v01: {
				to: id('messenger', fb.to),
				from: id('messenger', fb.from),
				message: { content: { type, [type]: { url: `https://example.com/m.${type}` } } },
			},
			v1: {
				channel: 'messenger',
				message_type: type,
				to: fb.to,
				from: fb.from,
				[type]: { url: `https://example.com/m.${type}` },
			},
		}),
	),
];

const runs = cases.flatMap((c) =>
	(['v0.1', 'v1'] as const)
		.filter((v) => !c.only || c.only === v)
		.map((version) => [c.label, version, c] as const),
);

describe.each(runs)('%s through %s', (_label, version, c) => {
	it('sends the body of that version, once, and outputs the same fields for both versions', async () => {
		const parameters = {
			...c.parameters,
			options: { ...((c.parameters.options as IDataObject) ?? {}), apiVersion: version },
		};
		const { outputs, error } = await sendOn({ emulator, resource: c.resource, parameters });
		expect(error).toBeUndefined();
		expect(emulator.accepted).toHaveLength(1);
		expect(emulator.accepted[0].version ?? 'v0.1').toBe(version);
		expect(emulator.accepted[0].body).toEqual(version === 'v1' ? c.v1 : c.v01);
		const json = outputs[0][0].json;
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			message_uuid: emulator.accepted[0].message_uuid,
			channel: c.resource,
			message_type: c.messageType,
			to: ADDRESSES[c.resource].to,
			from: ADDRESSES[c.resource].from,
		});
		if (c.resource === 'sms') expect(json).toMatchObject({ encoding: 'GSM-7', parts: 1 });
		else expect(json).not.toHaveProperty('encoding');
	});
});

it('sends SMS through v1 with the v0.1 parameters of an existing workflow, and v0.1 stays the default', async () => {
	const base: INodeParameters = {
		from: '+44 7700 900001',
		text: '={{ $json.text }}',
		to: '={{ $json.to }}',
		clientRef: '={{ $json.ref }}',
	};
	const items = [{ to: '447700900123', text: 'Hello', ref: 'a-1' }];
	await sendOn({ emulator, resource: 'sms', items, parameters: base });
	await sendOn({
		emulator,
		resource: 'sms',
		items,
		parameters: { ...base, options: { apiVersion: 'v1' } },
	});
	expect(emulator.accepted.map((m) => m.version ?? 'v0.1')).toEqual(['v0.1', 'v1']);
	expect(emulator.accepted[1].body).toEqual({
		channel: 'sms',
		message_type: 'text',
		to: '447700900123',
		from: '447700900001',
		text: 'Hello',
		client_ref: 'a-1',
	});
});

it('takes a client reference up to 100 characters in v1 (40 in v0.1)', async () => {
	const ref = 'r'.repeat(100);
	const ok = await sendOn({
		emulator,
		resource: 'whatsapp',
		parameters: { text: 'x', clientRef: ref, options: { apiVersion: 'v1' } },
	});
	expect(ok.error).toBeUndefined();
	const refused = await sendOn({
		emulator,
		resource: 'whatsapp',
		parameters: { text: 'x', clientRef: ref },
	});
	expect(refused.error?.message).toMatch(
		/^'Client Reference' in item 0 has 100 characters; Vonage accepts at most 40/,
	);
	expect(emulator.accepted).toHaveLength(1);
});
