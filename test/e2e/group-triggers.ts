// What the "groups:" scenarios (scenarios-groups.ts) share: Inbound Trigger workflows on one application,
// published and unpublished one at a time with what each step leaves on the application awaited, signed
// inbound messages posted through the emulator, and which workflow started for which message.
import * as assert from 'node:assert/strict';

import { isServed, waitFor } from './n8n/proc';
import type { Execution, Workflow, WorkflowInput } from './n8n/server';
import type { Context } from './scenarios';
import { INBOUND_TRIGGER, productionUrl, triggerToNoOp } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- static data and executions are read loosely, as JSON
type Json = Record<string, any>;
export type WebhookKey = 'status_url' | 'inbound_url';

/** A published-or-not trigger workflow: its trigger node and the URL n8n serves it on. */
export interface Trigger {
	workflow: Workflow;
	node: string;
	url: string;
	key: WebhookKey;
}

export const INBOUND_NODE = 'Inbound';

/** Inbound Trigger (automatic registration, the suite's JWT credential with its Signature Secret) → No Op. */
export async function createInbound(
	ctx: Context,
	name: string,
	keywords?: string,
): Promise<Trigger> {
	const input: WorkflowInput = triggerToNoOp(name, ctx.credentials.jwt, {
		node: INBOUND_NODE,
		type: INBOUND_TRIGGER,
		parameters: { registration: 'automatic', options: keywords ? { keywords } : {} },
	});
	const workflow = await ctx.n8n.createWorkflow(input);
	const url = productionUrl(ctx.n8n.webhookBaseUrl, input, INBOUND_NODE, 'inbound');
	return { workflow, node: INBOUND_NODE, url, key: 'inbound_url' };
}

const ours = (ctx: Context, address: string | undefined) =>
	address !== undefined && address.startsWith(`${ctx.n8n.webhookBaseUrl}/`);

/**
 * Waits until no trigger of this n8n is on the application's webhook (n8n 2.x unpublishes in the
 * background, after the earlier scenario has moved on); fails naming the URL when one stays.
 */
export async function assertNoTriggerOn(ctx: Context, key: WebhookKey): Promise<void> {
	let address: string | undefined;
	await waitFor(
		`the application's ${key} to point away from this n8n`,
		async () => {
			address = (await ctx.emulator.applicationWebhooks())[key];
			return ours(ctx, address) ? undefined : true;
		},
		30_000,
		250,
	).catch(() =>
		assert.fail(
			`the application's ${key} is still ${address}, a trigger an earlier scenario left published`,
		),
	);
}

/** What the trigger's registration keeps in the workflow's static data (n8n saves it after activation). */
async function registeredUrl(ctx: Context, trigger: Trigger): Promise<unknown> {
	const staticData = (await ctx.n8n.getWorkflow(trigger.workflow.id)).staticData as
		| Json
		| undefined;
	return staticData?.[`node:${trigger.node}`]?.registeredUrl;
}

/**
 * Publishes one trigger workflow and waits until it is registered: its URL on the application (the
 * first) or joined to the trigger whose URL is there (the others), and served.
 */
export async function publish(ctx: Context, trigger: Trigger): Promise<void> {
	await ctx.n8n.publishWorkflow(trigger.workflow.id);
	await waitFor(
		`${trigger.workflow.name} to be registered (on the application or joined) and served`,
		async () => {
			if ((await registeredUrl(ctx, trigger)) !== trigger.url) return undefined;
			if (!ours(ctx, (await ctx.emulator.applicationWebhooks())[trigger.key])) return undefined;
			return (await isServed(trigger.url)) ? true : undefined;
		},
		30_000,
		250,
	);
}

/**
 * Unpublishes one trigger workflow and waits until n8n no longer serves its URL (n8n 2.x unpublishes
 * in the background, and takes the URL away after the trigger's deactivation has run) and the
 * application's webhook is one of `active` (the triggers still published), or, when none is, `before`.
 */
export async function unpublish(
	ctx: Context,
	trigger: Trigger,
	active: Trigger[],
	before: string | undefined,
): Promise<void> {
	await ctx.n8n.unpublishWorkflow(trigger.workflow.id);
	await waitFor(
		`n8n to stop serving ${trigger.workflow.name}`,
		async () => ((await isServed(trigger.url)) ? undefined : true),
		30_000,
		200,
	);
	const allowed = active.length > 0 ? active.map((t) => t.url) : [before];
	let last: string | undefined;
	await waitFor(
		`the application's ${trigger.key} to be one of ${allowed.join(', ')} after unpublishing ${trigger.workflow.name}`,
		async () => {
			last = (await ctx.emulator.applicationWebhooks())[trigger.key];
			return allowed.includes(last) ? true : undefined;
		},
		20_000,
		200,
	).catch(() => assert.fail(`${trigger.key} after unpublishing ${trigger.workflow.name}: ${last}`));
}

