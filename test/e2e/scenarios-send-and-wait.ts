// Send and Wait for Reply in real n8n (issue 17): a question sent, the execution waiting, the recipient's
// reply (from the emulator, signed like Vonage's) reaching the application's Inbound Trigger, which hands
// it to the waiting execution's resume URL; forged hand-overs and late replies resume nothing.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import { isServed, waitFor } from './n8n/proc';
import { N8nServer, type Execution, type Workflow, type WorkflowInput } from './n8n/server';
import { signWebhook } from './emulator-client';
import type { Context, Scenario } from './scenarios';
import { INBOUND_TRIGGER, SEND_NODE, credentials, productionUrl, webhookNode } from './workflows';

const FROM = '447700900001';
const ASK = 'Ask';
const TRIGGER = 'Replies';
type Kind = 'approval' | 'freeText' | 'limited';
const ASK_PARAMETERS: Record<Kind, Record<string, unknown>> = {
	approval: { responseType: 'approval', options: {} },
	freeText: { responseType: 'freeText', options: {} },
	// 0.05 minutes: n8n's WaitTracker resumes it at its next poll (every 60 s).
	limited: {
		responseType: 'approval',
		options: {
			limitWaitTime: {
				values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' },
			},
		},
	},
};

interface Setup {
	trigger: Workflow;
	triggerUrl: string;
	asks: Record<Kind, { workflow: Workflow; path: string }>;
}

/** Reply-to-resume times (ms) measured in this run, for the report. */
export const resumeLatencies: number[] = [];
const setups = new Map<string, Setup>();
let numbers = 0;
const recipient = () => `4477009${String(10_000 + (Date.now() % 50_000) + ++numbers).slice(-5)}`;

