// The emulator's signed webhooks: status events after a send, inbound messages, Vonage's retries.
import { createHash } from 'node:crypto';
import axios from 'axios';
import jwt from 'jsonwebtoken';

import { useEmulator } from '../../support/emulator-fixture';
import {
	bearer,
	pointWebhooks,
	send,
	smsBody,
	startReceiver,
	UUID_V4,
	type Receiver,
	type Received,
} from './testkit';

const emu = useEmulator({ statusDelayMs: 5, webhookRetryDelaysMs: [20, 40, 80] });
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
});
beforeEach(() => {
	receiver.received.length = 0;
	receiver.statuses = [200];
	pointWebhooks(emu, receiver.url);
});

const json = (r: Received) => JSON.parse(r.body) as Record<string, any>;

/** Checks Vonage's signature as a careful receiver does: HS256, iss, api_key, application_id, payload_hash, no exp. */
function expectSigned(r: Received): jwt.JwtPayload {
	expect(r.headers['content-type']).toBe('application/json');
	const [scheme, token] = (r.headers.authorization ?? '').split(' ');
	expect(scheme).toBe('Bearer');
	const claims = jwt.verify(token, emu.credentials.signatureSecret, {
		algorithms: ['HS256'],
	}) as jwt.JwtPayload;
	expect(claims).toEqual({
		iat: expect.any(Number),
		jti: expect.stringMatching(UUID_V4),
		iss: 'Vonage',
		api_key: emu.credentials.apiKey,
		application_id: emu.credentials.applicationId,
		payload_hash: createHash('sha256').update(r.body).digest('hex'),
	});
	expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(120);
	return claims;
}

