// Max Requests per Second applies to the Vonage account, across runs: many executions that each send
// a little, started at once (a reply bot answering a burst of inbound messages), together stay under
// the cap. Each run goes through n8n-core's engine; the emulator throttles like a Vonage account.
import { useEmulator } from '../../../support/emulator-fixture';
import { customers, sendSms } from '../../../support/setup';

const emulator = useEmulator({ latencyMs: 20 });

const throttled = () => emulator.requests.filter((r) => r.status === 429).length;

// The emulator allows 10 per second; the node's cap is 8, a margin of two slots (200 ms) for event-loop
// delays on a loaded machine, where a request can leave late and reach the emulator close to the next.
// Without one limit per account the 40 (or 30) runs start together and most of them draw a 429.
const CAP = 8;

describe('one rate limit per Vonage account across runs', () => {
	it('keeps 40 concurrent runs of one account under its cap: no 429, every message sent once', async () => {
		emulator.configure({ rateLimitPerSecond: 10 });
		const runs = await Promise.all(
			Array.from(
				{ length: 40 },
				async (_, run) =>
					await sendSms({
						emulator,
						authType: 'jwt',
						items: customers(1, run),
						parameters: { options: { maxPerSecond: CAP } },
					}),
			),
		);
		expect(runs.map((r) => r.error)).toEqual(runs.map(() => undefined));
		expect(throttled()).toBe(0);
		expect(emulator.accepted).toHaveLength(40);
		expect(
			new Set(emulator.accepted.map((m) => (m.body as { client_ref: string }).client_ref)).size,
		).toBe(40);
	});

	it('counts runs of both auth types of the same account together', async () => {
		emulator.configure({ rateLimitPerSecond: 10 });
		await Promise.all(
			Array.from(
				{ length: 30 },
				async (_, run) =>
					await sendSms({
						emulator,
						authType: run % 2 === 0 ? 'jwt' : 'basic',
						items: customers(1, run),
						parameters: { options: { maxPerSecond: CAP } },
					}),
			),
		);
		expect(throttled()).toBe(0);
		expect(emulator.accepted).toHaveLength(30);
	});

	// Issue 16 item 12: a JWT credential that leaves the API key empty, a Basic one with the key, and
	// one whose Base URL is written in capitals all send for one account, so they share one window.
	it('counts the same account written three ways together: JWT without its key, Basic, the URL in capitals', async () => {
		emulator.configure({ rateLimitPerSecond: 10 });
		// A credential with both the key and the application tells the node which key the application has.
		await sendSms({ emulator, authType: 'jwt', items: customers(1, 99) });
		emulator.reset();
		emulator.configure({ rateLimitPerSecond: 10 });
		const ways = [
			{ authType: 'jwt' as const, credential: { apiKey: '' } },
			{ authType: 'basic' as const, credential: {} },
			{ authType: 'basic' as const, credential: { baseUrl: emulator.url.toUpperCase() } },
		];
		await Promise.all(
			Array.from(
				{ length: 30 },
				async (_, run) =>
					await sendSms({
						emulator,
						...ways[run % ways.length],
						items: customers(1, run),
						parameters: { options: { maxPerSecond: CAP } },
					}),
			),
		);
		expect(throttled()).toBe(0);
		expect(emulator.accepted).toHaveLength(30);
	});

	it('gives each account its own limit', async () => {
		// The emulator is one account; two credentials with different API keys stand for two accounts,
		// so together they go past the emulator's limit of 10 while each keeps its own cap of 10.
		emulator.configure({ rateLimitPerSecond: 10 });
		const account = (apiKey: string) => async (_: unknown, run: number) =>
			await sendSms({
				emulator,
				authType: 'jwt',
				items: customers(1, run + (apiKey === 'other' ? 100 : 0)),
				credential: { apiKey },
				parameters: { options: { maxPerSecond: 10, maxRetries: 5 } },
			});
		await Promise.all([
			...Array.from({ length: 10 }, account(emulator.credentials.apiKey)),
			...Array.from({ length: 10 }, account('other')),
		]);
		expect(throttled()).toBeGreaterThan(0);
		expect(emulator.accepted).toHaveLength(20);
	});
});
