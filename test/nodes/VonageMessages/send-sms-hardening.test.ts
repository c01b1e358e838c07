// Issue 8, send path: each case runs the Send SMS node through n8n-core's engine, over real HTTP to
// the emulator or to a scripted server on 127.0.0.1 for answers the emulator does not model.
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import {
	answerJson,
	startScriptedServer,
	type ScriptedServer,
} from '../../support/scripted-server';
import {
	AUTH_TYPES,
	customers,
	encryptedPrivateKey,
	secretsOf,
	sendSms,
} from '../../support/setup';

const emulator = useEmulator();

async function withServer<T>(
	script: Parameters<typeof startScriptedServer>[0],
	run: (server: ScriptedServer) => Promise<T>,
): Promise<T> {
	const server = await startScriptedServer(script);
	try {
		return await run(server);
	} finally {
		await server.close();
	}
}

describe('numbers in international format only', () => {
	const accepted: Array<[written: string, sent: string]> = [
		['+44 (0) 7700 900000', '447700900000'],
		['+44(0)7700-900-000', '447700900000'],
		['0044 7700 900000', '447700900000'],
		['+1 (555) 010-9999', '15550109999'],
		['447700900000', '447700900000'],
	];
	it.each(accepted)('sends %s as %s', async (written, sent) => {
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'jwt',
			items: [{ to: written, text: 'hi', ref: 'r' }],
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.to).toBe(sent);
		expect(emulator.accepted.map((m) => m.body.to.number)).toEqual([sent]);
	});

	const refused: Array<[written: string, problem: RegExp]> = [
		['07700 900000', /"07700 900000" is a national number/],
		['+0044 7700 900000', /"\+0044 7700 900000" has a 0 where the country code belongs/],
		['+44 (020) 7946 0000', /"\+44 \(020\) 7946 0000" is ambiguous/],
		['(0) 7700 900000', /is ambiguous/],
	];
	it.each(refused)(
		'refuses %s, showing the number and the expected form, before anything is sent',
		async (written, problem) => {
			const items = customers(3);
			items[1].to = written;
			const { error } = await sendSms({ emulator, authType: 'basic', items });
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error!.message).toMatch(
				/^'To' in item 1 is not a phone number in international format/,
			);
			expect(error!.message).toMatch(problem);
			expect((error as NodeOperationError).description).toMatch(
				/international format: the country code, then the number without its leading 0 .*\+44 7700 900000/,
			);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it('applies the same rule to a numeric sender', async () => {
		const { error } = await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(1),
			parameters: { from: '07700 900001' },
		});
		expect(error!.message).toMatch(/^'From' in item 0 .*"07700 900001" is a national number/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('the emulator, like Vonage, refuses a number that starts with 0', async () => {
		const response = await fetch(`${emulator.url}/v0.1/messages`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Basic ${Buffer.from(`${emulator.credentials.apiKey}:${emulator.credentials.apiSecret}`).toString('base64')}`,
			},
			body: JSON.stringify({
				to: { type: 'sms', number: '07700900000' },
				from: { type: 'sms', number: '447700900001' },
				message: { content: { type: 'text', text: 'hi' } },
			}),
		});
		expect(response.status).toBe(422);
	});
});

describe('numeric options are checked before anything is sent', () => {
	const bad: Array<[option: string, value: unknown, label: string]> = [
		['concurrency', 'abc', 'Max Parallel Requests'],
		['concurrency', 0, 'Max Parallel Requests'],
		['concurrency', 2.5, 'Max Parallel Requests'],
		['maxPerSecond', 'fast', 'Max Requests per Second'],
		['maxPerSecond', 5000, 'Max Requests per Second'],
		['maxRetries', -1, 'Retries When Throttled or Unreachable'],
		['maxRetries', 'x', 'Retries When Throttled or Unreachable'],
		['timeout', 'x', 'Timeout (Seconds)'],
		['timeout', 0, 'Timeout (Seconds)'],
		['timeout', 301, 'Timeout (Seconds)'],
	];
	it.each(bad)('%s = %p stops the node naming the option', async (option, value, label) => {
		const { error, outputs } = await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(2),
			parameters: { options: { [option]: value } as INodeParameters },
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toContain(`The option '${label}' must be`);
		expect((error as NodeOperationError).description).toMatch(/^Nothing was sent/);
		expect(outputs).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it('takes numbers given as text by an expression', async () => {
		const { error, outputs } = await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(3),
			parameters: {
				options: { concurrency: '={{ "2" }}', timeout: '={{ "5" }}', maxRetries: '={{ "0" }}' },
			},
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(3);
	});
});

describe('Retry-After', () => {
	const throttledThenAccepted =
		(retryAfter: (index: number) => string) =>
		(_req: unknown, res: Parameters<typeof answerJson>[0], index: number) => {
			if (index === 0)
				answerJson(
					res,
					429,
					{ title: 'Rate Limit Hit', type: 'https://developer.nexmo.com/api-errors#1010' },
					{ 'retry-after': retryAfter(index) },
				);
			else answerJson(res, 202, { message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });
		};

	it('as an HTTP date: the retry comes no earlier than the date', async () => {
		let notBefore = 0;
		await withServer(
			throttledThenAccepted(() => {
				notBefore = (Math.floor(Date.now() / 1000) + 3) * 1000;
				return new Date(notBefore).toUTCString();
			}),
			async (server) => {
				const { outputs, error } = await sendSms({
					emulator,
					authType: 'basic',
					items: customers(1),
					credential: { baseUrl: server.url },
				});
				expect(error).toBeUndefined();
				expect(outputs[0][0].json.message_uuid).toBe('aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab');
				expect(server.requests).toHaveLength(2);
				expect(server.requests[1].at).toBeGreaterThanOrEqual(notBefore);
			},
		);
	});

	it('0 is not a tight loop: each retry waits at least a second, and the error says how long it waited in total', async () => {
		await withServer(
			(_req, res) => answerJson(res, 429, { title: 'Rate Limit Hit' }, { 'retry-after': '0' }),
			async (server) => {
				const { outputs } = await sendSms({
					emulator,
					authType: 'jwt',
					items: customers(1),
					continueOnFail: true,
					credential: { baseUrl: server.url },
					parameters: { options: { maxRetries: 2 } },
				});
				expect(server.requests).toHaveLength(3);
				const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i].at);
				for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(990);
				expect(outputs[0][0].json).toMatchObject({
					may_have_been_sent: false,
					error: expect.stringMatching(/^Vonage answered 429/),
				});
				expect(outputs[0][0].json.description).toMatch(
					/Still throttled after 3 attempts; waited 2 s in total\. Nothing was sent/,
				);
			},
		);
	});
});

describe('the timeout is a deadline for the whole request', () => {
	it('a server trickling its answer a byte at a time cannot hold a request past the timeout; the send may have happened', async () => {
		const answer = JSON.stringify({ message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });
		await withServer(
			(_req, res) => {
				res.writeHead(202, {
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(answer)),
				});
				let sent = 0;
				const tick = () => {
					if (res.destroyed) return;
					res.write(answer[sent++]);
					if (sent < answer.length) setTimeout(tick, 200);
					else res.end();
				};
				tick();
			},
			async (server) => {
				const { outputs } = await sendSms({
					emulator,
					authType: 'basic',
					items: customers(1),
					continueOnFail: true,
					credential: { baseUrl: server.url },
					parameters: { options: { timeout: 1, maxRetries: 3 } },
				});
				expect(server.requests).toHaveLength(1);
				// The client hung up on the answer (the socket's close reaches the server a moment later).
				for (let i = 0; i < 50 && server.abortedAnswers === 0; i++)
					await new Promise((resolve) => setTimeout(resolve, 100));
				expect(server.abortedAnswers).toBe(1);
				expect(outputs[0][0].json).toMatchObject({
					may_have_been_sent: true,
					error: expect.stringMatching(/No answer from .* within 1 s/),
				});
				expect(outputs[0][0].json.description).toMatch(/not sent again/);
			},
		);
	}, 30_000);
});

describe('a 2xx without a usable message_uuid is not a success', () => {
	it.each([[''], ['   '], [42], [null]])(
		'message_uuid %p: fails, may have been sent, not resent',
		async (uuid) => {
			emulator.failNext({ kind: 'status', status: 202, body: { message_uuid: uuid } });
			const { outputs } = await sendSms({
				emulator,
				authType: 'jwt',
				items: customers(2),
				continueOnFail: true,
				parameters: { options: { concurrency: 1 } },
			});
			expect(emulator.requests).toHaveLength(2);
			expect(outputs[0][0].json).toMatchObject({
				may_have_been_sent: true,
				error: 'Vonage answered 202 without a message_uuid',
			});
			expect(outputs[0][0].json.message_uuid).toBeUndefined();
			expect(outputs[0][1].json.message_uuid).toBe(emulator.accepted[0].message_uuid);
		},
	);
});

describe('characters counted as Vonage counts each field', () => {
	const emoji = '😀';
	it('client_ref: 40 emoji are 40 characters, accepted by the node and the emulator', async () => {
		const ref = emoji.repeat(40);
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'jwt',
			items: [{ to: '447700900000', text: 'hi', ref }],
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.client_ref).toBe(ref);
		expect(emulator.accepted[0].body.client_ref).toBe(ref);
	});

	it('client_ref: 41 emoji are refused as 41 characters', async () => {
		const { error } = await sendSms({
			emulator,
			authType: 'jwt',
			items: [{ to: '447700900000', text: 'hi', ref: emoji.repeat(41) }],
		});
		expect(error!.message).toBe(
			"'Client Reference' in item 0 has 41 characters; Vonage accepts at most 40",
		);
		expect(emulator.requests).toHaveLength(0);
	});

	it('text: 1000 emoji are accepted (1000 characters) and billed as 2000 UCS-2 units in 30 parts', async () => {
		const text = emoji.repeat(1000);
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'basic',
			items: [{ to: '447700900000', text, ref: 'r' }],
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ encoding: 'unicode', characters: 2000, parts: 30 });
		expect(emulator.accepted).toHaveLength(1);
	});

	it('text: 1001 emoji are refused as 1001 characters', async () => {
		const { error } = await sendSms({
			emulator,
			authType: 'basic',
			items: [{ to: '447700900000', text: emoji.repeat(1001), ref: 'r' }],
		});
		expect(error!.message).toBe(
			"'Text' in item 0 has 1001 characters; Vonage accepts at most 1000",
		);
	});

	it('the emulator counts client_ref and text the same way', async () => {
		const post = async (body: object) =>
			await fetch(`${emulator.url}/v0.1/messages`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Basic ${Buffer.from(`${emulator.credentials.apiKey}:${emulator.credentials.apiSecret}`).toString('base64')}`,
				},
				body: JSON.stringify({
					to: { type: 'sms', number: '447700900000' },
					from: { type: 'sms', number: '447700900001' },
					...body,
				}),
			});
		expect(
			(
				await post({
					message: { content: { type: 'text', text: 'hi' } },
					client_ref: emoji.repeat(40),
				})
			).status,
		).toBe(202);
		expect(
			(
				await post({
					message: { content: { type: 'text', text: 'hi' } },
					client_ref: emoji.repeat(41),
				})
			).status,
		).toBe(422);
		expect(
			(await post({ message: { content: { type: 'text', text: emoji.repeat(1000) } } })).status,
		).toBe(202);
		expect(
			(await post({ message: { content: { type: 'text', text: emoji.repeat(1001) } } })).status,
		).toBe(422);
	});
});

