// Issue 8: the Base URL is checked in one place (nodes/shared/api/baseUrl.ts) and before anything is sent:
// http or https, a host, no user info, query or fragment; plain http only to a loopback host.
import { isLoopbackHost, isVonageHost, urlProblem } from '../../../../nodes/shared/api/baseUrl';
import { useEmulator } from '../../../support/emulator-fixture';
import { AUTH_TYPES, customers, sendSms } from '../../../support/setup';

describe('urlProblem', () => {
	it.each([
		'https://api.nexmo.com',
		'https://api-eu.vonage.com',
		'https://vonage-proxy.example.com/vonage',
		'http://127.0.0.1:3999',
		'http://127.8.9.10',
		'http://localhost:3999',
		'http://[::1]:3999',
	])('accepts %s', (url) => {
		expect(urlProblem(url)).toBeUndefined();
	});

	it.each([
		['ftp://api.nexmo.com', /must start with https:\/\//],
		['file:///etc/passwd', /not a URL with a host|must start with https/],
		['http://api.nexmo.com', /plain http:\/\//],
		['http://127.0.0.1.nip.io', /plain http:\/\//],
		['http://[::2]', /plain http:\/\//],
		['https://api.nexmo.com?x=1', /query/],
		['https://api.nexmo.com#frag', /fragment/],
		['https://key:secret@api.nexmo.com', /user name or password/],
		['not a url', /not a URL/],
	])('refuses %s', (url, message) => {
		expect(urlProblem(url)?.message).toMatch(message);
	});

	it('never echoes a password given in the URL', () => {
		const problem = urlProblem('https://key:s3cr3t-value@api.nexmo.com');
		expect(`${problem?.message} ${problem?.description}`).not.toContain('s3cr3t-value');
	});

	it('knows loopback and Vonage hosts by structure', () => {
		expect(['localhost', '127.0.0.1', '127.255.0.1', '::1', '[::1]'].map(isLoopbackHost)).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
		expect(
			['128.0.0.1', '127.0.0.1.example.com', 'localhost.example.com'].map(isLoopbackHost),
		).toEqual([false, false, false]);
		expect(['api.nexmo.com', 'api-eu.vonage.com', 'API-US.VONAGE.COM'].map(isVonageHost)).toEqual([
			true,
			true,
			true,
		]);
		expect(['vonage.com.example.com', 'notvonage.com', '127.0.0.1'].map(isVonageHost)).toEqual([
			false,
			false,
			false,
		]);
	});
});

describe('Send SMS checks the Base URL before sending', () => {
	const emulator = useEmulator();

	it.each(AUTH_TYPES)(
		'a plain-http Base URL to another host stops the node, naming the field (%s)',
		async (authType) => {
			const { error } = await sendSms({
				emulator,
				authType,
				items: customers(2),
				credential: { baseUrl: 'http://vonage-proxy.example.com' },
			});
			expect(error?.message).toMatch(
				/The Base URL "http:\/\/vonage-proxy.example.com" uses plain http:\/\//,
			);
			expect((error as { description?: string } | undefined)?.description).toMatch(/loopback host/);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it('an ftp:// Base URL is refused, not reported as "may have been sent"', async () => {
		const { error, outputs } = await sendSms({
			emulator,
			authType: 'basic',
			items: customers(1),
			credential: { baseUrl: 'ftp://127.0.0.1:21' },
			continueOnFail: true,
		});
		const text = JSON.stringify({ message: error?.message, outputs });
		expect(text).toMatch(/must start with https:\/\//);
		expect(text).not.toMatch(/may_have_been_sent":true/);
	});
});
