// `npm run bench -- limit`: the reply bot (Inbound Message Trigger -> Send SMS back, default options,
// so the default cap of 30/s) in real n8n, started by `inbound` messages arriving at once from the
// emulator, whose Messages API throttles above 30 sends per rolling second like a default Vonage
// account. Every execution sends one message; the figure is how many sends Vonage answered with 429
// (the shared limit wants 0).
import { waitFor } from '../e2e/n8n/proc';
import { replyWorkflow } from '../e2e/workflows';
import { startEmulator as startInProcessEmulator } from '../emulator';
import { customers, sendSms } from '../support/setup';
import type { BenchN8n } from './n8n';
import { printTable, type Cell } from './report';

export const VONAGE_DEFAULT_LIMIT = 30;

interface EmulatorState {
	accepted: Array<{ body: { client_ref?: string } }>;
	requests: Array<{ status: unknown }>;
}

export async function benchSharedLimit(
	bench: BenchN8n,
	options: { inbound: number },
): Promise<void> {
	const credential = await bench.vonage('jwt', {}, 'bench reply bot');
	const workflow = await bench.publish(replyWorkflow('bench reply bot', credential));
	// Publishing returns before the trigger has registered its URL on the application.
	await waitFor(
		"the reply bot's inbound URL on the application",
		async () => {
			const state = (await (await fetch(`${bench.emulator.url}/_emulator/state`)).json()) as {
				application?: any;
			};
			const address: unknown =
				state.application?.capabilities?.messages?.webhooks?.inbound_url?.address;
			return typeof address === 'string' && address.startsWith(bench.n8n.webhookBaseUrl)
				? true
				: undefined;
		},
		60_000,
		250,
	);
	await fetch(`${bench.emulator.url}/_emulator/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rateLimitPerSecond: VONAGE_DEFAULT_LIMIT }),
	});
	const before = (await (
		await fetch(`${bench.emulator.url}/_emulator/state`)
	).json()) as EmulatorState;
	const started = Date.now();
	await Promise.all(
		Array.from({ length: options.inbound }, async (_, i) => {
			const res = await fetch(`${bench.emulator.url}/_emulator/inbound`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					from: `4477009${String(10000 + i)}`,
					to: '447700900001',
					text: `Is order ${i} ready?`,
				}),
			});
			await res.arrayBuffer();
		}),
	);
	const executions = await bench.n8n.waitForExecutions(workflow.id, options.inbound, 180_000);
	const seconds = (Date.now() - started) / 1000;
	const state = (await (
		await fetch(`${bench.emulator.url}/_emulator/state`)
	).json()) as EmulatorState;
	const requests = state.requests.slice(before.requests.length);
	const throttled = requests.filter((r) => r.status === 429).length;
	const replies = state.accepted
		.slice(before.accepted.length)
		.filter((m) => m.body.client_ref?.startsWith('reply-')).length;
	const failed = executions.filter((e) => e.status !== 'success').length;
	printTable(
		`shared limit: reply bot in real n8n, ${options.inbound} inbound messages at once, Send SMS with default options (${VONAGE_DEFAULT_LIMIT}/s), emulator throttles above ${VONAGE_DEFAULT_LIMIT}/s`,
		[
			'run',
			'executions',
			'failed',
			'replies accepted',
			'send requests',
			'429 answers',
			'seconds',
			'ideal seconds',
		],
		[
			[
				'reply bot',
				executions.length,
				failed,
				replies,
				requests.length,
				throttled,
				seconds,
				options.inbound / VONAGE_DEFAULT_LIMIT,
			],
		],
		[0, 0, 0, 0, 0, 0, 1, 1],
	);
}

/**
 * The same burst through n8n-core's engine (no n8n server, so no webhook handling to spread it out):
 * `runs` executions of Send SMS started at once, one message each, default options, against the
 * emulator throttling at 30/s. Baseline in the same run: the same runs, each with a credential of its
 * own API key, so that each has its own limit, as every run had before the limit was shared.
 */
export async function benchSharedLimitEngine(options: { runs: number }): Promise<void> {
	const emulator = await startInProcessEmulator({
		latencyMs: 50,
		rateLimitPerSecond: VONAGE_DEFAULT_LIMIT,
	});
	const rows: Cell[][] = [];
	try {
		for (const [label, shared] of [
			['one limit per run (baseline)', false],
			['one limit per account', true],
		] as const) {
			emulator.reset();
			emulator.configure({ rateLimitPerSecond: VONAGE_DEFAULT_LIMIT });
			const started = Date.now();
			const results = await Promise.all(
				Array.from(
					{ length: options.runs },
					async (_, run) =>
						await sendSms({
							emulator,
							authType: 'jwt',
							items: customers(1, run),
							credential: shared ? {} : { apiKey: `run-${label.length}-${run}` },
						}),
				),
			);
			const failed = results.filter((r) => r.error).length;
			const throttled = emulator.requests.filter((r) => r.status === 429).length;
			rows.push([
				label,
				options.runs,
				failed,
				emulator.accepted.length,
				emulator.requests.length,
				throttled,
				(Date.now() - started) / 1000,
				options.runs / VONAGE_DEFAULT_LIMIT,
			]);
		}
	} finally {
		await emulator.close();
	}
	printTable(
		`shared limit (engine): ${options.runs} Send SMS runs started at once, one message each, default options (${VONAGE_DEFAULT_LIMIT}/s), emulator throttles above ${VONAGE_DEFAULT_LIMIT}/s`,
		[
			'run',
			'runs',
			'failed',
			'accepted',
			'send requests',
			'429 answers',
			'seconds',
			'ideal seconds',
		],
		rows,
		[0, 0, 0, 0, 0, 0, 1, 1],
	);
}