describe('status webhooks', () => {
	it.each(['v0.1', 'v1'] as const)(
		'posts submitted then delivered, signed, with client_ref and usage (application version %s)',
		async (version) => {
			emu.configure({ applicationWebhookVersion: version });
			const res = await send(emu, bearer(emu.credentials), smsBody({ client_ref: 'order-42' }));
			await emu.waitFor(() => receiver.received.length >= 2 && emu.webhookDeliveries.length >= 2);
			const [submitted, delivered] = receiver.received;
			expect(submitted.path).toBe('/status');
			const jtis = [submitted, delivered].map((r) => expectSigned(r).jti);
			expect(new Set(jtis).size).toBe(2);
			const common = {
				message_uuid: res.data.message_uuid,
				timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				usage: { currency: 'EUR', price: '0.0333' },
				client_ref: 'order-42',
			};
			const base =
				version === 'v0.1'
					? {
							...common,
							to: { type: 'sms', number: '447700900000' },
							from: { type: 'sms', number: '447700900001' },
						}
					: {
							...common,
							to: '447700900000',
							from: '447700900001',
							channel: 'sms',
							destination: { network_code: expect.any(String) },
							sms: { count_total: '1' },
						};
			expect(json(submitted)).toEqual({ ...base, status: 'submitted' });
			expect(json(delivered)).toEqual({ ...base, status: 'delivered' });
			expect(
				emu.webhookDeliveries.map((d) => [d.kind, d.target, d.version, d.attempt, d.status]),
			).toEqual([
				['status', 'application', version, 1, 200],
				['status', 'application', version, 1, 200],
			]);
			expect(emu.webhookDeliveries[1].body).toBe(delivered.body);
		},
	);

	it.each([
		['447700900666', 'rejected', { code: 1240, reason: 'Illegal Number' }],
		['447700900404', 'undeliverable', { code: 1300, reason: 'Not part of the provider network' }],
		['447700900123', 'delivered', undefined],
	])(
		'to %s ends %s (v0.1 error {code, reason}; v1 error {type, title, detail, instance})',
		async (number, status, error) => {
			emu.configure({ applicationWebhookVersion: 'v0.1' });
			await send(
				emu,
				bearer(emu.credentials),
				smsBody({ to: { type: 'sms', number }, client_ref: undefined }),
			);
			await emu.waitFor(() => receiver.received.length >= 2);
			const final = json(receiver.received[1]);
			expect(final.status).toBe(status);
			expect(final.error).toEqual(error);
			expect('client_ref' in final).toBe(false);

			receiver.received.length = 0;
			emu.configure({ applicationWebhookVersion: 'v1' });
			await send(
				emu,
				bearer(emu.credentials),
				smsBody({ to: { type: 'sms', number }, client_ref: undefined }),
			);
			await emu.waitFor(() => receiver.received.length >= 2);
			const v1 = json(receiver.received[1]);
			expect(v1.status).toBe(status);
			expect(v1.error).toEqual(
				error && {
					type: `https://developer.vonage.com/api-errors/messages#${error.code}`,
					title: String(error.code),
					detail: error.reason,
					instance: expect.stringMatching(UUID_V4),
				},
			);
			expect('client_ref' in v1).toBe(false);
		},
	);

	// Vonage's node SDK packages/messages MessageParams.webhookUrl: this message's statuses go there, query
	// string included, instead of the application's (or, for Basic auth, the account's) Status URL.
	it.each([
		['a v1 send with webhook_url', 'jwt', '/elsewhere?n8n_workflow=wf%201&n8n_tag=ab'],
		['a Basic-auth v1 send with webhook_url', 'basic', '/elsewhere?a=1'],
		['a v1 send without webhook_url', 'jwt', undefined],
	] as const)('%s: its statuses go to that URL, signed', async (_, auth, path) => {
		emu.configure({ accountStatusUrl: `${receiver.url}/account` });
		const body = { channel: 'sms', message_type: 'text', to: '447700900000', from: '447700900001' };
		const authorization =
			auth === 'basic'
				? `Basic ${Buffer.from(`${emu.credentials.apiKey}:${emu.credentials.apiSecret}`).toString('base64')}`
				: bearer(emu.credentials);
		const res = await axios.post(
			`${emu.url}/v1/messages`,
			{ ...body, text: 'Hi', ...(path ? { webhook_url: `${receiver.url}${path}` } : {}) },
			{ headers: { authorization }, validateStatus: () => true },
		);
		expect(res.status).toBe(202);
		await emu.waitFor(() => receiver.received.length >= 2);
		const expected = path ?? '/status';
		expect(receiver.received.map((r) => r.path)).toEqual([expected, expected]);
		if (auth === 'jwt') expectSigned(receiver.received[1]);
		expect(json(receiver.received[1]).message_uuid).toBe(res.data.message_uuid);
	});

	it('retries 500 and 429 with the same body, newly signed, until a 2xx', async () => {
		receiver.statuses = [500, 429, 204];
		await send(emu, bearer(emu.credentials));
		await emu.waitFor(() => receiver.received.length >= 4);
		const [first, second, third, next] = receiver.received;
		expect([second.body, third.body]).toEqual([first.body, first.body]);
		expect(new Set([first, second, third].map((r) => expectSigned(r).jti)).size).toBe(3);
		expect(json(next).status).toBe('delivered');
		expect(emu.webhookDeliveries.slice(0, 3).map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 429],
			[3, 204],
		]);
	});

	it('gives up after the last retry delay, and never retries a 4xx other than 429', async () => {
		receiver.statuses = [503];
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		expect(emu.webhookDeliveries.map((d) => d.status)).toEqual([503, 503, 503, 503]);
		receiver.statuses = [400];
		receiver.received.length = 0;
		const last = await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		expect(last).toMatchObject({ attempt: 1, status: 400 });
		expect(receiver.received).toHaveLength(1);
	});

	it('retries connection errors and records them', async () => {
		pointWebhooks(emu, 'http://127.0.0.1:9');
		const last = await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		expect(last).toMatchObject({ attempt: 4, error: expect.any(String) });
		expect(emu.webhookDeliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
	});

	it('contacts no other machine: the initial example.com URLs are recorded, not called', async () => {
		emu.reset();
		await send(emu, bearer(emu.credentials));
		await emu.waitFor(() => emu.webhookDeliveries.length >= 2);
		expect(emu.webhookDeliveries[0]).toMatchObject({
			url: 'https://example.com/webhooks/status',
			attempt: 0,
			error: expect.stringMatching(/not a loopback URL/),
		});
		expect(receiver.received).toHaveLength(0);
	});

	it('sends nothing without a status URL (records why), and reset() cancels pending retries', async () => {
		delete emu.application.capabilities.messages.webhooks.status_url;
		await send(emu, bearer(emu.credentials));
		await emu.waitFor(() => emu.webhookDeliveries.length >= 2);
		expect(emu.webhookDeliveries.map((d) => [d.attempt, d.error])).toEqual([
			[0, 'not delivered: no status_url on the application'],
			[0, 'not delivered: no status_url on the application'],
		]);
		expect(receiver.received).toHaveLength(0);
		emu.webhookDeliveries = [];
		pointWebhooks(emu, receiver.url);
		receiver.statuses = [500];
		await send(emu, bearer(emu.credentials));
		await emu.waitFor(() => receiver.received.length >= 1);
		emu.reset();
		const seen = receiver.received.length;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(receiver.received.length).toBeLessThanOrEqual(seen + 1); // at most the attempt already in flight
		expect(emu.webhookDeliveries).toEqual([]);
	});
});