describe('private keys as users paste them', () => {
	const pem = () => emulator.credentials.privateKey.trim();
	const pasted: Array<[label: string, transform: (key: string) => string]> = [
		['with literal \\r\\n sequences', (key) => key.replace(/\n/g, '\\r\\n')],
		['with literal \\n sequences', (key) => key.replace(/\n/g, '\\n')],
		['with Windows line endings', (key) => key.replace(/\n/g, '\r\n')],
		[
			'with indented lines',
			(key) =>
				key
					.split('\n')
					.map((line) => `    ${line}`)
					.join('\n'),
		],
		['with its line breaks turned into spaces', (key) => key.replace(/\n/g, ' ')],
		['with its line breaks removed', (key) => key.replace(/\n/g, '')],
	];
	it.each(pasted)('signs with a key pasted %s', async (_label, transform) => {
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(1),
			credential: { privateKey: transform(pem()) },
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.message_uuid).toBe(emulator.accepted[0].message_uuid);
		expect(emulator.accepted[0].auth).toBe('jwt');
	});

	it('explains an encrypted key without echoing any of it', async () => {
		const privateKey = encryptedPrivateKey();
		const { error } = await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(1),
			credential: { privateKey },
		});
		expect(error!.message).toMatch(/private key .* cannot sign/);
		expect((error as NodeOperationError).description).toMatch(
			/encrypted with a passphrase.*Paste the unencrypted private\.key file/,
		);
		expect(emulator.requests).toHaveLength(0);
		const text = JSON.stringify({
			message: error!.message,
			description: (error as NodeOperationError).description,
		});
		const body = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
		expect(body.filter((line) => text.includes(line))).toEqual([]);
		expect(secretsOf(emulator).filter((s) => s.length > 8 && text.includes(s))).toEqual([]);
	});
});

describe.each(AUTH_TYPES)(
	'a redirect is not retried even when retries are allowed (%s)',
	(authType) => {
		it('one request, no follow-up', async () => {
			await withServer(
				(_req, res) => {
					res.writeHead(307, { location: 'https://collector.example.net/v0.1/messages?token=abc' });
					res.end();
				},
				async (server) => {
					const { outputs } = await sendSms({
						emulator,
						authType,
						items: customers(1),
						continueOnFail: true,
						credential: { baseUrl: server.url },
						parameters: { options: { maxRetries: 5 } },
					});
					expect(server.requests).toHaveLength(1);
					expect(outputs[0][0].json.error).toBe(
						'Vonage answered 307 with a redirect to collector.example.net; it was not followed and nothing was sent',
					);
					expect(JSON.stringify(outputs)).not.toContain('token=abc');
				},
			);
		});
	},
);
