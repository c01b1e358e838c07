// Issue 16 item 12: one rate window per Vonage account. Vonage counts its limit per API key, whatever
// the auth type, the application or the regional host; the window map stays bounded.
import {
	IDLE_WINDOW_MS,
	MAX_ACCOUNT_WINDOWS,
	accountKey,
	accountLimiter,
	accountWindowCount,
} from '../../../../nodes/VonageMessages/sending/accountLimits';

type Fields = { baseUrl: string; apiKey: string; applicationId: string };
const NEXMO = 'https://api.nexmo.com';
const cred = (baseUrl: string, apiKey: string, applicationId = ''): Fields => ({
	baseUrl,
	apiKey,
	applicationId,
});

const sameAccount: Array<[label: string, a: Fields, b: Fields]> = [
	[
		'the same key with JWT (and an application) and with Basic',
		cred(NEXMO, 'k1', 'app-1'),
		cred(NEXMO, 'k1'),
	],
	['two applications of one key', cred(NEXMO, 'k2', 'app-2a'), cred(NEXMO, 'k2', 'app-2b')],
	['a regional host', cred(NEXMO, 'k3'), cred('https://api-eu.vonage.com', 'k3')],
	['the host in capitals', cred(NEXMO, 'k4'), cred('https://API.NEXMO.COM', 'k4')],
	['an explicit :443', cred(NEXMO, 'k5'), cred('https://api.nexmo.com:443', 'k5')],
	['a trailing dot', cred(NEXMO, 'k6'), cred('https://api.nexmo.com.', 'k6')],
	[
		'the emulator in capitals and with its port',
		cred('http://localhost:3999', 'k7'),
		cred('HTTP://LOCALHOST:3999', 'k7'),
	],
	['an explicit :80 over http', cred('http://localhost', 'k8'), cred('http://localhost:80', 'k8')],
];
const otherAccount: Array<[label: string, a: Fields, b: Fields]> = [
	['two API keys', cred(NEXMO, 'k9'), cred(NEXMO, 'k10')],
	['two applications with no key known', cred(NEXMO, '', 'app-11a'), cred(NEXMO, '', 'app-11b')],
	[
		'the same key on two emulators',
		cred('http://127.0.0.1:3999', 'k12'),
		cred('http://127.0.0.1:4000', 'k12'),
	],
];

describe('the account a credential sends for', () => {
	it.each(sameAccount)('is one for %s', (_label, a, b) => {
		expect(accountKey(a)).toBe(accountKey(b));
	});
	it.each(otherAccount)('is two for %s', (_label, a, b) => {
		expect(accountKey(a)).not.toBe(accountKey(b));
	});
	it("is the key's for a JWT credential without a key, once a credential named that application's key", () => {
		const jwtOnly = cred(NEXMO, '', 'app-13');
		const before = accountKey(jwtOnly);
		expect(before).not.toBe(accountKey(cred(NEXMO, 'k13')));
		accountKey(cred(NEXMO, 'k13', 'app-13'));
		expect(accountKey(jwtOnly)).toBe(accountKey(cred(NEXMO, 'k13')));
	});
});

describe('the windows of this process', () => {
	it(`are at most ${MAX_ACCOUNT_WINDOWS}, however many accounts send`, () => {
		const now = 1_000_000;
		for (let i = 0; i < MAX_ACCOUNT_WINDOWS + 500; i++)
			accountLimiter(cred(NEXMO, `many-${i}`), 30, now);
		expect(accountWindowCount()).toBeLessThanOrEqual(MAX_ACCOUNT_WINDOWS);
	});

	it('drop a window nobody used for a while', () => {
		const now = 2_000_000;
		accountLimiter(cred(NEXMO, 'idle'), 30, now);
		accountLimiter(cred(NEXMO, 'busy'), 30, now + IDLE_WINDOW_MS + 1);
		expect(accountWindowCount()).toBe(1);
	});
});
