// Issue 16 item 11 in real n8n: stopping a running execution (the editor's Stop: POST
// /rest/executions/:id/stop) stops the Send SMS node at once and gives the account's rate limit back.
// Before, the stopped node kept waiting for a slot for every queued item (at 4 per second, 58 items
// held the account for 14.5 s) and the next run of the account waited behind them. Here: the stopped
// execution ends canceled, sends nothing more than what was in flight, and the next run goes through.
import * as assert from 'node:assert/strict';

import { waitFor } from './n8n/proc';
import type { Scenario } from './scenarios';
import { sendSmsWorkflow, type CredentialRef } from './workflows';
import type { WorkflowInput } from './n8n/server';

const COUNT = 60;
const PER_SECOND = 4;

/** The send workflow, paced at PER_SECOND with every item waiting for its slot at once. */
function pacedWorkflow(name: string, path: string, credential: CredentialRef): WorkflowInput {
	const workflow = sendSmsWorkflow(name, path, credential);
	const nodes = workflow.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	const send = nodes.find((n) => n.name === 'Send SMS')!;
	send.parameters.options = { concurrency: COUNT, maxPerSecond: PER_SECOND };
	return workflow;
}

/**
 * The same, started by hand (Manual Trigger, the run's id fixed in the Code node), as the editor runs
 * it: in queue mode n8n 2.x forwards a Stop to the worker only for executions the main process
 * started (one a production webhook started on the webhook process is marked canceled but keeps
 * running on its worker), so this is the execution Stop can really stop in both modes.
 */
function manualWorkflow(name: string, run: string, credential: CredentialRef): WorkflowInput {
	const workflow = pacedWorkflow(name, `unused-${run}`, credential);
	const nodes = workflow.nodes as Array<Record<string, unknown>>;
	nodes[0] = {
		parameters: {},
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
	};
	const code = nodes.find((n) => n.name === 'Make Orders') as { parameters: { jsCode: string } };
	code.parameters.jsCode = code.parameters.jsCode.replace(
		'const { run, count } = $input.first().json.body;',
		`const run = ${JSON.stringify(run)}; const count = ${COUNT};`,
	);
	workflow.connections = {
		Start: { main: [[{ node: 'Make Orders', type: 'main', index: 0 }]] },
		'Make Orders': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
	};
	return workflow;
}

export const hardeningSendingScenarios: Scenario[] = [
	{
		name: 'cancel: stopping a running send stops it at once and leaves the rate limit to the next run',
		timeoutMs: 90_000,
		n8nLines: ['2.x'],
		async run(ctx) {
			const stamp = `${ctx.mode}-${Date.now().toString(36)}`;
			const credential = ctx.credentials.jwt;
			const run = `cancel-${stamp}`;
			const slow = await ctx.n8n.createWorkflow(
				manualWorkflow(`e2e: cancel ${stamp}`, run, credential),
			);
			const next = await ctx.n8n.createWorkflow(
				pacedWorkflow(`e2e: next ${stamp}`, `e2e-next-${stamp}`, credential),
			);
			await ctx.n8n.publishWorkflow(next.id);
			const ours = async () =>
				(await ctx.emulator.messages()).filter((m) => m.clientRef.startsWith(`${run}-`));

			const { executionId } = await ctx.n8n.rest<{ executionId: string }>(
				'POST',
				`/workflows/${slow.id}/run`,
				{ triggerToStartFrom: { name: 'Start' } },
			);
			assert.ok(executionId, 'the manual run started an execution');
			await waitFor(
				'the first messages of the run',
				async () => ((await ours()).length >= 2 ? true : undefined),
				30_000,
				100,
			);
			const execution = { id: executionId };
			await ctx.n8n.rest('POST', `/executions/${execution.id}/stop`);
			const atStop = (await ours()).length;

			// The next run of the same account: one message, answered when its execution ends.
			const answered = await ctx.n8n.callWebhook(
				`e2e-next-${stamp}`,
				{ run: `next-${stamp}`, count: 1 },
				{ timeoutMs: 60_000 },
			);
			assert.equal(answered.status, 200, `the next run: ${answered.text.slice(0, 300)}`);
			// How soon the next run gets its slot is asserted in the engine test
			// (test/nodes/VonageMessages/sending/cancel.test.ts); here, what real n8n does with a Stop.

			const stopped = await waitFor(
				'the stopped execution to be canceled',
				async () => {
					const [found] = (
						await ctx.n8n.listExecutions({ workflowId: slow.id, includeData: false })
					).filter((e) => e.id === execution.id);
					return found && found.status !== 'running' && found.status !== 'new' ? found : undefined;
				},
				20_000,
				250,
			);
			assert.equal(stopped.status, 'canceled', `execution ${execution.id} status`);
			// Nothing more left after the stop: at most the one request in flight at that moment.
			const after = (await ours()).length;
			assert.ok(
				after <= atStop + 1,
				`the stopped run sent ${after - atStop} more messages after the stop`,
			);
			await ctx.n8n.unpublishWorkflow(next.id);
		},
	},
];
