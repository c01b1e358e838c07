import { NodeApiError } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { AUTH_TYPES, customers, secretsOf, sendSms } from '../../support/setup';

const emulator = useEmulator();

function leaks(value: unknown): string[] {
	const text = JSON.stringify(value);
	return secretsOf(emulator).filter((secret) => secret.length > 8 && text.includes(secret));
}

describe.each(AUTH_TYPES)('Send SMS with %s auth', (authType) => {
	it('sends every item once, maps client_ref, keeps order and pairedItem', async () => {
		const items = customers(25);
		const { outputs, error } = await sendSms({
			emulator,
			authType,
			items,
			parameters: { options: { concurrency: 8 } },
		});
		expect(error).toBeUndefined();
		const out = outputs[0];
		expect(out).toHaveLength(25);
		expect(emulator.accepted).toHaveLength(25);
		expect(emulator.accepted.every((m) => m.auth === authType)).toBe(true);
		const byUuid = new Map(
			emulator.accepted.map((m) => [
				m.message_uuid,
				m.body as { client_ref?: string; to: { number: string } },
			]),
		);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				to: items[i].to,
				from: '447700900001',
				client_ref: `order-${i}`,
				encoding: 'GSM-7',
				parts: 1,
			});
			expect(byUuid.get(item.json.message_uuid as string)).toMatchObject({
				client_ref: `order-${i}`,
				to: { number: items[i].to },
			});
		});
		expect(
			new Set(emulator.accepted.map((m) => (m.body as { client_ref: string }).client_ref)).size,
		).toBe(25);
	});

	it('normalises numbers and sends no client_ref when it is empty', async () => {
		const { outputs } = await sendSms({
			emulator,
			authType,
			items: [{ to: '+44 7700 900123', text: 'Привет, 👋' }],
			parameters: { clientRef: '', from: '00 44 7700 900001' },
		});
		expect(outputs[0][0].json).toEqual({
			message_uuid: emulator.accepted[0].message_uuid,
			channel: 'sms',
			message_type: 'text',
			to: '447700900123',
			from: '447700900001',
			encoding: 'unicode',
			characters: 10,
			parts: 1,
		});
		expect(emulator.accepted[0].body).toEqual({
			to: { type: 'sms', number: '447700900123' },
			from: { type: 'sms', number: '447700900001' },
			message: { content: { type: 'text', text: 'Привет, 👋' } },
		});
	});

	it('turns wrong credentials into a 401 error that names the fix and leaks nothing', async () => {
		const wrong =
			authType === 'jwt'
				? { applicationId: '00000000-0000-4000-8000-000000000000' }
				: { apiSecret: 'not-the-secret' };
		const { error, outputs } = await sendSms({
			emulator,
			authType,
			items: customers(1),
			credential: wrong,
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error!.message).toMatch(/^Vonage answered 401/);
		expect((error as NodeApiError).description).toMatch(/Check the Vonage Messages API credential/);
		expect(emulator.accepted).toHaveLength(0);
		expect(leaks({ error, outputs, description: (error as NodeApiError).description })).toEqual([]);
	});

	it('reports what Vonage said for a problem+json error, in its own words', async () => {
		emulator.failNext({
			kind: 'status',
			status: 422,
			body: {
				type: 'https://developer.nexmo.com/api-errors/messages-olympus#1020',
				title: 'Invalid params',
				detail: 'The value of one or more parameters is invalid.',
				instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
				invalid_parameters: [{ name: 'to.number', reason: 'not a mobile number' }],
			},
		});
		const { error } = await sendSms({ emulator, authType, items: customers(1) });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe(
			'Vonage answered 422: Invalid params - The value of one or more parameters is invalid.',
		);
		expect((error as NodeApiError).description).toContain(
			'Invalid parameters: to.number: not a mobile number.',
		);
		// Vonage's own words, not the webhook table's entry for the number in its type.
		expect((error as NodeApiError).description).not.toMatch(/Vonage error 1020/);
		expect((error as NodeApiError).description).toMatch(/Vonage refused the parameters/);
	});

	it('waits out a 429 as Retry-After says, then sends once', async () => {
		emulator.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 });
		const { outputs, error } = await sendSms({ emulator, authType, items: customers(1) });
		expect(error).toBeUndefined();
		expect(emulator.requests.map((r) => r.status)).toEqual([429, 202]);
		expect(emulator.accepted).toHaveLength(1);
		expect(outputs[0][0].json.message_uuid).toBe(emulator.accepted[0].message_uuid);
	});

	it('never resends after a 5xx: the item fails and says the message may have been sent', async () => {
		emulator.failNext({ kind: 'status', status: 500 });
		const { outputs } = await sendSms({
			emulator,
			authType,
			items: customers(3),
			continueOnFail: true,
			parameters: { options: { concurrency: 1 } },
		});
		expect(emulator.requests).toHaveLength(3);
		expect(outputs[0][0].json).toMatchObject({
			error: expect.stringMatching(/^Vonage answered 500/),
			may_have_been_sent: true,
			client_ref: 'order-0',
		});
		expect(outputs[0][0].json.description).toMatch(/not sent again/);
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		expect(outputs[0].slice(1).map((o) => o.json.client_ref)).toEqual(['order-1', 'order-2']);
	});
});

