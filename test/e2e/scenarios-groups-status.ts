// Two sending workflows on one application, each with its own Status Trigger (issue 18): both triggers
// share the Status URL (the second joins the first), and Send's option "Status Events to This Workflow
// Only" (v1) makes each workflow's trigger start only for the statuses of the messages it sent.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import { waitFor } from './n8n/proc';
import type { WorkflowInput } from './n8n/server';
import {
	assertNoTriggerOn,
	publish,
	startedWith,
	unpublish,
	unpublishQuietly,
	type Trigger,
} from './group-triggers';
import type { Context, Scenario } from './scenarios';
import {
	STATUS_TRIGGER,
	credentials,
	productionUrl,
	sendSmsWorkflow,
	type CredentialRef,
} from './workflows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- emulator records are read loosely, as JSON
type Json = Record<string, any>;
const STATUS_NODE = 'Message Status';
const RUNS = 3;
const PER_RUN = 2;

/** Webhook → Make Orders → Send SMS (v1, this workflow's statuses only), and Status Trigger → No Op. */
function sendingWorkflow(name: string, path: string, credential: CredentialRef): WorkflowInput {
	const workflow = sendSmsWorkflow(name, path, credential);
	const nodes = workflow.nodes as Json[];
	const send = nodes.find((n) => n.name === 'Send SMS')!;
	send.parameters.options = {
		...send.parameters.options,
		apiVersion: 'v1',
		statusToThisWorkflow: true,
	};
	nodes.push(
		{
			parameters: { registration: 'automatic', options: {} },
			name: STATUS_NODE,
			type: STATUS_TRIGGER,
			typeVersion: 1,
			position: [0, 300],
			webhookId: crypto.randomUUID(),
			credentials: credentials(credential),
		},
		{
			parameters: {},
			name: 'Status Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 300],
		},
	);
	(workflow.connections as Json)[STATUS_NODE] = {
		main: [[{ node: 'Status Done', type: 'main', index: 0 }]],
	};
	return workflow;
}

/** The (message_uuid, status) pairs the emulator delivered for these messages, each once. */
async function emittedStatuses(ctx: Context, uuids: Set<string>): Promise<Set<string>> {
	const state = (await ctx.emulator.state()) as Json;
	const pairs = new Set<string>();
	for (const d of (state.webhookDeliveries ?? []) as Json[]) {
		if (d.kind !== 'status' || typeof d.body !== 'string') continue;
		const body = JSON.parse(d.body) as Json;
		if (uuids.has(body.message_uuid)) pairs.add(`${body.message_uuid} ${body.status}`);
	}
	return pairs;
}

/** The (message_uuid, status) pairs each execution of the workflow's Status Trigger started with. */
async function startedStatuses(ctx: Context, workflowId: string): Promise<string[]> {
	return (await ctx.n8n.listExecutions({ workflowId, limit: 250 }))
		.map((e) => startedWith(e, STATUS_NODE))
		.filter((json): json is Json => json !== undefined && typeof json.status === 'string')
		.map((json) => `${json.message_uuid} ${json.status}`);
}

export const groupStatusScenario: Scenario = {
	name: 'groups: two sending workflows each get only their own statuses',
	timeoutMs: 240_000,
	async run(ctx) {
		await assertNoTriggerOn(ctx, 'status_url');
		const before = (await ctx.emulator.applicationWebhooks()).status_url;
		const made = await Promise.all(
			['a', 'b'].map(async (which) => {
				const path = `e2e-groups-send-${which}-${ctx.mode}`;
				const input = sendingWorkflow(
					`e2e: groups, sender ${which} (${ctx.mode})`,
					path,
					ctx.credentials.jwt,
				);
				const workflow = await ctx.n8n.createWorkflow(input);
				const url = productionUrl(ctx.n8n.webhookBaseUrl, input, STATUS_NODE, 'status');
				const trigger: Trigger = { workflow, node: STATUS_NODE, url, key: 'status_url' };
				return { which, path, trigger };
			}),
		);
		const published: Trigger[] = [];
		try {
			for (const { trigger } of made) {
				await publish(ctx, trigger);
				published.push(trigger);
			}
			const tag = `gs${ctx.mode}${Date.now().toString(36)}`;
			const sent = new Map<string, Set<string>>(made.map((m) => [m.which, new Set()]));
			for (let run = 0; run < RUNS; run++)
				await Promise.all(
					made.map(async ({ which, path }) => {
						const res = await ctx.n8n.callWebhook(
							path,
							{ run: `${tag}-${which}-${run}`, count: PER_RUN },
							{ timeoutMs: 60_000 },
						);
						assert.equal(res.status, 200, `sender ${which}: ${res.text.slice(0, 300)}`);
						for (const item of res.json as Json[]) sent.get(which)!.add(item.message_uuid);
					}),
				);
			const everyUuid = new Set(made.flatMap(({ which }) => [...sent.get(which)!]));
			assert.equal(everyUuid.size, 2 * RUNS * PER_RUN, 'message_uuids of the sends');
			// Every message's statuses have come from the emulator (submitted, then the outcome).
			await waitFor(
				'the emulator to send every status',
				async () =>
					(await emittedStatuses(ctx, everyUuid)).size >= 2 * everyUuid.size ? true : undefined,
				60_000,
				500,
			);
			const counts: string[] = [];
			for (const { which, trigger } of made) {
				const own = sent.get(which)!;
				const expected = [...(await emittedStatuses(ctx, own))].sort();
				let got: string[] = [];
				await waitFor(
					`sender ${which}'s Status Trigger to start for each of its statuses`,
					async () => {
						got = await startedStatuses(ctx, trigger.workflow.id);
						return expected.every((p) => got.includes(p)) ? true : undefined;
					},
					60_000,
					500,
				).catch(() => undefined);
				await new Promise((resolve) => setTimeout(resolve, 1500));
				got = await startedStatuses(ctx, trigger.workflow.id);
				const doubled = got.filter((p, i) => got.indexOf(p) !== i);
				const foreign = got.filter((p) => !own.has(p.split(' ')[0]));
				assert.deepEqual(
					{ missing: expected.filter((p) => !got.includes(p)), doubled, foreign },
					{ missing: [], doubled: [], foreign: [] },
					`sender ${which}'s Status Trigger executions (${got.length}, expected ${expected.length})`,
				);
				counts.push(`${which} ${got.length} of ${own.size} messages`);
			}
			console.log(`  groups: statuses per sending workflow: ${counts.join(', ')}, none foreign`);
			for (const t of [...published].reverse()) {
				published.splice(published.indexOf(t), 1);
				await unpublish(ctx, t, published, before);
			}
		} finally {
			await unpublishQuietly(ctx, published);
		}
	},
};
