// The emulator's recorded error bodies (shared README "Real error answers"): the Messages API's two
// 401 titles, per request or fixed by a setting (configure, control API, CLI flag); the Applications
// API's own 401 title; the recorded 429 body, with Retry-After as a setting.
import axios from 'axios';

import { useEmulator } from '../../support/emulator-fixture';
import { MESSAGES_401_TITLES } from '../problems';
import { basic, bearer, runEmulatorCli, send } from './testkit';

const emu = useEmulator();

const wrongBasic = () => basic(emu.credentials.apiKey, 'not-the-secret');
const wrongJwt = () =>
	bearer(emu.credentials, { application_id: '00000000-0000-4000-8000-000000000000' });

async function control(route: string, body: unknown) {
	const res = await fetch(`${emu.url}/_emulator/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return res.status;
}

describe('401 titles of the Messages API', () => {
	it.each([
		['no Authorization header', () => undefined, 'Unauthorised'],
		['a malformed header', () => 'Token abc', 'Unauthorised'],
		['a wrong API secret (Basic)', wrongBasic, 'You did not provide correct credentials.'],
		['a JWT of another application', wrongJwt, 'You did not provide correct credentials.'],
	])('by default chosen per request: %s -> "%s"', async (_label, authorization, title) => {
		const res = await send(emu, authorization());
		expect(res.status).toBe(401);
		expect(res.data).toMatchObject({
			type: expect.stringMatching(/#unauthorized$/),
			title,
			detail: expect.any(String),
		});
	});

	it.each(MESSAGES_401_TITLES)(
		'the setting unauthorizedTitle gives every 401 the title "%s" (configure and control API)',
		async (title) => {
			emu.configure({ unauthorizedTitle: title });
			expect((await send(emu, undefined)).data.title).toBe(title);
			expect((await send(emu, wrongBasic())).data.title).toBe(title);
			emu.reset();
			expect(await control('config', { unauthorizedTitle: title })).toBe(200);
			expect((await send(emu, wrongJwt())).data.title).toBe(title);
			expect(await control('config', { unauthorizedTitle: null })).toBe(200);
			expect((await send(emu, undefined)).data.title).toBe('Unauthorised');
		},
	);

	it('the control API refuses a title that was never recorded', async () => {
		expect(await control('config', { unauthorizedTitle: 'Unauthorized' })).toBe(400);
	});

	it('the Applications API answers 401 "Invalid credentials supplied", whatever the setting', async () => {
		emu.configure({ unauthorizedTitle: 'Unauthorised' });
		const res = await axios.get(`${emu.url}/v2/applications/${emu.credentials.applicationId}`, {
			headers: { authorization: wrongBasic() },
			validateStatus: () => true,
		});
		expect(res.status).toBe(401);
		expect(res.data.title).toBe('Invalid credentials supplied');
	});
});

describe('429 of the Messages API', () => {
	async function throttle() {
		emu.configure({ rateLimitPerSecond: 1 });
		expect((await send(emu, bearer(emu.credentials))).status).toBe(202);
		return await send(emu, bearer(emu.credentials));
	}

	it('has the recorded body: title "Rate Limit Hit", type ending #1010, and Retry-After by default', async () => {
		const res = await throttle();
		expect(res.status).toBe(429);
		expect(res.data).toMatchObject({
			title: 'Rate Limit Hit',
			type: expect.stringMatching(/#1010$/),
		});
		expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
	});

	it('leaves Retry-After out with throttleRetryAfter false (control API)', async () => {
		expect(await control('config', { throttleRetryAfter: false })).toBe(200);
		const res = await throttle();
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBeUndefined();
		expect(res.data.title).toBe('Rate Limit Hit');
	});
});

describe('CLI flags', () => {
	it('--unauthorized-title and --no-retry-after set both, and a title never recorded is refused', async () => {
		const run = async (args: string[], check: (url: string) => Promise<void>) =>
			await runEmulatorCli(['--port', '0', ...args], check);
		const ok = await run(
			['--unauthorized-title', 'Unauthorised', '--no-retry-after', '--rate-limit', '1'],
			async (url) => {
				const res = await axios.post(
					`${url}/v0.1/messages`,
					{},
					{ headers: { authorization: 'Basic eDp5' }, validateStatus: () => true },
				);
				expect(res.data.title).toBe('Unauthorised');
			},
		);
		expect(ok.code).toBe(0);
		const bad = await run(['--unauthorized-title', 'Unauthorized'], async () => {});
		expect(bad.code).toBe(1);
		expect(bad.output).toMatch(/--unauthorized-title must be one of/);
	}, 60_000);
});
