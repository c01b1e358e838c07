// The emulator's channels held to messages-v0.1.yml: every channel and type the node sends in v0.1 is
// exactly one variant of `message` and is accepted; whatever a variant's schema refuses, the emulator
// refuses; status and inbound webhooks of every channel match `MessageStatus` / `inbound-message`.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import axios, { type AxiosResponse } from 'axios';
import jwt from 'jsonwebtoken';
import { parse } from 'yaml';

import { bodyFor } from '../../../nodes/VonageMessages/message/prepare';
import type { Message } from '../../../nodes/shared/vocabulary/messageModel';
import { useEmulator } from '../../support/emulator-fixture';
import type { InboundSpec } from '../channel-events';
import { sendChannelInbound } from '../channel-status';
import { check, fieldsOf, variant, type Schema, type SchemaDoc } from '../schema-check';
import { pointWebhooks, startReceiver, type Receiver } from './testkit';
import { MESSAGES_V01_YML } from '../../support/shared-reference';

const MESSAGES_YML = existsSync(MESSAGES_V01_YML) ? MESSAGES_V01_YML : undefined;
const describeContract = MESSAGES_YML ? describe : describe.skip;

const set = (body: Record<string, any>, dotted: string, value: unknown): Record<string, any> => {
	const copy = structuredClone(body);
	const keys = dotted.split('.');
	const parent = keys.slice(0, -1).reduce((node: any, key) => node[key], copy);
	if (value === undefined) delete parent[keys[keys.length - 1]];
	else parent[keys[keys.length - 1]] = value;
	return copy;
};

const URL_ = 'https://example.com/media/file';
const wa = { channel: 'whatsapp', from: '447700900001', to: '447700900000' } as const;
const vb = { channel: 'viber', from: '654321', to: '447700900000' } as const;
const fb = { channel: 'messenger', from: '107083064136738', to: '5473848892683926' } as const;
const mm = { channel: 'mms', from: '12345', to: '12015550124' } as const;

/** [variant path in `message`, a message the node builds] for every channel and type the node sends. */
const SENDS: Array<[string[], Message]> = [
	[['MMS'], { ...mm, content: { type: 'image', url: URL_ }, clientRef: 'r' }],
	[['WhatsApp', 'Text'], { ...wa, content: { type: 'text', text: 'Hi' }, clientRef: 'r' }],
	[['WhatsApp', 'Image'], { ...wa, content: { type: 'image', url: URL_, caption: 'c' } }],
	[['WhatsApp', 'Audio'], { ...wa, content: { type: 'audio', url: URL_ } }],
	[['WhatsApp', 'Video'], { ...wa, content: { type: 'video', url: URL_ } }],
	[['WhatsApp', 'File'], { ...wa, content: { type: 'file', url: URL_, caption: 'c' } }],
	[
		['WhatsApp', 'Template'],
		{
			...wa,
			content: {
				type: 'template',
				name: 'ns:verify',
				parameters: ['a', 'b'],
				locale: 'en-GB',
				policy: 'deterministic',
			},
		},
	],
	[
		['Viber', 'Text'],
		{
			...vb,
			content: { type: 'text', text: 'Hi' },
			viber: { category: 'transaction', ttl: 600 },
			clientRef: 'r',
		},
	],
	[
		['Viber', 'Image'],
		{ ...vb, content: { type: 'image', url: URL_ }, viber: { category: 'promotion', ttl: 30 } },
	],
	[
		['Facebook Messenger', 'Text'],
		{
			...fb,
			content: { type: 'text', text: 'Hi' },
			messenger: { category: 'message_tag', tag: 'ACCOUNT_UPDATE' },
			clientRef: 'r',
		},
	],
	[
		['Facebook Messenger', 'Image'],
		{ ...fb, content: { type: 'image', url: URL_ }, messenger: { category: 'response' } },
	],
	[
		['Facebook Messenger', 'Audio'],
		{ ...fb, content: { type: 'audio', url: URL_ }, messenger: { category: 'update' } },
	],
	[
		['Facebook Messenger', 'Video'],
		{
			...fb,
			content: { type: 'video', url: URL_ },
			messenger: { category: 'response', tag: 'HUMAN_AGENT' },
		},
	],
	[
		['Facebook Messenger', 'File'],
		{ ...fb, content: { type: 'file', url: URL_ }, messenger: { category: 'update' } },
	],
];

