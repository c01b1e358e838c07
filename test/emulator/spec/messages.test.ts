// The Vonage emulator's Messages API (POST /v0.1/messages) over real HTTP: authentication, validation,
// throttling, latency and faults. Webhooks, Applications API, control endpoints and CLI: the other files here.
import { randomUUID } from 'node:crypto';

import { useEmulator } from '../../support/emulator-fixture';
import {
	appJwt,
	basic,
	bearer,
	craftJwt,
	otherPrivateKey,
	send,
	smsBody,
	UUID_V4,
} from './testkit';

const emu = useEmulator();

const now = () => Math.floor(Date.now() / 1000);
const account = () => basic(emu.credentials.apiKey, emu.credentials.apiSecret);

describe('authentication', () => {
	it('accepts an RS256 application JWT: 202 with a v4 message_uuid, recorded with its jti', async () => {
		const token = appJwt(emu.credentials, { exp: now() + 900 });
		const res = await send(emu, `Bearer ${token}`);
		expect(res.status).toBe(202);
		expect(res.headers['content-type']).toMatch(/^application\/json/);
		expect(res.data).toEqual({ message_uuid: expect.stringMatching(UUID_V4) });
		expect(emu.accepted).toEqual([
			{
				message_uuid: res.data.message_uuid,
				body: smsBody(),
				auth: 'jwt',
				jti: JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).jti,
				receivedAt: expect.any(Number),
			},
		]);
		expect(emu.requests).toEqual([
			{ auth: 'jwt', status: 202, body: smsBody(), at: expect.any(Number) },
		]);
	});

	it('accepts Basic api_key:api_secret, and a trailing slash on the path', async () => {
		const res = await send(emu, account());
		expect(res.status).toBe(202);
		const slash = await fetch(`${emu.url}/v0.1/messages/`, {
			method: 'POST',
			headers: { authorization: account(), 'content-type': 'application/json' },
			body: JSON.stringify(smsBody()),
		});
		expect(slash.status).toBe(202);
		expect(emu.accepted.map((m) => m.auth)).toEqual(['basic', 'basic']);
		expect(emu.accepted[0].jti).toBeUndefined();
	});

	const rejected: Array<[string, () => string | undefined]> = [
		['no Authorization header', () => undefined],
		['an unknown scheme', () => `Token ${appJwt(emu.credentials)}`],
		['a wrong api_secret', () => basic(emu.credentials.apiKey, 'not-the-secret')],
		['a wrong api_key', () => basic('deadbeef', emu.credentials.apiSecret)],
		[
			'a token signed by another key',
			() => `Bearer ${appJwt(emu.credentials, {}, otherPrivateKey())}`,
		],
		[
			'alg none',
			() =>
				`Bearer ${craftJwt({ alg: 'none', typ: 'JWT' }, { application_id: emu.credentials.applicationId, iat: now(), jti: randomUUID() })}`,
		],
		[
			'HS256 keyed with the public key',
			() =>
				`Bearer ${craftJwt({ alg: 'HS256', typ: 'JWT' }, { application_id: emu.credentials.applicationId, iat: now(), jti: randomUUID() }, emu.credentials.publicKey)}`,
		],
		[
			'a tampered payload',
			() => {
				const [h, , s] = appJwt(emu.credentials).split('.');
				return `Bearer ${h}.${Buffer.from(JSON.stringify({ application_id: emu.credentials.applicationId, iat: now(), jti: 'x' })).toString('base64url')}.${s}`;
			},
		],
		['no application_id', () => bearer(emu.credentials, { application_id: undefined })],
		['another application_id', () => bearer(emu.credentials, { application_id: randomUUID() })],
		['no iat', () => bearer(emu.credentials, { iat: undefined })],
		['iat 10 minutes ahead', () => bearer(emu.credentials, { iat: now() + 600 })],
		['no jti', () => bearer(emu.credentials, { jti: undefined })],
		['an expired exp', () => bearer(emu.credentials, { iat: now() - 120, exp: now() - 60 })],
		['exp more than 24 h after iat', () => bearer(emu.credentials, { exp: now() + 25 * 3600 })],
		['nbf in the future', () => bearer(emu.credentials, { nbf: now() + 600 })],
		['a garbage token', () => 'Bearer not.a.jwt'],
	];
	it.each(rejected)(
		'answers 401 problem+json for %s, accepting nothing',
		async (_name, authorization) => {
			const res = await send(emu, authorization());
			expect(res.status).toBe(401);
			expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
			// Recorded titles (shared README "Real error answers"): "Unauthorised" for a missing header, else wrong credentials.
			const title = /^(Basic|Bearer) \S+$/.test(authorization() ?? '')
				? 'You did not provide correct credentials.'
				: 'Unauthorised';
			expect(res.data).toMatchObject({
				type: 'https://developer.nexmo.com/api-errors#unauthorized',
				title,
				detail: expect.any(String),
				instance: expect.stringMatching(UUID_V4),
			});
			expect(emu.accepted).toHaveLength(0);
			expect(emu.requests).toEqual([{ status: 401, at: expect.any(Number) }]);
		},
	);

	it('accepts one token for many requests until its exp (shared README "Tokens")', async () => {
		const authorization = bearer(emu.credentials, { exp: now() + 300 });
		for (let i = 0; i < 3; i++) expect((await send(emu, authorization)).status).toBe(202);
		expect(emu.accepted).toHaveLength(3);
		expect(new Set(emu.accepted.map((m) => m.jti)).size).toBe(1);
	});

	it('checks the signature of a token it has not seen, even when one with the same claims was accepted', async () => {
		const token = appJwt(emu.credentials, { exp: now() + 300 });
		expect((await send(emu, `Bearer ${token}`)).status).toBe(202);
		const [header, payload] = token.split('.');
		const forged = `${header}.${payload}.${appJwt(emu.credentials, { exp: now() + 300 }).split('.')[2]}`;
		const res = await send(emu, `Bearer ${forged}`);
		expect(res.status).toBe(401);
		expect(res.data.detail).toMatch(/invalid signature/);
		expect(emu.accepted).toHaveLength(1);
	});

	it('refuses a token it accepted before once its exp has passed', async () => {
		const authorization = bearer(emu.credentials, { exp: now() + 2 });
		expect((await send(emu, authorization)).status).toBe(202);
		const clock = jest.spyOn(Date, 'now').mockReturnValue((now() + 3) * 1000);
		try {
			const late = await send(emu, authorization);
			expect(late.status).toBe(401);
			expect(late.data.detail).toMatch(/expired/);
		} finally {
			clock.mockRestore();
		}
		expect(emu.accepted).toHaveLength(1);
	});

	it('checks credentials before the body, as Vonage does', async () => {
		expect((await send(emu, basic(emu.credentials.apiKey, 'wrong'), '{not json')).status).toBe(401);
		expect((await send(emu, basic(emu.credentials.apiKey, 'wrong'), {})).status).toBe(401);
	});
});

