// `npm run bench -- large`: one long send of 10 000 and one of 100 000 items (fixed parameters, JWT, cap
// off, 50 parallel) through n8n-core's engine in this process, against the emulator in its own process
// answering after --latency ms (the same send in a real n8n: large-n8n.ts). Figures: time, and peak
// memory of this process over its level before the run (sampled every 100 ms); after the run, with a
// forced GC, what is left over that level, and how many account windows and cached tokens remain
// (nothing per item may stay).
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../nodes/VonageMessages/VonageMessages.node';
import { accountWindowCount } from '../../nodes/VonageMessages/sending/accountLimits';
import { cachedTokenCount } from '../../nodes/shared/api/tokenCache';
import { startEmulator, vonageCredentialData } from '../e2e/emulator-process';
import { DEV_DIR } from '../e2e/n8n/paths';
import { freePort } from '../e2e/n8n/proc';
import { runNode } from '../harness';
import { SMS_DEFAULTS, customers } from '../support/setup';
import { ratio, printTable, seconds, type Cell } from './report';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const MB = 1024 * 1024;

function settledMemory(): { rss: number; heap: number } {
	gc();
	gc();
	const { rss, heapUsed } = process.memoryUsage();
	return { rss: rss / MB, heap: heapUsed / MB };
}

/** How many messages the emulator accepted (its state is read here, so none of it stays in this process). */
async function acceptedCount(url: string): Promise<number> {
	const state = (await (await fetch(`${url}/_emulator/state`)).json()) as { accepted: unknown[] };
	return state.accepted.length;
}

interface Large {
	items: number;
	seconds: number;
	peakRssMb: number;
	peakHeapMb: number;
	leftHeapMb: number;
	windows: number;
	tokens: number;
	/** The machine's 1-minute load average when the run started and when it ended. */
	load: [number, number];
}

export async function benchLarge(options: { latencyMs: number; sizes: number[] }): Promise<void> {
	const dir = path.join(DEV_DIR, 'bench', 'large');
	const emulator = await startEmulator({
		port: await freePort(),
		statePath: path.join(dir, 'emulator.json'),
		logFile: path.join(dir, 'emulator.log'),
		extraArgs: ['--latency', String(options.latencyMs)],
	});
	const control = async (route: string, body: unknown = {}) =>
		await fetch(`${emulator.url}/_emulator/${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	const rows: Large[] = [];
	try {
		for (const count of options.sizes) {
			await control('reset');
			await control('config', { latencyMs: options.latencyMs });
			const before = settledMemory();
			let peak = { rss: before.rss, heap: before.heap };
			const sampler = setInterval(() => {
				const { rss, heapUsed } = process.memoryUsage();
				peak = { rss: Math.max(peak.rss, rss / MB), heap: Math.max(peak.heap, heapUsed / MB) };
			}, 100);
			const loadBefore = os.loadavg()[0];
			const started = process.hrtime.bigint();
			let outputs: number;
			try {
				const run = await runNode({
					nodeType: new VonageMessages(),
					parameters: {
						...SMS_DEFAULTS,
						to: '447700900002',
						text: 'Your order has shipped',
						clientRef: 'order-fixed',
						options: { concurrency: 50, maxPerSecond: 1000 },
					},
					items: customers(count),
					credentials: { vonageMessagesApi: vonageCredentialData(emulator, 'jwt') },
					credentialTypes: [new VonageMessagesApi()],
					mode: 'trigger',
				});
				if (run.error) throw run.error;
				outputs = run.outputs[0].length;
			} finally {
				clearInterval(sampler);
			}
			const elapsed = seconds(started);
			const accepted = await acceptedCount(emulator.url);
			if (outputs !== count || accepted !== count)
				throw new Error(`${count} items: ${outputs} outputs, ${accepted} accepted`);
			const after = settledMemory();
			rows.push({
				items: count,
				seconds: elapsed,
				peakRssMb: peak.rss - before.rss,
				peakHeapMb: peak.heap - before.heap,
				leftHeapMb: after.heap - before.heap,
				windows: accountWindowCount(),
				tokens: cachedTokenCount(),
				load: [loadBefore, os.loadavg()[0]],
			});
		}
	} finally {
		await emulator.stop();
	}
	const base = rows[0];
	const table: Cell[][] = rows.map((r) => [
		`${r.items} items`,
		r.seconds,
		r.items / r.seconds,
		ratio(r.seconds, base.seconds),
		r.peakRssMb,
		ratio(r.peakRssMb, base.peakRssMb),
		r.peakHeapMb,
		ratio(r.peakHeapMb, base.peakHeapMb),
		r.leftHeapMb,
		r.windows,
		r.tokens,
		`${r.load[0].toFixed(1)}-${r.load[1].toFixed(1)}`,
	]);
	printTable(
		`large: Send SMS node (engine harness) -> emulator, JWT, fixed parameters, 50 parallel, cap off, ${options.latencyMs} ms latency, every message accepted once`,
		[
			'run',
			'seconds',
			'msg/s',
			'time vs first',
			'peak RSS +MB',
			'vs first',
			'peak heap +MB',
			'vs first',
			'heap left +MB',
			'account windows',
			'cached tokens',
			'load',
		],
		table,
		[0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
	);
	console.log(
		'peak: over the level before the run, sampled every 100 ms, this process only (engine, items, node). heap left: after the run and a forced GC. The emulator runs on the same 2 cores. load: the 1-minute load average at the start and end of the run.',
	);
}
