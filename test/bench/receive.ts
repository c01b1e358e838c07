// `npm run bench -- receive`: signed status events posted to real n8n, `concurrency` at a time.
// Baseline in the same run: n8n's Webhook node with Header Auth (a credential read per request) on
// the same server; each variant is measured round-robin, best of `rounds`. A round ends when the last
// execution it started has finished (its stoppedAt), so the figure covers the whole work an event
// causes; n8n's CPU per event comes from /proc for its main process.
import * as crypto from 'node:crypto';

import { VonageMessagesStatusTrigger } from '../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { signWebhook } from '../e2e/emulator-client';
import { STATUS_TRIGGER, webhookNode } from '../e2e/workflows';
import type { BenchN8n } from './n8n';
import { printSummary, profiledPid, startProfile, stopProfile, summarise } from './profile';
import { pool, printTable, processCpuMs, ratio, type Cell } from './report';

export interface ReceiveOptions {
	events: number;
	concurrency: number;
	rounds: number;
	profile: boolean;
	/** Keys of the variants to measure (the Header Auth baseline always is). Default: all. */
	variants?: string[];
}

interface Variant {
	key: string;
	label: string;
	workflowId: string;
	url: string;
	/** Headers for an event body (signature or header auth). */
	headers(body: string): Record<string, string>;
	/** The events of round `round` (index i). */
	event(round: number, i: number): Record<string, unknown>;
}

interface Round {
	perSecond: number;
	cpuMsPerEvent?: number;
	executions: number;
	non200: number;
}

/** The trigger's version for new nodes (defaultVersion), read from the package itself. */
const triggerVersion = () =>
	Number(new VonageMessagesStatusTrigger().description.defaultVersion ?? 1);

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function statusEvent(id: string, status: string): Record<string, unknown> {
	return {
		message_uuid: id,
		to: { type: 'sms', number: '447700900123' },
		from: { type: 'sms', number: '447700900001' },
		timestamp: new Date().toISOString(),
		status,
		usage: { currency: 'EUR', price: '0.0333' },
		client_ref: `bench-${id.slice(0, 8)}`,
	};
}

