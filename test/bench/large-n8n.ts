// `npm run bench -- large-n8n`: the large send in a real n8n (the pinned runtime, started like the e2e
// suite, regular mode, default settings: execution data saved, log level info). A production webhook
// answers at once and starts Code (N items) -> Send SMS (fixed parameters, JWT, 50 parallel, cap off)
// against the emulator in its own process answering after --latency ms. Figures: seconds from the
// webhook call until the execution is recorded as finished (n8n saving 2 x N items included), and the
// peak resident memory of n8n's main process over its level before the run (VmRSS sampled every 200 ms
// from /proc, and the kernel's high-water mark VmHWM). Runs one size after another on one n8n.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';

import { waitFor } from '../e2e/n8n/proc';
import { SEND_NODE, credentials, webhookNode } from '../e2e/workflows';
import type { BenchN8n } from './n8n';
import { printTable, ratio, seconds, type Cell } from './report';

const MB = 1024;

/** VmRSS and VmHWM of `pid` in MB, from /proc (kB there). */
function memoryOf(pid: number): { rss: number; hwm: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
	return { rss: kb('VmRSS') / MB, hwm: kb('VmHWM') / MB };
}

function largeWorkflow(path: string, credential: { id: string; name: string }) {
	return {
		name: `bench large ${path}`,
		nodes: [
			webhookNode(path, { responseMode: 'onReceived', responseData: undefined }),
			{
				parameters: {
					jsCode:
						'return Array.from({ length: $input.first().json.body.count }, (_, i) => ({ json: { i } }));',
				},
				name: 'Make Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				parameters: {
					resource: 'sms',
					operation: 'send',
					from: '447700900001',
					to: '447700900002',
					text: 'Your order has shipped',
					clientRef: 'order-fixed',
					options: { concurrency: 50, maxPerSecond: 1000 },
				},
				name: 'Send SMS',
				type: SEND_NODE,
				typeVersion: 1,
				position: [440, 0],
				credentials: credentials(credential),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

interface Measured {
	items: number;
	seconds: number;
	status: string;
	accepted: number;
	baseRss: number;
	peakRss: number;
	hwm: number;
	load: [number, number];
}

async function acceptedCount(url: string): Promise<number> {
	const state = (await (await fetch(`${url}/_emulator/state`)).json()) as { accepted: unknown[] };
	return state.accepted.length;
}

export async function benchLargeN8n(
	bench: BenchN8n,
	options: { latencyMs: number; sizes: number[]; timeoutMs: number },
): Promise<void> {
	const pid = bench.mainPid;
	if (pid === undefined) throw new Error("large-n8n: n8n's main process id is unknown");
	const credential = await bench.vonage('jwt', {}, 'bench large');
	const path = `bench-large-${crypto.randomUUID().slice(0, 8)}`;
	const workflow = await bench.publish(largeWorkflow(path, credential));
	const control = async (route: string, body: unknown = {}) =>
		await fetch(`${bench.emulator.url}/_emulator/${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	const rows: Measured[] = [];
	for (const count of options.sizes) {
		await control('reset');
		await control('config', { latencyMs: options.latencyMs });
		const done = new Set(
			(await bench.n8n.listExecutions({ workflowId: workflow.id, includeData: false })).map(
				(e) => e.id,
			),
		);
		const base = memoryOf(pid);
		let peakRss = base.rss;
		const sampler = setInterval(() => {
			try {
				peakRss = Math.max(peakRss, memoryOf(pid).rss);
			} catch {
				// n8n exited; the wait below reports it
			}
		}, 200);
		const loadBefore = os.loadavg()[0];
		const started = process.hrtime.bigint();
		let status = 'timeout';
		try {
			const answer = await bench.n8n.callWebhook(path, { count });
			if (answer.status !== 200)
				throw new Error(`webhook answered ${answer.status}: ${answer.text}`);
			const execution = await waitFor(
				`the ${count}-item execution to finish`,
				async () =>
					(await bench.n8n.listExecutions({ workflowId: workflow.id, includeData: false })).find(
						(e) =>
							!done.has(e.id) && e.stoppedAt !== null && !['running', 'new'].includes(e.status),
					),
				options.timeoutMs,
				1000,
			);
			status = execution.status;
		} finally {
			clearInterval(sampler);
		}
		const elapsed = seconds(started);
		rows.push({
			items: count,
			seconds: elapsed,
			status,
			accepted: await acceptedCount(bench.emulator.url),
			baseRss: base.rss,
			peakRss,
			hwm: memoryOf(pid).hwm,
			load: [loadBefore, os.loadavg()[0]],
		});
	}
	const first = rows[0];
	const table: Cell[][] = rows.map((r) => [
		`${r.items} items`,
		r.status,
		r.accepted,
		r.seconds,
		r.items / r.seconds,
		ratio(r.seconds, first.seconds),
		r.baseRss,
		r.peakRss - r.baseRss,
		ratio(r.peakRss - r.baseRss, first.peakRss - first.baseRss),
		r.hwm,
		`${r.load[0].toFixed(1)}-${r.load[1].toFixed(1)}`,
	]);
	printTable(
		`large-n8n: real n8n (regular mode), Webhook -> Code (N items) -> Send SMS, JWT, fixed parameters, 50 parallel, cap off, ${options.latencyMs} ms latency`,
		[
			'run',
			'status',
			'accepted',
			'seconds',
			'msg/s',
			'time vs first',
			'RSS before MB',
			'peak RSS +MB',
			'vs first',
			'VmHWM MB',
			'load',
		],
		table,
		[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
	);
	console.log(
		"seconds: webhook call to the execution recorded as finished (n8n saves the items). RSS: n8n's main process only (the Code node's task runner is another process), sampled every 200 ms; VmHWM: its high-water mark since n8n started.",
	);
}