function triggerWorkflow(name: string, ctx: Context): WorkflowInput {
	return {
		name,
		nodes: [
			{
				parameters: { registration: 'automatic', options: {} },
				name: TRIGGER,
				type: INBOUND_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(ctx.credentials.jwt),
			},
			{
				parameters: {},
				name: 'Ordinary',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Ordinary', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

function askWorkflow(name: string, path: string, kind: Kind, ctx: Context): WorkflowInput {
	return {
		name,
		nodes: [
			webhookNode(path, { responseMode: 'onReceived', responseData: undefined }),
			{
				parameters: {
					resource: 'sms',
					operation: 'sendAndWait',
					from: FROM,
					to: '={{ $json.body.to }}',
					text: 'Your appointment is tomorrow at 10:00. Reply YES to confirm or NO to cancel.',
					...ASK_PARAMETERS[kind],
				},
				name: ASK,
				type: SEND_NODE,
				typeVersion: 1,
				position: [240, 0],
				credentials: credentials(ctx.credentials.jwt),
			},
			{
				parameters: {},
				name: 'After',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [480, 0],
			},
		],
		connections: {
			Webhook: { main: [[{ node: ASK, type: 'main', index: 0 }]] },
			[ASK]: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function setup(ctx: Context): Promise<Setup> {
	const known = setups.get(ctx.mode);
	if (known) return known;
	const input = triggerWorkflow(`e2e: wait replies (${ctx.mode})`, ctx);
	const trigger = await ctx.n8n.createWorkflow(input);
	await ctx.n8n.publishWorkflow(trigger.id);
	const triggerUrl = productionUrl(ctx.n8n.webhookBaseUrl, input, TRIGGER, 'inbound');
	await waitFor(
		'the Inbound URL to be the wait trigger and served',
		async () => {
			if ((await ctx.emulator.applicationWebhooks()).inbound_url !== triggerUrl) return undefined;
			return (await isServed(triggerUrl)) ? true : undefined;
		},
		30_000,
		250,
	);
	const asks = {} as Setup['asks'];
	for (const kind of ['approval', 'freeText', 'limited'] as Kind[]) {
		const path = `e2e-ask-${kind}-${ctx.mode}`;
		const workflow = await ctx.n8n.createWorkflow(
			askWorkflow(`e2e: ask ${kind} (${ctx.mode})`, path, kind, ctx),
		);
		await ctx.n8n.publishWorkflow(workflow.id);
		asks[kind] = { workflow, path };
	}
	const entry = { trigger, triggerUrl, asks };
	setups.set(ctx.mode, entry);
	return entry;
}

type Json = Record<string, unknown>;
const askOutput = (execution: Execution): Json | undefined =>
	execution.data?.resultData?.runData?.[ASK]?.at(-1)?.data?.main?.[0]?.[0]?.json as
		| Json
		| undefined;
const askedTo = (execution: Execution): unknown =>
	(
		execution.data?.resultData?.runData?.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body as
			| Json
			| undefined
	)?.to;

/**
 * Starts the ask workflow for each recipient and waits until each question was sent (the wait is
 * registered before the send). Not through n8n's list of waiting executions: n8n 1.123's public API
 * leaves waiting executions out of every list (seen in this suite), 2.x lists them.
 */
async function ask(ctx: Context, kind: Kind, recipients: string[]): Promise<void> {
	const { asks } = await setup(ctx);
	const { path, workflow } = asks[kind];
	await Promise.all(
		recipients.map(async (to) => {
			const res = await ctx.n8n.callWebhook(path, { to }, { timeoutMs: 60_000 });
			assert.equal(res.status, 200, `ask webhook: ${res.text.slice(0, 200)}`);
		}),
	);
	await waitFor(
		`${recipients.length} question(s) of ${kind} sent`,
		async () => {
			const failed = (
				await ctx.n8n.listExecutions({ workflowId: workflow.id, status: 'error', limit: 5 })
			).filter((e) => recipients.includes(String(askedTo(e))));
			if (failed.length > 0)
				throw new Error(`ask failed: ${failed[0].data?.resultData?.error?.message}`);
			const sent = new Set((await ctx.emulator.messages()).map((m) => m.to));
			return recipients.every((to) => sent.has(to)) ? true : undefined;
		},
		90_000,
		500,
	);
}

/** Whether the execution that asked `to` has not finished. */
async function stillWaiting(ctx: Context, kind: Kind, to: string): Promise<boolean> {
	const { workflow } = (await setup(ctx)).asks[kind];
	const all = await ctx.n8n.listExecutions({ workflowId: workflow.id, limit: 250 });
	return !all.some((e) => String(askedTo(e)) === to && e.stoppedAt && e.status !== 'waiting');
}

async function reply(
	ctx: Context,
	to: string,
	text: string,
	format?: 'v0.1' | 'v1',
): Promise<number> {
	const at = Date.now();
	const res = await fetch(`${ctx.emulator.url}/_emulator/reply`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to, text, ...(format ? { format } : {}) }),
	});
	assert.equal(res.status, 200, `/_emulator/reply: ${await res.text()}`);
	return at;
}

/** The finished executions of `kind` for these recipients, once all are finished. */
// Generous: a reply that comes before the execution has saved its waiting state is answered 503 and
// sent again by the emulator after 5, 10, 20, 40 s, as Vonage does.
async function finished(ctx: Context, kind: Kind, recipients: string[], timeoutMs = 120_000) {
	const { workflow } = (await setup(ctx)).asks[kind];
	return await waitFor(
		`${recipients.length} resumed execution(s) of ${kind}`,
		async () => {
			const done = (await ctx.n8n.listExecutions({ workflowId: workflow.id, limit: 250 })).filter(
				(e) =>
					recipients.includes(String(askedTo(e))) &&
					e.status !== 'waiting' &&
					e.status !== 'running' &&
					e.stoppedAt,
			);
			return done.length >= recipients.length
				? new Map(done.map((e) => [String(askedTo(e)), e]))
				: undefined;
		},
		timeoutMs,
		250,
	);
}

async function ordinaryCount(ctx: Context): Promise<number> {
	const { trigger } = await setup(ctx);
	return (await ctx.n8n.listExecutions({ workflowId: trigger.id, includeData: false, limit: 250 }))
		.length;
}

async function settled(ctx: Context, expected: number): Promise<void> {
	await waitFor(
		`${expected} trigger execution(s)`,
		async () => ((await ordinaryCount(ctx)) === expected ? true : undefined),
		20_000,
		250,
	);
	await new Promise((resolve) => setTimeout(resolve, 1500));
	assert.equal(await ordinaryCount(ctx), expected, 'Inbound Trigger executions');
}

function approvalScenario(text: string, approved: boolean, format: 'v0.1' | 'v1'): Scenario {
	return {
		name: `Send and Wait: approval, reply "${text}" (${format}) resumes with approved ${approved}, trigger workflow not started`,
		timeoutMs: 180_000,
		async run(ctx) {
			const to = recipient();
			await ask(ctx, 'approval', [to]);
			const before = await ordinaryCount(ctx);
			const at = await reply(ctx, to, text, format);
			const execution = (await finished(ctx, 'approval', [to])).get(to)!;
			assert.equal(execution.status, 'success');
			resumeLatencies.push(Date.parse(execution.stoppedAt!) - at);
			const output = askOutput(execution)!;
			assert.equal(output.approved, approved);
			assert.equal(output.timed_out, false);
			assert.equal(output.to, to);
			assert.ok(typeof output.message_uuid === 'string', 'message_uuid in the output');
			assert.equal((output.reply as Json).text, text);
			assert.ok(execution.data?.resultData?.runData?.After, 'the workflow went on after the node');
			await settled(ctx, before);
		},
	};
}

export const sendAndWaitScenarios: Scenario[] = [
	approvalScenario('Yes!', true, 'v1'),
	approvalScenario('no', false, 'v0.1'),
	{
		name: 'Send and Wait: a non-matching reply goes to the trigger workflow, the next matching one resumes',
		timeoutMs: 180_000,
		async run(ctx) {
			const to = recipient();
			await ask(ctx, 'approval', [to]);
			const before = await ordinaryCount(ctx);
			await reply(ctx, to, 'what time again?');
			await settled(ctx, before + 1);
			assert.ok(await stillWaiting(ctx, 'approval', to), 'the execution still waits');
			await reply(ctx, to, 'OK');
			const output = askOutput((await finished(ctx, 'approval', [to])).get(to)!)!;
			assert.equal(output.approved, true);
		},
	},
	{
		name: 'Send and Wait: free text, the first reply resumes (approved null)',
		timeoutMs: 180_000,
		async run(ctx) {
			const to = recipient();
			await ask(ctx, 'freeText', [to]);
			const at = await reply(ctx, to, 'Can we make it 11?');
			const execution = (await finished(ctx, 'freeText', [to])).get(to)!;
			resumeLatencies.push(Date.parse(execution.stoppedAt!) - at);
			const output = askOutput(execution)!;
			assert.equal(output.approved, null);
			assert.equal((output.reply as Json).text, 'Can we make it 11?');
		},
	},
	{
		name: 'Send and Wait: time limit, then a reply after the limit goes to the trigger workflow',
		timeoutMs: 240_000,
		async run(ctx) {
			const to = recipient();
			await ask(ctx, 'limited', [to]);
			const execution = (await finished(ctx, 'limited', [to], 180_000)).get(to)!;
			assert.equal(execution.status, 'success');
			const output = askOutput(execution)!;
			assert.deepEqual(
				[output.timed_out, output.approved, output.reply, output.to],
				[true, null, null, to],
			);
			const before = await ordinaryCount(ctx);
			await reply(ctx, to, 'yes');
			await settled(ctx, before + 1);
		},
	},
	{
		name: 'Send and Wait: forged hand-overs and replies resume nothing',
		timeoutMs: 180_000,
		async run(ctx) {
			const { trigger, triggerUrl } = await setup(ctx);
			const to = recipient();
			await ask(ctx, 'freeText', [to]);
			const post = async (url: string, body: string, headers: Record<string, string>) =>
				(
					await fetch(url, {
						method: 'POST',
						redirect: 'manual',
						headers: { 'content-type': 'application/json', ...headers },
						body,
					})
				).status;
			// An inbound message with a wrong Vonage signature, and one with none.
			const inbound = JSON.stringify({
				channel: 'sms',
				message_type: 'text',
				from: to,
				to: FROM,
				text: 'yes',
				message_uuid: crypto.randomUUID(),
				timestamp: new Date().toISOString(),
			});
			assert.equal(
				await post(triggerUrl, inbound, {
					authorization: `Bearer ${signWebhook(inbound, 'not the secret')}`,
				}),
				401,
			);
			assert.equal(await post(triggerUrl, inbound, {}), 503);
			// A hand-over not signed with the Signature Secret.
			const register = JSON.stringify({ op: 'cancel', waitId: crypto.randomUUID() });
			assert.equal(
				await post(triggerUrl, register, {
					'x-vonage-n8n-handover': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
				}),
				401,
			);
			// Straight to the resume URL the trigger holds: no hand-over signature, then a tampered URL.
			const stored = (await ctx.n8n.getWorkflow(trigger.id)).staticData as Json | undefined;
			const waits = Object.values(
				((stored?.[`node:${TRIGGER}`] as Json | undefined)?.sendAndWait ?? {}) as Record<
					string,
					Json
				>,
			);
			const held = waits.find((w) => w.theirs === to);
			assert.ok(held, 'the trigger holds the wait in its static data');
			const resume = JSON.stringify({
				op: 'resume',
				waitId: held.waitId,
				sent: {},
				reply: { text: 'forged' },
				approved: null,
			});
			assert.equal(await post(String(held.resumeUrl), resume, {}), 401);
			const tampered = String(held.resumeUrl).replace(/signature=[0-9a-f]/, (s) =>
				s.endsWith('0') ? s.slice(0, -1) + '1' : s.slice(0, -1) + '0',
			);
			assert.equal(await post(tampered, resume, {}), 401);
			assert.ok(await stillWaiting(ctx, 'freeText', to), 'the execution still waits');
			await reply(ctx, to, 'the real answer');
			const output = askOutput((await finished(ctx, 'freeText', [to])).get(to)!)!;
			assert.equal((output.reply as Json).text, 'the real answer');
		},
	},
	{
		name: 'Send and Wait: 50 waits at once, answered in random order, each resumes its own execution once',
		timeoutMs: 300_000,
		async run(ctx) {
			const recipients = Array.from({ length: 50 }, recipient);
			const before = await ordinaryCount(ctx);
			await ask(ctx, 'approval', recipients);
			const order = [...recipients].sort(() => Math.random() - 0.5);
			const answers = new Map(order.map((to, i) => [to, i % 2 === 0]));
			const sentAt = new Map<string, number>();
			await Promise.all(
				order.map(async (to) =>
					sentAt.set(to, await reply(ctx, to, answers.get(to) ? 'yes' : 'No.')),
				),
			);
			const done = await finished(ctx, 'approval', recipients, 240_000);
			let matched = 0;
			for (const to of recipients) {
				const execution = done.get(to)!;
				const output = askOutput(execution)!;
				assert.equal(execution.status, 'success', `execution for ${to}`);
				assert.equal(output.to, to);
				assert.equal(output.approved, answers.get(to), `approved for ${to}`);
				assert.equal((output.reply as Json).sender, to);
				resumeLatencies.push(Date.parse(execution.stoppedAt!) - sentAt.get(to)!);
				matched++;
			}
			assert.equal(matched, 50);
			await settled(ctx, before);
			const median = (list: number[]) =>
				[...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
			console.log(
				`  send-and-wait: ${resumeLatencies.length} replies resumed; median reply→resumed: one at a time ${median(resumeLatencies.slice(0, -50))} ms, 50 at once ${median(resumeLatencies.slice(-50))} ms`,
			);
		},
	},
	{
		name: 'Send and Wait: n8n restarted between question and answer, the reply still resumes (regular mode; queue: skipped, its database goes with stop)',
		timeoutMs: 300_000,
		async run(ctx) {
			if (ctx.mode === 'queue') return;
			const { triggerUrl } = await setup(ctx);
			const to = recipient();
			await ask(ctx, 'approval', [to]);
			const port = Number(new URL(ctx.n8n.baseUrl).port);
			const options = ctx.n8n.options;
			await ctx.n8n.stop();
			ctx.n8n = await N8nServer.start({ ...options, port });
			await waitFor(
				'the Inbound Trigger to be served again',
				async () => ((await isServed(triggerUrl)) ? true : undefined),
				60_000,
				250,
			);
			const before = await ordinaryCount(ctx);
			const at = await reply(ctx, to, 'Yes');
			const execution = (await finished(ctx, 'approval', [to])).get(to)!;
			resumeLatencies.push(Date.parse(execution.stoppedAt!) - at);
			assert.equal(askOutput(execution)!.approved, true);
			await settled(ctx, before);
		},
	},
];