describe('inbound webhooks', () => {
	it('sendInbound posts a signed inbound SMS to inbound_url and resolves with the delivery (v0.1)', async () => {
		emu.configure({ applicationWebhookVersion: 'v0.1' });
		const delivery = await emu.sendInbound({
			from: '447700900555',
			to: '447700900001',
			text: 'Is my order ready?',
		});
		expect(delivery).toMatchObject({
			kind: 'inbound',
			url: `${receiver.url}/inbound`,
			attempt: 1,
			status: 200,
		});
		const [r] = receiver.received;
		expectSigned(r);
		expect(r.body).toBe(delivery.body);
		expect(json(r)).toEqual({
			message_uuid: expect.stringMatching(UUID_V4),
			timestamp: expect.any(String),
			to: { type: 'sms', number: '447700900001' },
			from: { type: 'sms', number: '447700900555' },
			message: {
				content: { type: 'text', text: 'Is my order ready?' },
				sms: { num_messages: '1' },
			},
			usage: { currency: 'EUR', price: '0.0057' },
		});
	});

	it('sendInbound posts a v1 inbound SMS when the application has no version (Vonage: unset means v1)', async () => {
		expect(emu.application.capabilities.messages.version).toBeUndefined();
		const delivery = await emu.sendInbound({
			from: '447700900555',
			to: '447700900001',
			text: 'is my order ready?',
		});
		expect(delivery).toMatchObject({
			kind: 'inbound',
			target: 'application',
			version: 'v1',
			attempt: 1,
			status: 200,
		});
		expectSigned(receiver.received[0]);
		expect(json(receiver.received[0])).toEqual({
			channel: 'sms',
			message_type: 'text',
			message_uuid: expect.stringMatching(UUID_V4),
			timestamp: expect.any(String),
			to: '447700900001',
			from: '447700900555',
			text: 'is my order ready?',
			sms: { num_messages: '1', total_count: '1', keyword: 'IS' },
			usage: { currency: 'EUR', price: '0.0057' },
			origin: { network_code: expect.any(String) },
		});
	});

	it.each([
		['x'.repeat(160), '1'],
		['x'.repeat(161), '2'],
		['€'.repeat(80), '1'],
		['€'.repeat(81), '2'],
		['é'.repeat(160), '1'],
		['😀'.repeat(35), '1'],
		['😀'.repeat(36), '2'],
	])('counts SMS parts for num_messages (%#)', async (text, parts) => {
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text });
		expect(json(receiver.received[0]).sms.num_messages).toBe(parts);
		emu.configure({ applicationWebhookVersion: 'v0.1' });
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text });
		expect(json(receiver.received[1]).message.sms.num_messages).toBe(parts);
	});
});
