// Issue 16 item 11 in real n8n: stopping a running execution (the editor's Stop: POST
// /rest/executions/:id/stop) stops the Send SMS node at once and gives the account's rate limit back.
// Before, the stopped node kept waiting for a slot for every queued item (at 4 per second, 56 items
// held the account for 14 s) and the next run of the account waited behind them.
import * as assert from 'node:assert/strict';

import { waitFor } from './n8n/proc';
import type { Scenario } from './scenarios';
import { sendSmsWorkflow, type CredentialRef } from './workflows';
import type { WorkflowInput } from './n8n/server';

const COUNT = 60;
const PER_SECOND = 4;

/** The send workflow, paced at PER_SECOND; `answer` 'onReceived' returns at once, leaving it running. */
function pacedWorkflow(
	name: string,
	path: string,
	credential: CredentialRef,
	answer: 'onReceived' | 'lastNode',
): WorkflowInput {
	const workflow = sendSmsWorkflow(name, path, credential);
	const nodes = workflow.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	const webhook = nodes.find((n) => n.name === 'Webhook')!;
	webhook.parameters.responseMode = answer;
	const send = nodes.find((n) => n.name === 'Send SMS')!;
	// Every item waits for its slot at once, as a large batch does.
	send.parameters.options = { concurrency: COUNT, maxPerSecond: PER_SECOND };
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
			const slow = await ctx.n8n.createWorkflow(
				pacedWorkflow(`e2e: cancel ${stamp}`, `e2e-cancel-${stamp}`, credential, 'onReceived'),
			);
			const next = await ctx.n8n.createWorkflow(
				pacedWorkflow(`e2e: next ${stamp}`, `e2e-next-${stamp}`, credential, 'lastNode'),
			);
			await ctx.n8n.publishWorkflow(slow.id);
			await ctx.n8n.publishWorkflow(next.id);
			const run = `cancel-${stamp}`;
			const ours = async () =>
				(await ctx.emulator.messages()).filter((m) => m.clientRef.startsWith(`${run}-`));

			const started = await ctx.n8n.callWebhook(`e2e-cancel-${stamp}`, { run, count: COUNT });
			assert.equal(started.status, 200, `starting the run: ${started.text.slice(0, 200)}`);
			await waitFor(
				'the first messages of the run',
				async () => ((await ours()).length >= 2 ? true : undefined),
				30_000,
				100,
			);
			const [execution] = await waitFor(
				'the running execution',
				async () => {
					const list = await ctx.n8n.listExecutions({
						workflowId: slow.id,
						status: 'running',
						includeData: false,
					});
					return list.length > 0 ? list : undefined;
				},
				10_000,
				100,
			);
			await ctx.n8n.rest('POST', `/executions/${execution.id}/stop`);
			const stoppedAt = Date.now();
			const atStop = (await ours()).length;

			// The next run of the same account: one message, answered when its execution ends.
			const answered = await ctx.n8n.callWebhook(
				`e2e-next-${stamp}`,
				{ run: `next-${stamp}`, count: 1 },
				{ timeoutMs: 60_000 },
			);
			const nextTook = Date.now() - stoppedAt;
			assert.equal(answered.status, 200, `the next run: ${answered.text.slice(0, 300)}`);
			const queuedMs = ((COUNT - atStop) * 1000) / PER_SECOND;
			assert.ok(
				nextTook < queuedMs / 2,
				`the next run took ${nextTook} ms after the stop; the stopped run's ${COUNT - atStop} queued items would hold the account for ${queuedMs} ms`,
			);

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
			await ctx.n8n.unpublishWorkflow(slow.id);
			await ctx.n8n.unpublishWorkflow(next.id);
		},
	},
];
