// The credential dialog's Test, run as n8n runs it (test/support/credential-tester.ts: the nodes'
// `testedBy` function on n8n-core's CredentialTestContext) against the emulator over real HTTP.
// Decided by HTTP status: every recorded 401 body is a failure, for JWT and Basic alike.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { useEmulator } from '../../../support/emulator-fixture';
import { MESSAGES_401_TITLES } from '../../../emulator/problems';
import { testCredential, testFunctionsOfAllNodes } from '../../../support/credential-tester';
import { TEST_DEADLINE_MS } from '../../../../nodes/shared/api/credentialTest';
import { AUTH_TYPES, credentialFor, encryptedPrivateKey, secretsOf } from '../../../support/setup';
import { startScriptedServer } from '../../../support/scripted-server';

const emulator = useEmulator();

const OK = { status: 'OK', message: expect.stringMatching(/^Connection successful!/) };
const rejected = (status = 401) => ({
	status: 'Error',
	message: expect.stringContaining(
		status === 403
			? 'Vonage refused these credentials, or the Messages API is not enabled for this account (HTTP 403)'
			: `Vonage rejected these credentials (HTTP ${status})`,
	),
});

it('n8n finds one test function for the credential through every node (no declarative test any more)', () => {
	expect(new VonageMessagesApi()).not.toHaveProperty('test');
	const functions = testFunctionsOfAllNodes();
	expect(functions.every((fn) => typeof fn === 'function' && fn === functions[0])).toBe(true);
});

