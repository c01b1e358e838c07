// The /_emulator control endpoints other processes use, and the CLI (`npm run emulator`).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { useEmulator } from '../../support/emulator-fixture';
import { bearer, pointWebhooks, runEmulatorCli, send, startReceiver } from './testkit';

const emu = useEmulator();

async function control(method: 'GET' | 'POST', route: string, body?: unknown) {
	const res = await fetch(`${emu.url}/_emulator/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

const secrets = () => [
	emu.credentials.apiSecret,
	emu.credentials.signatureSecret,
	...emu.credentials.privateKey.split('\n').filter((l) => l.length > 20),
];

describe('/_emulator control endpoints', () => {
	it('state shows messages, requests, application and deliveries, and no secret', async () => {
		await send(emu, bearer(emu.credentials));
		const { status, text } = await control('GET', 'state');
		expect(status).toBe(200);
		const state = JSON.parse(text);
		expect(state.accepted).toHaveLength(1);
		expect(state.requests).toEqual([{ auth: 'jwt', status: 202, at: expect.any(Number) }]);
		expect(state.application.id).toBe(emu.credentials.applicationId);
		expect(state.credentials).toEqual({
			apiKey: emu.credentials.apiKey,
			applicationId: emu.credentials.applicationId,
			publicKey: emu.credentials.publicKey,
		});
		expect(secrets().filter((s) => text.includes(s))).toEqual([]);
	});

	it('inbound delivers a signed inbound message and answers the delivery record', async () => {
		const receiver = await startReceiver([204]);
		try {
			pointWebhooks(emu, receiver.url);
			const { status, text } = await control('POST', 'inbound', {
				from: '447700900555',
				to: '447700900001',
				text: 'hello',
			});
			expect(status).toBe(200);
			expect(JSON.parse(text)).toMatchObject({ kind: 'inbound', status: 204, attempt: 1 });
			expect(receiver.received).toHaveLength(1);
			expect((await control('POST', 'inbound', { from: '447700900555' })).status).toBe(400);
		} finally {
			await receiver.close();
		}
	});

	it('config changes runtime options only; faults queue faults; reset clears', async () => {
		expect((await control('POST', 'config', { rateLimitPerSecond: 7, latencyMs: 0 })).status).toBe(
			200,
		);
		expect(emu.options.rateLimitPerSecond).toBe(7);
		expect((await control('POST', 'config', { apiSecret: 'mine' })).status).toBe(400);
		expect((await control('POST', 'config', { latencyMs: -1 })).status).toBe(400);
		expect(
			(
				await control('POST', 'faults', [
					{ kind: 'status', status: 500 },
					{ kind: 'hang-after-accept' },
				])
			).text,
		).toBe('{"queued":2}');
		expect((await control('POST', 'faults', [{ kind: 'explode' }])).status).toBe(400);
		expect((await send(emu, bearer(emu.credentials))).status).toBe(500);
		expect((await control('POST', 'reset')).status).toBe(200);
		expect(emu.faults).toEqual([]);
		expect(emu.requests).toEqual([]);
		expect(emu.options.rateLimitPerSecond).toBeUndefined();
		expect((await control('GET', 'nothing')).status).toBe(404);
	});
});

describe('CLI', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'vonage-emulator-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the credentials to --state (0600) once, reuses them, prints no secret, stops on SIGTERM', async () => {
		const file = path.join(dir, 'nested', 'emulator.json');
		let first: Record<string, string> = {};
		const run1 = await runEmulatorCli(['--port', '0', '--state', file], async (url) => {
			first = JSON.parse(readFileSync(file, 'utf8'));
			expect((await fetch(`${url}/_emulator/state`)).status).toBe(200);
		});
		expect(run1.code).toBe(0);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(Object.keys(first).sort()).toEqual([
			'apiKey',
			'apiSecret',
			'applicationId',
			'baseUrl',
			'privateKey',
			'publicKey',
			'signatureSecret',
		]);
		expect(run1.output).toContain(file);
		const leaked = [
			first.apiSecret,
			first.signatureSecret,
			...first.privateKey.split('\n').filter((l) => l.length > 20),
		].filter((s) => run1.output.includes(s));
		expect(leaked).toEqual([]);

		const run2 = await runEmulatorCli(
			['--port', '0', '--state', file, '--latency', '5', '--rate-limit', '30'],
			async (url) => {
				const state = (await (await fetch(`${url}/_emulator/state`)).json()) as {
					credentials: Record<string, string>;
				};
				expect(state.credentials.apiKey).toBe(first.apiKey);
				expect(state.credentials.applicationId).toBe(first.applicationId);
			},
		);
		expect(run2.code).toBe(0);
		expect(run2.output).toMatch(/loaded from/);
	}, 60_000);

	it('sets the account from flags: --webhook-version, --api-type, --account-status-url (printed, in state)', async () => {
		const args = [
			'--port',
			'0',
			'--webhook-version',
			'v0.1',
			'--api-type',
			'sms',
			'--account-status-url',
			'http://127.0.0.1:9/status',
		];
		const run = await runEmulatorCli(args, async (url) => {
			const state = (await (await fetch(`${url}/_emulator/state`)).json()) as Record<string, any>;
			expect(state.application.capabilities.messages.version).toBe('v0.1');
			expect(state.account).toEqual({
				messagingApiType: 'sms',
				accountStatusUrl: 'http://127.0.0.1:9/status',
			});
		});
		expect(run.code).toBe(0);
		expect(run.output).toMatch(/Messaging API type sms, application webhook version v0.1/);
		const plain = await runEmulatorCli(['--port', '0'], async () => {});
		expect(plain.output).toMatch(
			/application webhook version unset \(v1\), account-level status URL unset/,
		);
	}, 60_000);

	it.each([
		[['--api-type', 'voice'], /--api-type must be one of messages, sms/],
		[['--webhook-version', 'v2'], /--webhook-version must be one of v0.1, v1/],
		[['--account-status-url', 'ftp://x'], /--account-status-url must be an http\(s\) URL/],
	])(
		'refuses a bad account flag %j',
		async (flags, message) => {
			const run = await runEmulatorCli(['--port', '0', ...flags], async () => {});
			expect(run.code).toBe(1);
			expect(run.output).toMatch(message);
		},
		30_000,
	);

	it('refuses a bad flag value', async () => {
		const run = await runEmulatorCli(['--port', '0', '--rate-limit', 'lots'], async () => {});
		expect(run.code).toBe(1);
		expect(run.output).toMatch(/--rate-limit must be an integer/);
	}, 30_000);
});
