/**
 * `npm run bench [-- --items 2000 --latency 100 --baseline-items 2000]`
 * Sends items through the Vonage Messages node (n8n-core's engine, real HTTP) to the emulator with added
 * latency and prints throughput beside the ideal, min(concurrency / latency, per-second cap), and beside a
 * one-at-a-time loop measured in the same run. Also proves each message arrived exactly once.
 */
import { parseArgs } from 'node:util';

import { startEmulator, type Emulator } from '../emulator';
import { customers, sendSms } from '../support/setup';

const { values } = parseArgs({
	options: {
		items: { type: 'string', default: '2000' },
		latency: { type: 'string', default: '100' },
		'baseline-items': { type: 'string', default: '2000' },
	},
});
const items = Number(values.items);
const latencyMs = Number(values.latency);
const baselineItems = Number(values['baseline-items']);

interface Row {
	label: string;
	items: number;
	seconds: number;
	perSecond: number;
	ideal: number;
}

async function measure(emulator: Emulator, label: string, count: number, concurrency: number, maxPerSecond: number): Promise<Row> {
	emulator.reset();
	const started = process.hrtime.bigint();
	const { outputs, error } = await sendSms({
		emulator,
		authType: 'jwt',
		items: customers(count),
		parameters: { options: { concurrency, maxPerSecond } },
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (error) throw error;
	const refs = new Set(emulator.accepted.map((m) => m.body.client_ref));
	if (outputs[0].length !== count || emulator.accepted.length !== count || refs.size !== count) {
		throw new Error(`${label}: ${emulator.accepted.length} accepted, ${refs.size} distinct, ${outputs[0].length} outputs for ${count} items`);
	}
	const ideal = Math.min(concurrency / (latencyMs / 1000), maxPerSecond);
	return { label, items: count, seconds, perSecond: count / seconds, ideal };
}

async function main() {
	const emulator = await startEmulator({ latencyMs });
	console.log(`Vonage Messages node -> emulator with ${latencyMs} ms latency (JWT auth, every message checked exactly once)\n`);
	const rows: Row[] = [];
	try {
		rows.push(await measure(emulator, 'one at a time (baseline)', baselineItems, 1, 1_000_000));
		rows.push(await measure(emulator, 'defaults: 10 parallel, 30/s cap', items, 10, 30));
		rows.push(await measure(emulator, '10 parallel, no practical cap', items, 10, 1_000_000));
	} finally {
		await emulator.close();
	}
	const baseline = rows[0].perSecond;
	console.log('run                              items   seconds   msg/s   ideal   of ideal   vs baseline');
	for (const r of rows) {
		console.log(
			`${r.label.padEnd(32)} ${String(r.items).padStart(5)} ${r.seconds.toFixed(1).padStart(9)} ${r.perSecond.toFixed(1).padStart(7)} ${r.ideal.toFixed(1).padStart(7)} ${((100 * r.perSecond) / r.ideal).toFixed(1).padStart(9)}% ${(r.perSecond / baseline).toFixed(2).padStart(12)}x`,
		);
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
