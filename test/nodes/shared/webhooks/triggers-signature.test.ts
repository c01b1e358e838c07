// What reaches a trigger's workflow, through n8n-core's WebhookContext over real HTTP: the signature
// and its claims, unsigned callbacks, replays and Vonage's retries (re-signed or not), content types,
// and the Max Signature Age option set by expression.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import axios from 'axios';
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { captureLogs, createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';
import { inboundEvent, post, statusEvent } from '../../../support/webhooks';

const emulator = useEmulator({ statusDelayMs: 5 }, { resetBeforeEach: false });
const open: TriggerHarness[] = [];
afterEach(async () => {
	for (const t of open.splice(0)) await t.close();
});

async function trigger(
	nodeType: INodeType,
	options: IDataObject = {},
	credential: IDataObject = {},
) {
	const t = await createTriggerHarness({
		nodeType,
		parameters: { registration: 'manual', options: options as INodeParameters },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
		credentialTypes: [new VonageMessagesApi()],
	});
	open.push(t);
	const { url } = await t.listen();
	return { t, url };
}

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token as Vonage signs one for our credential (api_key, application_id), with overrides. */
function token(
	body: string,
	claims: IDataObject = {},
	header: IDataObject = {},
	secret = emulator.credentials.signatureSecret,
): string {
	const all = {
		iat: now(),
		jti: randomUUID(),
		iss: 'Vonage',
		api_key: emulator.credentials.apiKey,
		application_id: emulator.credentials.applicationId,
		payload_hash: createHash('sha256').update(body).digest('hex'),
		...claims,
	};
	const input = `${part({ alg: 'HS256', typ: 'JWT', ...header })}.${part(Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)))}`;
	return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const bearer = (jwt: string) => `Bearer ${jwt}`;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('signature checks', () => {
	it('accepts an event Vonage signed for this credential', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent());
		expect((await post(url, body, bearer(token(body)))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it.each([
		['no Authorization header', undefined],
		['a Basic header', 'Basic YTpi'],
	])(
		'answers an unsigned request (%s) with 503, so Vonage retries it, and starts nothing',
		async (_label, authorization) => {
			const { t, url } = await trigger(new VonageMessagesStatusTrigger());
			const response = await post(url, JSON.stringify(statusEvent()), authorization);
			expect(response.status).toBe(503);
			expect(t.executions).toHaveLength(0);
		},
	);

	const refused: Array<[label: string, auth: (body: string) => string, reason: RegExp]> = [
		[
			'a wrong secret',
			(body) => token(body, {}, {}, 'not-the-signature-secret-at-all!!'),
			/signature does not match/,
		],
		[
			'alg none',
			(body) => `${part({ alg: 'none' })}.${token(body).split('.')[1]}.`,
			/algorithm is none/,
		],
		['the payload_hash of another body', (body) => token(`${body} `), /payload_hash/],
		[
			'an iat older than the window (26 h)',
			(body) => token(body, { iat: now() - 26 * HOUR }),
			/older than 90000 seconds/,
		],
		['a crit header', (body) => token(body, {}, { crit: ['exp'] }), /crit/],
		['an exp in the past', (body) => token(body, { exp: now() - 600 }), /expired/],
		['an nbf in the future', (body) => token(body, { nbf: now() + 600 }), /not valid yet/],
		['trailing junk after the signature', (body) => `${token(body)}!!`, /not a JWT/],
		['padding after the signature', (body) => `${token(body)}==`, /not a JWT/],
		[
			'trailing junk after the claims',
			(body) => token(body).replace(/\.([^.]*)\./, '.$1%%.'),
			/not a JWT/,
		],
		[
			'stray bits in the last signature character',
			(body) => token(body).replace(/.$/, (c) => B64URL[B64URL.indexOf(c) ^ 1]),
			/not a JWT/,
		],
		['no jti', (body) => token(body, { jti: undefined }), /no jti/],
		[
			'the api_key of another account',
			(body) => token(body, { api_key: 'someone-else' }),
			/api_key/,
		],
		[
			'the application_id of another application',
			(body) => token(body, { application_id: randomUUID() }),
			/application_id/,
		],
	];
	it.each(refused)(
		'answers 401 and starts nothing for %s; the reason goes to the log only',
		async (_label, auth, reason) => {
			const logs = captureLogs();
			try {
				const { t, url } = await trigger(new VonageMessagesStatusTrigger());
				const body = JSON.stringify(statusEvent());
				const response = await post(url, body, bearer(auth(body)));
				expect([response.status, JSON.parse(response.body)]).toEqual([
					401,
					{ error: 'Vonage signature refused' },
				]);
				expect(t.executions).toHaveLength(0);
				expect(logs.lines).toEqual([{ level: 'warn', message: expect.stringMatching(reason) }]);
				expect(logs.lines[0].message).not.toContain(emulator.credentials.signatureSecret);
			} finally {
				logs.restore();
			}
		},
	);

	it('compares api_key and application_id only when the credential has them', async () => {
		const { t, url } = await trigger(
			new VonageMessagesStatusTrigger(),
			{},
			{ apiKey: '', applicationId: '' },
		);
		const body = JSON.stringify(statusEvent());
		expect(
			(await post(url, body, bearer(token(body, { api_key: 'any', application_id: 'any' }))))
				.status,
		).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('accepts unsigned events when the credential has no signature secret', async () => {
		const { t, url } = await trigger(
			new VonageMessagesStatusTrigger(),
			{},
			{ signatureSecret: '' },
		);
		expect((await post(url, JSON.stringify(statusEvent()))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('refuses a body that is not a JSON object', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		expect((await post(url, '[1,2]', bearer(token('[1,2]')))).status).toBe(400);
		expect((await post(url, '{"broken"', bearer(token('{"broken"')))).status).toBe(422); // n8n's own body parser
		expect(t.executions).toHaveLength(0);
	});
});

describe('Vonage retries and replays', () => {
	it('processes a retry that was not signed again (same token) once, answering 200 each time', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent());
		const auth = bearer(token(body));
		for (let i = 0; i < 3; i++) expect((await post(url, body, auth)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('processes a retry that was signed again (new jti, new iat) once', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent());
		for (let i = 0; i < 3; i++)
			expect((await post(url, body, bearer(token(body)))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('drops re-signed copies once the workflow is active with automatic registration (its state is in static data)', async () => {
		const t = await createTriggerHarness({
			nodeType: new VonageMessagesStatusTrigger(),
			parameters: { registration: 'automatic', options: {} },
			credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt') },
			credentialTypes: [new VonageMessagesApi()],
		});
		open.push(t);
		const { url } = await t.listen();
		expect(await t.create()).toBe(true);
		expect(t.staticData.registeredUrl).toEqual(expect.any(String));
		const body = JSON.stringify(statusEvent());
		for (let i = 0; i < 3; i++)
			expect((await post(url, body, bearer(token(body)))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it.each(['regular', 'queue'] as const)(
		'%s mode: leaves the static data (registration) as it was; a copy at another process or after a restart is not caught',
		async (executionsMode) => {
			const start = async (workflowStaticData?: IDataObject) => {
				// A new harness is a new webhook URL, so a new scope of the in-memory store: another process.
				const t = await createTriggerHarness({
					nodeType: new VonageMessagesStatusTrigger(),
					parameters: { registration: 'automatic', options: {} },
					credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt') },
					credentialTypes: [new VonageMessagesApi()],
					workflowStaticData,
					executionsMode,
				});
				open.push(t);
				return { t, url: (await t.listen()).url };
			};
			const first = await start();
			await first.t.create();
			const registered = structuredClone(first.t.workflowStaticData);
			const body = JSON.stringify(statusEvent());
			for (let i = 0; i < 2; i++)
				expect((await post(first.url, body, bearer(token(body)))).status).toBe(200);
			await first.t.idle();
			expect(first.t.executions).toHaveLength(1);
			expect(first.t.workflowStaticData).toEqual(registered);
			const second = await start(first.t.workflowStaticData);
			await post(second.url, body, bearer(token(body)));
			expect(second.t.executions).toHaveLength(1);
		},
	);

	it('remembers every event, not only the first one after activation', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const first = JSON.stringify(statusEvent());
		const second = JSON.stringify(statusEvent());
		for (const body of [first, second, second, first])
			expect((await post(url, body, bearer(token(body)))).status).toBe(200);
		expect(t.executions).toHaveLength(2);
	});

	it('accepts the last retry of the 24-hour schedule with its original token, once', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent());
		const auth = bearer(token(body, { iat: now() - 24 * HOUR }));
		expect((await post(url, body, auth)).status).toBe(200);
		expect((await post(url, body, auth)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('starts nothing for a captured request replayed, even with Ignore Duplicates off', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger(), {
			ignoreDuplicates: false,
		});
		const body = JSON.stringify(statusEvent());
		const auth = bearer(token(body));
		expect((await post(url, body, auth)).status).toBe(200);
		const replay = await post(url, body, auth);
		expect([replay.status, JSON.parse(replay.body)]).toEqual([
			200,
			{ status: 'ignored', reason: 'token already used' },
		]);
		expect(t.executions).toHaveLength(1);
		// A genuine re-signed copy is a new delivery: with Ignore Duplicates off it runs again, as asked.
		expect((await post(url, body, bearer(token(body)))).status).toBe(200);
		expect(t.executions).toHaveLength(2);
	});

	it('starts nothing when a request captured at one trigger is replayed to another', async () => {
		const status = await trigger(new VonageMessagesStatusTrigger());
		const inbound = await trigger(new VonageMessagesInboundTrigger());
		const body = JSON.stringify(inboundEvent());
		const auth = bearer(token(body));
		expect((await post(status.url, body, auth)).status).toBe(200);
		expect((await post(inbound.url, body, auth)).status).toBe(200);
		expect(inbound.t.executions).toHaveLength(0);
	});
});

describe('content type', () => {
	const send = async (url: string, body: string, contentType: string) =>
		await axios.post(url, body, {
			headers: { 'content-type': contentType, authorization: bearer(token(body)) },
			validateStatus: () => true,
			transformResponse: (data) => data as string,
		});

	it.each([
		['form-urlencoded', 'application/x-www-form-urlencoded'],
		['text/plain', 'text/plain'],
	])('answers a %s body with 415 and starts nothing', async (_label, contentType) => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const response = await send(url, JSON.stringify(statusEvent()), contentType);
		expect(response.status).toBe(415);
		expect(t.executions).toHaveLength(0);
	});

	it('accepts application/json with a charset', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		expect(
			(await send(url, JSON.stringify(statusEvent()), 'application/json; charset=utf-8')).status,
		).toBe(200);
		expect(t.executions).toHaveLength(1);
	});
});

describe('Max Signature Age set by expression', () => {
	it.each([
		['not a number', '={{ "abc" }}'],
		['below the range', '={{ 5 }}'],
		['above the range', '={{ 999999 }}'],
	])(
		'is refused when %s: at activation and per request, naming the option',
		async (_label, value) => {
			const { t, url } = await trigger(new VonageMessagesStatusTrigger(), { maxAgeSeconds: value });
			await expect(t.checkExists()).rejects.toThrow(
				/Max Signature Age \(Seconds\) must be a number of seconds from 10 to 172800/,
			);
			const body = JSON.stringify(statusEvent());
			expect((await post(url, body, bearer(token(body)))).status).toBe(500);
			expect(t.errors.map((e) => e.message)).toEqual([
				expect.stringMatching(/^Max Signature Age \(Seconds\) must be/),
			]);
			expect(t.executions).toHaveLength(0);
		},
	);

	it('is honoured when it is a number in range', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger(), {
			maxAgeSeconds: '={{ 30 }}',
		});
		expect(await t.checkExists()).toBe(true);
		const body = JSON.stringify(statusEvent());
		expect((await post(url, body, bearer(token(body, { iat: now() - 60 })))).status).toBe(401);
		expect((await post(url, body, bearer(token(body)))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});
});