describe('Send SMS: nothing lost, nothing sent twice', () => {
	it('does not resend when the connection drops after Vonage accepted', async () => {
		emulator.failNext({ kind: 'reset-after-accept' });
		const { outputs } = await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(2),
			continueOnFail: true,
			parameters: { options: { concurrency: 1 } },
		});
		expect(emulator.accepted.map((m) => (m.body as { client_ref: string }).client_ref)).toEqual([
			'order-0',
			'order-1',
		]);
		expect(emulator.requests).toHaveLength(2);
		expect(outputs[0][0].json).toMatchObject({
			may_have_been_sent: true,
			error: expect.stringMatching(/broke before Vonage answered/),
		});
	});

	it('does not resend after a timeout', async () => {
		emulator.failNext({ kind: 'hang-after-accept' });
		const { outputs } = await sendSms({
			emulator,
			authType: 'basic',
			items: customers(1),
			continueOnFail: true,
			parameters: { options: { timeout: 1 } },
		});
		expect(emulator.accepted).toHaveLength(1);
		expect(emulator.requests).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({
			may_have_been_sent: true,
			error: expect.stringMatching(/No answer .* within 1 s/),
		});
	});

	it('retries a connection that never reached Vonage, then gives up saying nothing was sent', async () => {
		const { outputs } = await sendSms({
			emulator,
			authType: 'basic',
			items: customers(1),
			continueOnFail: true,
			credential: { baseUrl: 'http://127.0.0.1:9' },
			parameters: { options: { maxRetries: 2 } },
		});
		expect(outputs[0][0].json).toMatchObject({
			may_have_been_sent: false,
			error: expect.stringMatching(/^Could not connect to http:\/\/127.0.0.1:9/),
		});
		expect(outputs[0][0].json.description).toMatch(
			/ECONNREFUSED\. Gave up after 3 attempts\. Nothing was sent/,
		);
	});

	it('stays under the rate limit and retries throttled requests without duplicates', async () => {
		emulator.configure({ rateLimitPerSecond: 5 });
		try {
			const { outputs, error } = await sendSms({
				emulator,
				authType: 'jwt',
				items: customers(12),
				parameters: { options: { maxPerSecond: 100, concurrency: 12 } },
			});
			expect(error).toBeUndefined();
			expect(emulator.requests.some((r) => r.status === 429)).toBe(true);
			expect(emulator.accepted).toHaveLength(12);
			expect(
				new Set(emulator.accepted.map((m) => (m.body as { client_ref: string }).client_ref)).size,
			).toBe(12);
			expect(outputs[0].map((o) => o.json.client_ref)).toEqual(customers(12).map((c) => c.ref));
		} finally {
			emulator.configure({ rateLimitPerSecond: undefined });
		}
	}, 60_000);

	it('without Continue On Fail, stops and says which items were sent and which were not', async () => {
		const items = customers(6);
		emulator.failNext({
			kind: 'status',
			status: 402,
			body: { type: 'x', title: 'Low balance', detail: 'Top up', instance: '1' },
		});
		const { error } = await sendSms({
			emulator,
			authType: 'jwt',
			items,
			parameters: { options: { concurrency: 1 } },
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toMatch(/Top up the account/);
		expect((error as NodeApiError).description).toMatch(/Items 1-5 were not sent/);
		expect(emulator.accepted).toHaveLength(0);
	});
});