describeContract('emulator channels vs. messages-v0.1.yml', () => {
	let msg: SchemaDoc;
	// An application set to v0.1 webhooks: its events are the ones messages-v0.1.yml describes.
	const emu = useEmulator({
		statusDelayMs: 5,
		webhookRetryDelaysMs: [20],
		applicationWebhookVersion: 'v0.1',
	});
	const schemas: Record<string, Schema> = {};
	const valid = (value: unknown, schema: Schema) => expect(check(value, schema, msg)).toEqual([]);
	const bearer = () =>
		`Bearer ${jwt.sign({ application_id: emu.credentials.applicationId, jti: randomUUID() }, emu.credentials.privateKey, { algorithm: 'RS256', expiresIn: 300 })}`;
	const send = async (body: unknown): Promise<AxiosResponse> =>
		await axios.post(`${emu.url}/v0.1/messages`, body, {
			headers: { authorization: bearer() },
			validateStatus: () => true,
		});
	const branch = (titles: string[]) =>
		titles.reduce((schema, title) => variant(schema, title, msg), schemas.request);

	beforeAll(async () => {
		msg = { doc: parse(readFileSync(MESSAGES_YML!, 'utf8')) as Schema };
		const post = msg.doc.paths['/'].post;
		schemas.request = post.requestBody.content['application/json'].schema;
		schemas.status = (
			Object.values(post.callbacks['message-status'])[0] as Schema
		).post.requestBody.content['application/json'].schema;
		schemas.inbound = (
			Object.values(msg.doc['x-webhooks']['inbound-message'])[0] as Schema
		).post.requestBody.content['application/json'].schema;
	});

	it.each(SENDS.map(([titles, message]) => [titles.join(' / '), titles, message] as const))(
		'%s: the node’s v0.1 body is exactly that variant of `message`, and the emulator accepts it',
		async (_label, titles, message) => {
			const body = bodyFor(message, 'v0.1');
			valid(body, branch(titles));
			valid(body, schemas.request);
			const res = await send(body);
			expect(res.status).toBe(202);
			expect(emu.accepted.map((m) => m.body)).toEqual([body]);
		},
	);

	// One complete body per variant (optional objects filled in, so their fields are mutated too).
	const complete: Array<[string[], Record<string, any>]> = [
		...SENDS.map(
			([titles, message]) => [titles, bodyFor(message, 'v0.1')] as [string[], Record<string, any>],
		),
		[
			['Viber', 'Template'],
			{
				to: { type: 'viber_service_msg', number: '447700900000' },
				from: { type: 'viber_service_msg', id: '654321' },
				message: {
					content: { type: 'template', template: { name: 'verify', parameters: ['1'] } },
					viber_service_msg: { category: 'transaction', ttl: 600, type: 'template' },
				},
			},
		],
	];

	it.each(complete.map(([titles, body]) => [titles.join(' / '), titles, body] as const))(
		'%s: refuses whatever the variant refuses (each required field missing, each enum or type broken)',
		async (_label, titles, body) => {
			const schema = branch(titles);
			valid(body, schema);
			expect((await send(body)).status).toBe(202);
			emu.reset();
			const mismatches: string[] = [];
			const expectRefused = async (
				label: string,
				broken: Record<string, any>,
				statuses: number[],
			) => {
				if (check(broken, schema, msg).length === 0)
					mismatches.push(`${label}: the schema accepts it (the case is wrong)`);
				const res = await send(broken);
				if (!statuses.includes(res.status))
					mismatches.push(`${label}: emulator answered ${res.status}, want ${statuses.join('/')}`);
			};
			const fields = fieldsOf(schema, msg);
			expect(fields.length).toBeGreaterThan(4);
			for (const field of fields) {
				// WhatsApp's policy: "requests carrying a fallback policy will be rejected with a 400 error".
				const invalid = field.path.endsWith('policy') ? [400] : [422];
				if (field.required)
					await expectRefused(`${field.path} missing`, set(body, field.path, undefined), [400]);
				if (Array.isArray(field.schema.enum))
					await expectRefused(
						`${field.path} outside ${field.schema.enum}`,
						set(body, field.path, 'not-in-enum'),
						invalid,
					);
				if (
					field.schema.type === 'string' &&
					!(field.path.endsWith('.type') && field.path.startsWith('message.viber'))
				) {
					await expectRefused(`${field.path} as a number`, set(body, field.path, 4477009), invalid);
				}
				if (field.schema.type === 'integer')
					await expectRefused(`${field.path} as text`, set(body, field.path, 'soon'), [422]);
			}
			expect(mismatches).toEqual([]);
			expect(emu.accepted).toHaveLength(0);
		},
	);

	it.each([
		[
			'WhatsApp text over 4096 characters',
			set(bodyFor(SENDS[1][1], 'v0.1'), 'message.content.text', 'x'.repeat(4097)),
		],
		[
			'Viber text over 1000 characters',
			set(bodyFor(SENDS[7][1], 'v0.1'), 'message.content.text', 'x'.repeat(1001)),
		],
		['Viber ttl under 30', set(bodyFor(SENDS[7][1], 'v0.1'), 'message.viber_service_msg.ttl', 29)],
	])('refuses what the schema’s limits refuse: %s (422)', async (_label, body) => {
		expect(check(body, schemas.request, msg)).not.toEqual([]);
		expect((await send(body)).status).toBe(422);
	});

	it.each([
		[
			'Messenger text over 640 characters (Vonage docs)',
			set(bodyFor(SENDS[9][1], 'v0.1'), 'message.content.text', 'x'.repeat(641)),
		],
		[
			'a relative media URL',
			set(bodyFor(SENDS[2][1], 'v0.1'), 'message.content.image.url', '/cat.jpg'),
		],
		['a WhatsApp number with +', set(bodyFor(SENDS[1][1], 'v0.1'), 'to.number', '+447700900000')],
		[
			'message_tag without a tag',
			set(bodyFor(SENDS[9][1], 'v0.1'), 'message.messenger.tag', undefined),
		],
	])('goes beyond the schema where Vonage documents more: %s', async (_label, body) => {
		valid(body, schemas.request);
		expect([400, 422]).toContain((await send(body)).status);
	});

	describe('webhooks of every channel', () => {
		let receiver: Receiver;
		const bodies = () => receiver.received.map((r) => r.body);
		beforeAll(async () => {
			receiver = await startReceiver([204]);
		});
		afterAll(async () => await receiver.close());
		beforeEach(() => {
			receiver.received.splice(0);
			pointWebhooks(emu, receiver.url);
		});

		it.each([
			['MMS', SENDS[0][1], ['submitted', 'delivered']],
			['WhatsApp', SENDS[1][1], ['submitted', 'delivered', 'read']],
			['Viber', SENDS[7][1], ['submitted', 'delivered', 'read']],
			['Messenger', SENDS[9][1], ['submitted', 'delivered', 'read']],
		] as const)(
			'%s statuses match `MessageStatus`, with read where the channel has it',
			async (_label, message, statuses) => {
				expect((await send(bodyFor(message, 'v0.1'))).status).toBe(202);
				await emu.waitFor(() => bodies().length >= statuses.length);
				await new Promise((resolve) => setTimeout(resolve, 30));
				const events = bodies().map((b) => JSON.parse(b) as Record<string, any>);
				for (const event of events) valid(event, schemas.status);
				expect(events.map((e) => e.status)).toEqual(statuses);
				expect(events[0].to).toEqual(bodyFor(message, 'v0.1').to);
			},
		);

		it('a failed WhatsApp message has no read, and its error carries the code', async () => {
			expect((await send(bodyFor({ ...SENDS[1][1], to: '447700900666' }, 'v0.1'))).status).toBe(
				202,
			);
			await emu.waitFor(() => bodies().length >= 2);
			await new Promise((resolve) => setTimeout(resolve, 30));
			const events = bodies().map((b) => JSON.parse(b) as Record<string, any>);
			expect(events.map((e) => e.status)).toEqual(['submitted', 'rejected']);
			expect(events[1].error).toEqual({ code: 1240, reason: 'Illegal Number' });
		});

		const inbound: Array<[string[], InboundSpec]> = [
			[['MMS'], { channel: 'mms', from: '12015550124', to: '12345', type: 'image', url: URL_ }],
			[
				['WhatsApp', 'Text'],
				{ channel: 'whatsapp', from: '447700900000', to: '447700900001', text: 'Hi' },
			],
			[
				['WhatsApp', 'Image'],
				{
					channel: 'whatsapp',
					from: '447700900000',
					to: '447700900001',
					type: 'image',
					url: URL_,
					caption: 'my cat',
				},
			],
			[
				['WhatsApp', 'Video'],
				{ channel: 'whatsapp', from: '447700900000', to: '447700900001', type: 'video', url: URL_ },
			],
			[
				['WhatsApp', 'Audio'],
				{ channel: 'whatsapp', from: '447700900000', to: '447700900001', type: 'audio', url: URL_ },
			],
			[
				['WhatsApp', 'File'],
				{ channel: 'whatsapp', from: '447700900000', to: '447700900001', type: 'file', url: URL_ },
			],
			[
				['WhatsApp', 'Location'],
				{
					channel: 'whatsapp',
					from: '447700900000',
					to: '447700900001',
					type: 'location',
					location: { lat: 51.5072, long: -0.1276, name: 'London', address: 'Trafalgar Sq' },
				},
			],
			[['Viber', 'Text'], { channel: 'viber', from: '447700900000', to: '654321', text: 'Hi' }],
			[
				['Facebook Messenger', 'Text'],
				{ channel: 'messenger', from: '5473848892683926', to: '107083064136738', text: 'Hi' },
			],
			[
				['Facebook Messenger', 'Image'],
				{
					channel: 'messenger',
					from: '5473848892683926',
					to: '107083064136738',
					type: 'image',
					url: URL_,
				},
			],
			[
				['Facebook Messenger', 'File'],
				{
					channel: 'messenger',
					from: '5473848892683926',
					to: '107083064136738',
					type: 'file',
					url: URL_,
				},
			],
		];
		it.each(inbound.map(([titles, spec]) => [titles.join(' / '), titles, spec] as const))(
			'inbound %s matches that variant of `inbound-message` and no other',
			async (_label, titles, spec) => {
				const record = await sendChannelInbound(emu, spec, 'v0.1');
				expect(record.status).toBe(204);
				const event = JSON.parse(bodies()[0]) as Record<string, any>;
				valid(
					event,
					titles.reduce((schema, title) => variant(schema, title, msg), schemas.inbound),
				);
				valid(event, schemas.inbound);
			},
		);
	});
});