/** Unpublishes what may still be published, ignoring errors (cleanup after a failure). */
export async function unpublishQuietly(ctx: Context, triggers: Trigger[]): Promise<void> {
	for (const t of triggers) await ctx.n8n.unpublishWorkflow(t.workflow.id).catch(() => undefined);
}

let numbers = 0;
/** A sender number of its own for each message. */
export const sender = () =>
	`4477008${String(10_000 + (Date.now() % 80_000) + ++numbers).slice(-5)}`;

/** Posts one inbound SMS through the emulator (signed as Vonage signs); when it was posted. */
export async function postInbound(ctx: Context, text: string): Promise<number> {
	const at = Date.now();
	const delivery = (await ctx.emulator.inbound({ from: sender(), to: '447700900001', text })) as
		| Json
		| undefined;
	assert.equal(
		delivery?.status,
		200,
		`inbound "${text}": the trigger answered ${JSON.stringify(delivery)}`,
	);
	return at;
}

/** The message text a finished execution of an Inbound Trigger workflow started with, and when it stopped. */
export function startedWith(execution: Execution, node = INBOUND_NODE): Json | undefined {
	return execution.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0]?.[0]?.json as
		| Json
		| undefined;
}

/** Finished executions of a workflow whose trigger item has a text containing `tag`. */
export async function executionsFor(
	ctx: Context,
	workflow: Workflow,
	tag: string,
	node = INBOUND_NODE,
): Promise<Array<{ text: string; uuid: string; stoppedAt: number; status: string }>> {
	return (await ctx.n8n.listExecutions({ workflowId: workflow.id, limit: 250 }))
		.filter((e) => e.stoppedAt && e.status !== 'running' && e.status !== 'new')
		.map((e) => ({ e, json: startedWith(e, node) }))
		.filter(({ json }) => typeof json?.text === 'string' && json.text.includes(tag))
		.map(({ e, json }) => ({
			text: String(json!.text),
			uuid: String(json!.message_uuid),
			stoppedAt: Date.parse(e.stoppedAt!),
			status: e.status,
		}));
}

/** Counts per text: which expected ones are missing, which came more than once, which were not expected. */
export function compare(expected: string[], got: string[]) {
	const counts = new Map<string, number>();
	for (const text of got) counts.set(text, (counts.get(text) ?? 0) + 1);
	return {
		missing: expected.filter((t) => !counts.has(t)),
		doubled: [...counts].filter(([, n]) => n > 1).map(([t]) => t),
		unexpected: [...counts.keys()].filter((t) => !expected.includes(t)),
	};
}

/**
 * Waits until each workflow has executions for exactly the texts expected of it (tag: this run's),
 * then a little longer, so that a late or doubled execution is seen too. Returns what each got.
 */
export async function expectStarts(
	ctx: Context,
	expected: Array<{ trigger: Trigger; texts: string[] }>,
	tag: string,
	timeoutMs = 60_000,
) {
	const read = async () =>
		await Promise.all(
			expected.map(async ({ trigger }) => await executionsFor(ctx, trigger.workflow, tag)),
		);
	await waitFor(
		'every expected execution',
		async () =>
			(await read()).every(
				(got, i) =>
					compare(
						expected[i].texts,
						got.map((g) => g.text),
					).missing.length === 0,
			)
				? true
				: undefined,
		timeoutMs,
		500,
	).catch(() => undefined); // the comparison below says what is missing
	await new Promise((resolve) => setTimeout(resolve, 2000));
	const got = await read();
	return expected.map(({ trigger, texts }, i) => ({
		trigger,
		got: got[i],
		...compare(
			texts,
			got[i].map((g) => g.text),
		),
	}));
}

export const median = (list: number[]): number =>
	list.length === 0 ? NaN : [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** For a failure message: each trigger's workflow, URL and what its registration keeps (the group list). */
export async function describeTriggers(ctx: Context, triggers: Trigger[]): Promise<string> {
	const lines = await Promise.all(
		triggers.map(async (t) => {
			const workflow = await ctx.n8n.getWorkflow(t.workflow.id);
			const node = (workflow.staticData as Json | undefined)?.[`node:${t.node}`] as
				| Json
				| undefined;
			const group = node?.group as Json | undefined;
			const members = ((group?.members ?? []) as Json[]).map((m) => m.workflowId).join(',');
			return `${t.workflow.id} ${workflow.active ? 'active' : 'inactive'} ${t.url.split('/').at(-2)} grouped=${String(node?.grouped)} list v${String(group?.version)} receiver ${String(group?.receiverUrl).split('/').at(-2)} [${members}]`;
		}),
	);
	const app = await ctx.emulator.applicationWebhooks();
	return `${lines.join('; ')}; application ${JSON.stringify(app)}`;
}