function trigger(
	name: string,
	credential: { id: string; name: string },
	options: Record<string, unknown>,
	typeVersion: number,
) {
	const webhookId = crypto.randomUUID();
	return {
		webhookId,
		workflow: {
			name,
			nodes: [
				{
					parameters: { registration: 'manual', options },
					name: 'Message Status',
					type: STATUS_TRIGGER,
					typeVersion,
					position: [0, 0],
					webhookId,
					credentials: { vonageMessagesApi: credential },
				},
				{
					parameters: {},
					name: 'Done',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [240, 0],
				},
			],
			connections: { 'Message Status': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

function webhookWorkflow(name: string, path: string, auth?: { id: string; name: string }) {
	return {
		name,
		nodes: [
			webhookNode(
				path,
				{
					authentication: auth ? 'headerAuth' : 'none',
					responseMode: 'onReceived',
					responseData: undefined,
				},
				auth ? { credentials: { httpHeaderAuth: auth } } : {},
			),
			{
				parameters: {},
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
			},
		],
		connections: { Webhook: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function setUp(bench: BenchN8n): Promise<Variant[]> {
	const { n8n } = bench;
	const secret = bench.emulator.credentials.signatureSecret;
	const headerValue = crypto.randomBytes(16).toString('hex');
	const headerAuth = { id: '', name: 'bench header auth' };
	headerAuth.id = await n8n.createCredential({
		name: headerAuth.name,
		type: 'httpHeaderAuth',
		data: { name: 'X-Bench-Auth', value: headerValue },
	});
	const signed = await bench.vonage('jwt', {}, 'bench signed');
	const unsigned = await bench.vonage('jwt', { signatureSecret: '' }, 'bench no signature secret');
	const run = crypto.randomUUID().slice(0, 8);
	const fresh = (status: string) => () => statusEvent(crypto.randomUUID(), status);

	const variants: Variant[] = [];
	const addWebhook = async (key: string, label: string, auth: boolean) => {
		const path = `bench-${key}-${run}`;
		const workflow = await bench.publish(
			webhookWorkflow(`bench ${label}`, path, auth ? headerAuth : undefined),
		);
		variants.push({
			key,
			label,
			workflowId: workflow.id,
			url: n8n.webhookUrl(path),
			headers: (): Record<string, string> => (auth ? { 'x-bench-auth': headerValue } : {}),
			event: fresh('delivered'),
		});
	};
	const TRIGGER_VERSION = triggerVersion();
	const addTrigger = async (
		key: string,
		label: string,
		options: Record<string, unknown>,
		status = 'delivered',
		typeVersion = TRIGGER_VERSION,
	) => {
		const nodeOptions = options.noSecret ? { ignoreDuplicates: false } : options;
		const { webhookId, workflow: input } = trigger(
			`bench ${label}`,
			options.noSecret ? unsigned : signed,
			nodeOptions,
			typeVersion,
		);
		const workflow = await bench.publish(input);
		variants.push({
			key,
			label,
			workflowId: workflow.id,
			url: n8n.webhookUrl(`${webhookId}/status`),
			headers: (body): Record<string, string> =>
				options.noSecret ? {} : { authorization: `Bearer ${signWebhook(body, secret)}` },
			event: fresh(status),
		});
	};
	await addWebhook('webhook', "n8n's Webhook node, no authentication", false);
	await addWebhook('header', "n8n's Webhook node, Header Auth (baseline)", true);
	await addTrigger('status', `Status Trigger, defaults (v${TRIGGER_VERSION})`, {});
	if (TRIGGER_VERSION !== 1)
		await addTrigger('v1', 'Status Trigger, defaults, node version 1', {}, 'delivered', 1);
	await addTrigger('nodup', 'Status Trigger, Ignore Duplicates off', { ignoreDuplicates: false });
	await addTrigger('nosecret', 'the same, no signature secret', { noSecret: true });
	await addTrigger(
		'filtered',
		'dropped: status not selected',
		{ statuses: ['delivered'] },
		'submitted',
	);
	await addTrigger('duplicate', 'dropped: duplicate (defaults)', {});

	// The duplicate variant sends the same events every round; the warm-up round sends them first.
	const duplicate = variants.find((v) => v.key === 'duplicate')!;
	const ids: string[] = [];
	duplicate.event = (_round, i) => statusEvent((ids[i] ??= crypto.randomUUID()), 'delivered');
	return variants;
}

async function post(variant: Variant, body: string): Promise<number> {
	const res = await fetch(variant.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...variant.headers(body) },
		body,
	});
	await res.arrayBuffer();
	return res.status;
}

/**
 * Waits until n8n's main process is idle (under 15 ms of CPU in 250 ms), so every execution the
 * round started has run, without asking n8n anything while it works.
 */
async function settled(pid: number | undefined): Promise<void> {
	let before = processCpuMs(pid);
	if (before === undefined) {
		await sleep(3000);
		return;
	}
	for (;;) {
		await sleep(250);
		const now = processCpuMs(pid)!;
		if (now - before < 15) return;
		before = now;
	}
}

/** Executions of the workflow started at or after `since`, and when the last of them stopped. */
async function executionsSince(
	bench: BenchN8n,
	workflowId: string,
	since: number,
): Promise<{ count: number; running: number; lastStop: number }> {
	const executions = (
		await bench.n8n.listExecutions({ workflowId, includeData: false, limit: 250 })
	).filter((e) => Date.parse(e.startedAt) >= since - 5);
	const done = executions.filter(
		(e) => e.stoppedAt !== null && e.status !== 'running' && e.status !== 'new',
	);
	return {
		count: executions.length,
		running: executions.length - done.length,
		lastStop: Math.max(0, ...done.map((e) => Date.parse(e.stoppedAt!))),
	};
}

async function runRound(
	bench: BenchN8n,
	variant: Variant,
	round: number,
	options: ReceiveOptions,
	pid?: number,
): Promise<Round> {
	const bodies = Array.from({ length: options.events }, (_, i) =>
		JSON.stringify(variant.event(round, i)),
	);
	const cpuBefore = processCpuMs(pid);
	const started = Date.now();
	let non200 = 0;
	await pool(options.events, options.concurrency, async (i) => {
		if ((await post(variant, bodies[i])) !== 200) non200++;
	});
	const lastAnswer = Date.now();
	await settled(pid);
	const cpuAfter = processCpuMs(pid);
	let found = await executionsSince(bench, variant.workflowId, started);
	while (found.running > 0) {
		await sleep(250);
		found = await executionsSince(bench, variant.workflowId, started);
	}
	const end = Math.max(lastAnswer, found.lastStop);
	const executions = found.count;
	return {
		perSecond: options.events / ((end - started) / 1000),
		cpuMsPerEvent:
			cpuBefore !== undefined && cpuAfter !== undefined
				? (cpuAfter - cpuBefore) / options.events
				: undefined,
		executions,
		non200,
	};
}

export async function benchReceive(bench: BenchN8n, options: ReceiveOptions): Promise<void> {
	const variants = (await setUp(bench)).filter(
		(v) => !options.variants || v.key === 'header' || options.variants.includes(v.key),
	);
	const pid = profiledPid(bench.dir) ?? bench.mainPid;
	// Warm-up (webhook registration, code paths, the duplicate variant's first sighting); not measured.
	for (const variant of variants) {
		await bench.n8n
			.callWebhook(
				variant.url.replace(/^.*\/webhook\//, ''),
				{},
				{ headers: variant.headers('{}') },
			)
			.catch(() => undefined);
		// the duplicate variant's warm-up sends the events its rounds repeat
		await runRound(
			bench,
			variant,
			0,
			{ ...options, events: variant.key === 'duplicate' ? options.events : 10 },
			pid,
		);
	}
	const results = new Map<string, Round[]>(variants.map((v) => [v.key, []]));
	for (let round = 1; round <= options.rounds; round++) {
		for (const variant of variants) {
			const result = await runRound(bench, variant, round, options, pid);
			results.get(variant.key)!.push(result);
			console.log(
				`  round ${round}: ${variant.label}: ${result.perSecond.toFixed(1)} events/s, ${result.cpuMsPerEvent?.toFixed(2) ?? '-'} CPU ms/event`,
			);
		}
	}
	const best = (key: string) => {
		const rounds = results.get(key)!;
		const cpu = rounds.map((r) => r.cpuMsPerEvent).filter((c): c is number => c !== undefined);
		return {
			perSecond: Math.max(...rounds.map((r) => r.perSecond)),
			cpu: cpu.length > 0 ? Math.min(...cpu) : undefined,
			executions: Math.max(...rounds.map((r) => r.executions)),
			non200: Math.max(...rounds.map((r) => r.non200)),
		};
	};
	const baseline = best('header');
	const rows: Cell[][] = variants.map((v) => {
		const b = best(v.key);
		return [
			v.label,
			b.perSecond,
			ratio(b.perSecond, baseline.perSecond),
			b.cpu,
			ratio(b.cpu, baseline.cpu),
			b.executions,
			b.non200,
		];
	});
	printTable(
		`receive: real n8n (regular mode), ${options.events} signed status events per round, ${options.concurrency} at a time, best of ${options.rounds}; CPU = n8n main process`,
		[
			'receiver',
			'events/s',
			'vs Header Auth',
			'CPU ms/event',
			'CPU vs Header Auth',
			'executions',
			'non-200',
		],
		rows,
		[0, 1, 0, 2, 0, 0, 0],
	);

	if (options.profile) {
		for (const variant of variants.filter((v) =>
			['header', 'status', 'nosecret', 'filtered', 'duplicate'].includes(v.key),
		)) {
			await startProfile(bench.dir);
			await runRound(bench, variant, options.rounds + 1, options, pid);
			const file = await stopProfile(bench.dir);
			printSummary(`${variant.label} (${file})`, summarise(file), options.events);
		}
	}
}