describe('validation of the send body', () => {
	const with_ = (path: string, value: unknown) => {
		const body = smsBody();
		const keys = path.split('.');
		const parent = keys.slice(0, -1).reduce((node: any, key) => node[key], body);
		if (value === undefined) delete parent[keys[keys.length - 1]];
		else parent[keys[keys.length - 1]] = value;
		return body;
	};
	const cases: Array<[string, number, string[], unknown]> = [
		[
			'an empty object',
			400,
			[
				'to.type',
				'to.number',
				'from.type',
				'from.number',
				'message.content.type',
				'message.content.text',
			],
			{},
		],
		['no to.number', 400, ['to.number'], with_('to.number', undefined)],
		[
			'no message',
			400,
			['message.content.type', 'message.content.text'],
			with_('message', undefined),
		],
		['to.type mms', 422, ['to.type'], with_('to.type', 'mms')],
		['to.number with +', 422, ['to.number'], with_('to.number', '+447700900000')],
		['to.number of 6 digits', 422, ['to.number'], with_('to.number', '447700')],
		['to.number of 16 digits', 422, ['to.number'], with_('to.number', '4477009000001234')],
		['to.number as a JSON number', 422, ['to.number'], with_('to.number', 447700900000)],
		['from.type whatsapp', 422, ['from.type'], with_('from.type', 'whatsapp')],
		['a 12-character sender ID', 422, ['from.number'], with_('from.number', 'ABCDEFGHIJKL')],
		['a sender ID with a dash', 422, ['from.number'], with_('from.number', 'My-Brand')],
		['a 5-digit from without letters', 422, ['from.number'], with_('from.number', '12345')],
		['content type image', 422, ['message.content.type'], with_('message.content.type', 'image')],
		['empty text', 422, ['message.content.text'], with_('message.content.text', '')],
		[
			'1001 characters of text',
			422,
			['message.content.text'],
			with_('message.content.text', 'x'.repeat(1001)),
		],
		['a 41-character client_ref', 422, ['client_ref'], with_('client_ref', 'r'.repeat(41))],
		['a numeric client_ref', 422, ['client_ref'], with_('client_ref', 42)],
		[
			'two wrong fields',
			422,
			['to.number', 'from.number'],
			{ ...with_('to.number', '12'), from: { type: 'sms', number: '' } },
		],
	];
	it.each(cases)('%s -> %d naming %j', async (_name, status, names, body) => {
		const res = await send(emu, account(), body);
		expect(res.status).toBe(status);
		expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
		const code = status === 400 ? 1010 : 1020;
		expect(res.data).toMatchObject({
			type: `https://developer.nexmo.com/api-errors/messages-olympus#${code}`,
			title: status === 400 ? 'Missing params' : 'Invalid params',
			instance: expect.stringMatching(UUID_V4),
		});
		expect(res.data.invalid_parameters.map((p: { name: string }) => p.name)).toEqual(names);
		expect(emu.accepted).toHaveLength(0);
		expect(emu.requests.map((r) => r.status)).toEqual([status]);
	});

	it.each([
		['no body', ''],
		['broken JSON', '{"to":'],
		['a JSON array', '[]'],
	])('%s -> 400 Missing params', async (_name, raw) => {
		const res = await send(emu, account(), raw);
		expect(res.status).toBe(400);
		expect(res.data.title).toBe('Missing params');
	});

	const accepted: Array<[string, Record<string, unknown>]> = [
		['7-digit to', with_('to.number', '4477009')],
		['15-digit to', with_('to.number', '447700900000123')],
		['alphanumeric sender ID', with_('from.number', 'My Shop 24')],
		['1000 characters', with_('message.content.text', 'x'.repeat(1000))],
		['1000 emoji (characters, not UTF-16 units)', with_('message.content.text', '😀'.repeat(1000))],
		['no client_ref', with_('client_ref', undefined)],
		['a 40-character client_ref', with_('client_ref', 'r'.repeat(40))],
	];
	it.each(accepted)('accepts %s', async (_name, body) => {
		expect((await send(emu, account(), body)).status).toBe(202);
	});
});

