/**
 * `npm run bench [-- send|receive|limit ...] [options]`: throughput figures, each beside a baseline
 * measured in the same run. No part asserts a time; each checks that every message or event was
 * handled exactly as the product promises and prints what it measured. Parts (default: all):
 *
 *   send     Send SMS through n8n-core's engine to the emulator with latency: one-at-a-time loop,
 *            10 and 50 parallel with the cap off (items mapped by expressions, and fixed parameters),
 *            beside the ideal (concurrency / latency) and plain HTTP (Basic, and a JWT per request), and the
 *            node with Basic (CPU per message of JWT vs Basic: five rounds each in turns, best round);
 *            checking and sending apart; CPU per message of this process and of the emulator.
 *            --latency MS (100)  --items N (500; 50 parallel sends 5 x N)  --loop-items N (50)
 *   large    one send of 10 000 and one of 100 000 items (fixed parameters, JWT, 50 parallel, cap off)
 *            through n8n-core's engine: time and peak memory, and what is left after the run.
 *            --sizes N,N (10000,100000)  --latency MS (100)
 *   large-n8n  the same in a real n8n (Webhook -> Code making N items -> Send SMS): seconds until the
 *            execution is recorded as finished, and peak RSS of n8n's main process.
 *            --sizes N,N (10000,100000)  --latency MS (100)  --timeout-minutes N (30)
 *   receive  signed status events into real n8n: n8n's Webhook node with Header Auth (baseline) vs
 *            the Status Trigger with defaults and variants, and events it drops without an execution.
 *            --events N (100)  --concurrency N (20)  --rounds N (3)  --profile (CPU profiles of n8n)
 *            --variants webhook,header,status,v1,nodup,nosecret,filtered,duplicate (default: all; header always)
 *   limit    N (--inbound, 100) Send SMS runs started at once through n8n-core's engine, one limit per
 *            run (baseline) vs one per account; then the reply bot in real n8n started by N inbound
 *            messages at once: 429s from an emulator that throttles like a default account (30/s).
 *   --skip-build  use dist/ as it is (receive, limit)
 *   --n8n-env KEY=VALUE  extra environment for n8n (repeatable), e.g. N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
 *
 * Real n8n is the pinned runtime (N8N_RUNTIME_DIR, as for the e2e suite), started like the e2e suite.
 */
import './resolve-ts-first';

import { parseArgs } from 'node:util';
import * as os from 'node:os';

import { stopAll, stopAllOnSignals } from '../e2e/n8n/proc';
import { benchSharedLimit, benchSharedLimitEngine } from './limit';
import { startBenchN8n, type BenchN8n } from './n8n';
import { benchReceive } from './receive';
import { benchLarge } from './large';
import { benchLargeN8n } from './large-n8n';
import { benchSend } from './send';

const PARTS = ['send', 'large', 'large-n8n', 'receive', 'limit'] as const;

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		latency: { type: 'string', default: '100' },
		items: { type: 'string', default: '500' },
		'loop-items': { type: 'string', default: '50' },
		events: { type: 'string', default: '100' },
		concurrency: { type: 'string', default: '20' },
		rounds: { type: 'string', default: '3' },
		inbound: { type: 'string', default: '100' },
		sizes: { type: 'string', default: '10000,100000' },
		'timeout-minutes': { type: 'string', default: '30' },
		profile: { type: 'boolean', default: false },
		variants: { type: 'string' },
		'skip-build': { type: 'boolean', default: false },
		'n8n-env': { type: 'string', multiple: true, default: [] },
	},
});

async function main(): Promise<void> {
	const unknown = positionals.filter((p) => !(PARTS as readonly string[]).includes(p));
	if (unknown.length > 0)
		throw new Error(`unknown part(s) ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
	const parts = positionals.length > 0 ? positionals : [...PARTS];
	console.log(
		`bench: ${parts.join(', ')} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
	);
	stopAllOnSignals();

	if (parts.includes('send')) {
		await benchSend({
			latencyMs: Number(values.latency),
			items: Number(values.items),
			loopItems: Number(values['loop-items']),
			profile: values.profile,
		});
	}
	if (parts.includes('large'))
		await benchLarge({
			latencyMs: Number(values.latency),
			sizes: (values.sizes ?? '').split(',').map(Number),
		});
	if (parts.includes('limit')) await benchSharedLimitEngine({ runs: Number(values.inbound) });
	const inN8n = ['receive', 'limit', 'large-n8n'];
	if (parts.some((part) => inN8n.includes(part))) {
		const env = Object.fromEntries(
			(values['n8n-env'] ?? []).map((pair) => [
				pair.slice(0, pair.indexOf('=')),
				pair.slice(pair.indexOf('=') + 1),
			]),
		);
		if (Object.keys(env).length > 0) console.log(`n8n environment: ${JSON.stringify(env)}`);
		const bench: BenchN8n = await startBenchN8n({
			skipBuild: values['skip-build'],
			profile: values.profile,
			env,
		});
		try {
			if (parts.includes('receive')) {
				await benchReceive(bench, {
					events: Number(values.events),
					concurrency: Number(values.concurrency),
					rounds: Number(values.rounds),
					profile: values.profile,
					variants: values.variants?.split(','),
				});
			}
			if (parts.includes('limit'))
				await benchSharedLimit(bench, { inbound: Number(values.inbound) });
			if (parts.includes('large-n8n'))
				await benchLargeN8n(bench, {
					latencyMs: Number(values.latency),
					sizes: (values.sizes ?? '').split(',').map(Number),
					timeoutMs: Number(values['timeout-minutes']) * 60_000,
				});
		} finally {
			await bench.stop();
		}
	}
}

main()
	.catch(async (error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		await stopAll();
		process.exitCode = 1;
	})
	.finally(() => {
		// keep-alive sockets must not keep the process alive
		setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
	});