describe.each(AUTH_TYPES)('credential test (%s)', (authType) => {
	const wrong =
		authType === 'jwt'
			? { applicationId: '00000000-0000-4000-8000-000000000000' }
			: { apiSecret: 'wrong-secret' };

	it('says OK for working credentials, and sends nothing', async () => {
		expect(await testCredential(credentialFor(emulator, authType))).toEqual(OK);
		expect(emulator.requests.map((r) => r.status)).toEqual([400]);
		expect(emulator.accepted).toHaveLength(0);
	});

	// Every 401 title Vonage has been recorded sending (shared README "Real error answers"), as the emulator sends it.
	const titles: Array<[label: string, title: (typeof MESSAGES_401_TITLES)[number] | undefined]> = [
		...MESSAGES_401_TITLES.map(
			(title) => [`"${title}"`, title] as [string, (typeof MESSAGES_401_TITLES)[number]],
		),
		['the title chosen per request', undefined],
	];
	it.each(titles)('fails for wrong credentials when the 401 says %s', async (_label, title) => {
		emulator.configure({ unauthorizedTitle: title });
		const result = await testCredential(credentialFor(emulator, authType, wrong));
		expect(result).toEqual(rejected());
		expect(result.message).toMatch(
			authType === 'jwt' ? /Application ID and Private Key/ : /API Key and API Secret/,
		);
		expect(emulator.requests.map((r) => r.status)).toEqual([401]);
	});

	// Any 401/403 body, recorded or not, JSON or not: the status decides, never the title.
	const bodies: Array<[label: string, status: number, body: object | undefined]> = [
		[
			'"You did not provide correct credentials."',
			401,
			{
				type: 'https://developer.nexmo.com/api-errors#unauthorized',
				title: 'You did not provide correct credentials.',
				detail: 'd',
				instance: 'i',
			},
		],
		[
			'"Unauthorised"',
			401,
			{
				type: 'https://developer.nexmo.com/api-errors#unauthorized',
				title: 'Unauthorised',
				detail: 'd',
				instance: 'i',
			},
		],
		[
			'"Invalid credentials supplied"',
			401,
			{
				type: 'https://developer.nexmo.com/api-errors#unauthorized',
				title: 'Invalid credentials supplied',
				detail: 'd',
				instance: 'i',
			},
		],
		['"Unauthorized" (the old guess)', 401, { title: 'Unauthorized' }],
		['no title at all', 401, {}],
		['403 Forbidden', 403, { title: 'Forbidden' }],
	];
	it.each(bodies)('fails when Vonage answers %s', async (_label, status, body) => {
		emulator.failNext({ kind: 'status', status, ...(body ? { body } : {}) });
		expect(await testCredential(credentialFor(emulator, authType))).toEqual(rejected(status));
	});

	it('names what is missing, before sending anything', async () => {
		const missing = authType === 'jwt' ? { privateKey: '' } : { apiKey: '' };
		const result = await testCredential(credentialFor(emulator, authType, missing));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(authType === 'jwt' ? /needs Private Key/ : /needs API Key/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('explains an encrypted private key, before sending anything', async () => {
		if (authType !== 'jwt') return;
		const privateKey = encryptedPrivateKey();
		const result = await testCredential(credentialFor(emulator, authType, { privateKey }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/encrypted with a passphrase/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('says "try again" on 429 and 5xx rather than OK', async () => {
		emulator.failNext({ kind: 'status', status: 429 });
		expect((await testCredential(credentialFor(emulator, authType))).message).toMatch(
			/throttled the test \(HTTP 429\)/,
		);
		emulator.failNext({ kind: 'status', status: 500 });
		expect((await testCredential(credentialFor(emulator, authType))).message).toMatch(
			/could not be checked: the Base URL answered HTTP 500/,
		);
	});

	it('leaks no secret in any message', async () => {
		const messages = [
			(await testCredential(credentialFor(emulator, authType, wrong))).message,
			(await testCredential(credentialFor(emulator, authType, { baseUrl: 'http://example.com' })))
				.message,
		].join(' ');
		expect(secretsOf(emulator).filter((s) => s.length > 8 && messages.includes(s))).toEqual([]);
	});
});

describe('the API key and secret the triggers need (Applications API)', () => {
	it("with JWT, checks a filled-in API key and secret too: a wrong secret fails with the Applications API's 401", async () => {
		const result = await testCredential(
			credentialFor(emulator, 'jwt', { apiSecret: 'wrong-secret' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining(
				'Applications API rejected the API Key and API Secret (HTTP 401)',
			),
		});
		expect(emulator.requests.map((r) => r.status)).toEqual([400]); // the JWT itself was fine
	});

	it('with JWT and no API key or secret, checks the JWT only', async () => {
		expect(
			await testCredential(credentialFor(emulator, 'jwt', { apiKey: '', apiSecret: '' })),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('refuses half of the pair', async () => {
		const result = await testCredential(credentialFor(emulator, 'jwt', { apiSecret: '' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^API Key is filled in but API Secret is empty/),
		});
		expect(emulator.requests).toHaveLength(0);
	});

	it('404: an application ID this API key does not own (Basic, where the messages check passes)', async () => {
		const result = await testCredential(
			credentialFor(emulator, 'basic', { applicationId: '11111111-2222-4333-8444-555555555555' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining(
				'no application with the ID "11111111-2222-4333-8444-555555555555" for this API key (HTTP 404)',
			),
		});
	});

	it('says so on success', async () => {
		expect(await testCredential(credentialFor(emulator, 'jwt'))).toEqual({
			status: 'OK',
			message: expect.stringMatching(/can also register webhooks on the application/),
		});
	});
});

describe('Base URL (issue 8)', () => {
	const cases: Array<[baseUrl: string, message: RegExp]> = [
		['ftp://127.0.0.1:3999', /must start with https:\/\/ \(not ftp:\/\/\)/],
		[
			'http://api.nexmo.com',
			/uses plain http:\/\/, so your API secret or signed token would be sent unencrypted/,
		],
		['http://10.0.0.5:3999', /plain http:\/\//],
		['https://api.nexmo.com?region=eu', /must not have a query/],
		['https://api.nexmo.com/#x', /must not have a query \(\?\.\.\.\) or fragment/],
		['https://user:pw@api.nexmo.com', /must not contain a user name or password/],
		['api.nexmo.com', /is not a URL with a host/],
	];
	it.each(cases)('%s is refused before anything is sent', async (baseUrl, message) => {
		for (const authType of AUTH_TYPES) {
			const result = await testCredential(credentialFor(emulator, authType, { baseUrl }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(message);
		}
		expect(emulator.requests).toHaveLength(0);
	});

	it('plain http to localhost is allowed (loopback)', async () => {
		expect(
			await testCredential(
				credentialFor(emulator, 'basic', {
					baseUrl: emulator.url.replace('127.0.0.1', 'localhost'),
				}),
			),
		).toEqual(OK);
	});

	it('reports a wrong Base URL (404)', async () => {
		const result = await testCredential(
			credentialFor(emulator, 'basic', { baseUrl: `${emulator.url}/nowhere` }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/No Vonage Messages API at this Base URL \(HTTP 404\)/),
		});
	});

	it('never follows a redirect: names the host, and the credentials go nowhere else', async () => {
		const seen: string[] = [];
		const redirector: Server = createServer((req, res) => {
			seen.push(`${req.method} ${req.url}`);
			res
				.writeHead(307, { location: `${emulator.url.replace('127.0.0.1', 'localhost')}${req.url}` })
				.end();
		});
		await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
			for (const authType of AUTH_TYPES) {
				const result = await testCredential(credentialFor(emulator, authType, { baseUrl: url }));
				expect(result).toEqual({
					status: 'Error',
					message: expect.stringMatching(
						/answered 307, a redirect to localhost:\d+\. Credentials are never sent along a redirect/,
					),
				});
			}
			expect(seen).toEqual(['POST /v0.1/messages', 'POST /v0.1/messages']);
			expect(emulator.requests).toHaveLength(0);
		} finally {
			await new Promise<void>((resolve) => redirector.close(() => resolve()));
		}
	});
});

// Issue 16 item 17: success needs Vonage's own answer, the limit is one deadline for the whole test,
// and a 403 is not only "wrong credentials". Answers the emulator does not model come from a scripted
// server on 127.0.0.1, reached through n8n-core's request helper like any Base URL.
describe('what counts as Vonage checking the credentials', () => {
	const html =
		'<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>nginx</center></body></html>';
	const notVonage: Array<[label: string, status: number, contentType: string, body: string]> = [
		['an nginx HTML 400', 400, 'text/html', html],
		['a JSON 400 of another service', 400, 'application/json', '{"error":"bad request"}'],
		[
			'a problem+json 422 of another service',
			422,
			'application/problem+json',
			'{"type":"https://example.com/probs/invalid","title":"Invalid"}',
		],
		[
			'a Vonage type without a title',
			400,
			'application/problem+json',
			'{"type":"https://developer.nexmo.com/api-errors/messages-olympus#1010"}',
		],
		['an empty 400', 400, 'text/plain', ''],
	];
	it.each(notVonage)(
		'%s is not "Connection successful"',
		async (_label, status, contentType, body) => {
			const server = await startScriptedServer((_req, res) => {
				res.writeHead(status, { 'content-type': contentType });
				res.end(body);
			});
			try {
				for (const authType of AUTH_TYPES) {
					const result = await testCredential(
						credentialFor(emulator, authType, { baseUrl: server.url }),
					);
					expect(result).toEqual({
						status: 'Error',
						message: expect.stringContaining(
							`answered HTTP ${status}, but not with an error of Vonage's Messages API, so the credentials were not checked`,
						),
					});
				}
			} finally {
				await server.close();
			}
		},
	);

	// Answers Vonage has been recorded giving to a request whose credentials it accepted.
	const vonage: Array<[label: string, status: number, body: object]> = [
		[
			'v1 422 #1150 "Invalid params"',
			422,
			{
				type: 'https://developer.vonage.com/api-errors/messages#1150',
				title: 'Invalid params',
				detail: 'The value of one or more parameters is invalid.',
				instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
				invalid_parameters: [{ name: 'to', reason: 'is required' }],
			},
		],
		[
			'422 #1110 "Invalid channel parameters"',
			422,
			{
				type: 'https://developer.vonage.com/api-errors/messages#1110',
				title: 'Invalid channel parameters',
			},
		],
		[
			'400 "Low balance"',
			400,
			{ type: 'https://developer.nexmo.com/api-errors/#low-balance', title: 'Low balance' },
		],
	];
	it.each(vonage)('%s is "Connection successful"', async (_label, status, body) => {
		emulator.failNext({ kind: 'status', status, body });
		expect(
			await testCredential(credentialFor(emulator, 'jwt', { apiKey: '', apiSecret: '' })),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('a 403 says the account may not have the API enabled, not only that the credentials are wrong', async () => {
		emulator.failNext({ kind: 'status', status: 403, body: { title: 'Forbidden' } });
		const { message } = await testCredential(credentialFor(emulator, 'basic'));
		expect(message).toMatch(
			/refused these credentials, or the Messages API is not enabled for this account/,
		);
	});

	it(`ends by its deadline (${TEST_DEADLINE_MS / 1000} s in all) when a server trickles its answer a byte at a time`, async () => {
		let timer: NodeJS.Timeout | undefined;
		const server = await startScriptedServer((_req, res) => {
			res.writeHead(400, { 'content-type': 'application/problem+json' });
			// One byte every 2 s for 50 s, longer than the test may take: n8n's idle timeout never trips.
			let bytes = 0;
			timer = setInterval(() => {
				if (++bytes < 25) res.write(' ');
				else {
					clearInterval(timer);
					res.end('{}');
				}
			}, 2_000);
		});
		try {
			const result = await testCredential(
				credentialFor(emulator, 'basic', { baseUrl: server.url }),
			);
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringContaining(
					`No complete answer from ${server.host} within ${TEST_DEADLINE_MS / 1000} s`,
				),
			});
		} finally {
			clearInterval(timer);
			await server.close();
		}
	}, 40_000);
});