describe('throttling and latency', () => {
	it('answers 429 Rate Limit Hit with Retry-After past N accepted sends in a second; refused sends do not count', async () => {
		emu.configure({ rateLimitPerSecond: 3 });
		expect((await send(emu, account(), {})).status).toBe(400);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push(await send(emu, account()));
		expect(statuses.map((r) => r.status)).toEqual([202, 202, 202, 429]);
		const throttled = statuses[3];
		expect(throttled.headers['content-type']).toMatch(/^application\/problem\+json/);
		expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(Number.isInteger(Number(throttled.headers['retry-after']))).toBe(true);
		expect(throttled.data).toMatchObject({
			type: expect.stringMatching(/#1010$/),
			title: 'Rate Limit Hit',
		});
		expect(emu.accepted).toHaveLength(3);
		await new Promise((resolve) =>
			setTimeout(resolve, Number(throttled.headers['retry-after']) * 1000),
		);
		expect((await send(emu, account())).status).toBe(202);
	});

	it('adds latencyMs before answering, and reset() restores the options given at start', async () => {
		emu.configure({ latencyMs: 300 });
		const started = Date.now();
		expect((await send(emu, account())).status).toBe(202);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		emu.reset();
		expect(emu.options.latencyMs).toBeUndefined();
	});
});

describe('faults', () => {
	it.each([
		[{ kind: 'status', status: 500 } as const, 500, 'Internal error', undefined],
		[{ kind: 'status', status: 429, retryAfterSeconds: 2 } as const, 429, 'Rate Limit Hit', '2'],
		[
			{
				kind: 'status',
				status: 402,
				body: { type: 'x#1070', title: 'Partner quota exceeded', detail: 'd', instance: 'i' },
			} as const,
			402,
			'Partner quota exceeded',
			undefined,
		],
	])(
		'a status fault %j answers %d and accepts nothing',
		async (fault, status, title, retryAfter) => {
			emu.failNext(fault);
			const res = await send(emu, account());
			expect(res.status).toBe(status);
			expect(res.data.title).toBe(title);
			expect(res.headers['retry-after']).toBe(retryAfter);
			expect(emu.accepted).toHaveLength(0);
			expect(emu.requests.map((r) => r.status)).toEqual([status]);
		},
	);

	it('reset-before-accept drops the connection and certainly accepts nothing', async () => {
		emu.failNext({ kind: 'reset-before-accept' });
		await expect(send(emu, account())).rejects.toThrow();
		expect(emu.accepted).toHaveLength(0);
		expect(emu.requests.map((r) => r.status)).toEqual(['reset']);
	});

	it('reset-after-accept accepts, then drops the connection without answering', async () => {
		emu.failNext({ kind: 'reset-after-accept' });
		await expect(send(emu, bearer(emu.credentials))).rejects.toThrow();
		expect(emu.accepted).toHaveLength(1);
		expect(emu.requests.map((r) => r.status)).toEqual(['reset']);
	});

	it('hang-after-accept accepts and never answers', async () => {
		emu.failNext({ kind: 'hang-after-accept' });
		await expect(send(emu, account(), smsBody(), 300)).rejects.toThrow(/timeout/);
		expect(emu.accepted).toHaveLength(1);
		expect(emu.requests.map((r) => r.status)).toEqual(['hang']);
	});

	it('applies queued faults in order, one per request; a refused login does not use one up', async () => {
		emu.failNext({ kind: 'status', status: 503 }, { kind: 'status', status: 500 });
		expect((await send(emu, basic('nobody', 'nothing'))).status).toBe(401);
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await send(emu, account())).status);
		expect(statuses).toEqual([503, 500, 202]);
		expect(emu.faults).toEqual([]);
	});
});
