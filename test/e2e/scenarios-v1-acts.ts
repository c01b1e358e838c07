// Messages API v1 in real n8n (issue 19): a WhatsApp-then-SMS failover (examples/whatsapp-sms-failover.json's
// Send node) where the emulator rejects the WhatsApp step (a number ending 777 has no WhatsApp) and
// delivers the SMS, seen through the Status Trigger with its failover fields; and an inbound WhatsApp
// message marked as read by the node's Mark as Read operation.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { waitFor } from './n8n/proc';
import type { Execution, Workflow, WorkflowInput } from './n8n/server';
import type { Context, Scenario } from './scenarios';
import {
	CREDENTIAL_TYPE,
	INBOUND_TRIGGER,
	SEND_NODE,
	credentials,
	productionUrl,
	statusWorkflow,
	webhookNode,
	type CredentialRef,
} from './workflows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- emulator records and executions are read loosely, as JSON
type Json = Record<string, any>;

const EXAMPLE = path.resolve(__dirname, '../../examples/whatsapp-sms-failover.json');

/** Webhook (body {name, orderId, phone}) -> the example's Send node as it is, with this run's credential. */
function failoverWorkflow(webhookPath: string, credential: CredentialRef): WorkflowInput {
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { nodes: Json[] };
	const send = example.nodes.find((node) => node.type === SEND_NODE);
	assert.ok(send, 'the example has a send node');
	return {
		name: 'e2e: WhatsApp, failing over to SMS',
		nodes: [
			webhookNode(webhookPath),
			{
				parameters: { jsCode: 'return [{ json: $input.first().json.body }];' },
				name: 'Customer',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				...send,
				id: crypto.randomUUID(),
				position: [440, 0],
				credentials: { [CREDENTIAL_TYPE]: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Customer', type: 'main', index: 0 }]] },
			Customer: { main: [[{ node: send.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Inbound Trigger (WhatsApp only) -> Mark as Read of the message that came in. */
function markAsReadWorkflow(credential: CredentialRef): WorkflowInput {
	return {
		name: 'e2e: mark WhatsApp messages as read',
		nodes: [
			{
				parameters: { registration: 'automatic', options: { channels: ['whatsapp'] } },
				name: 'Inbound',
				type: INBOUND_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(credential),
			},
			{
				parameters: {
					resource: 'whatsapp',
					operation: 'markAsRead',
					messageUuid: '={{ $json.message_uuid }}',
				},
				name: 'Mark as Read',
				type: SEND_NODE,
				typeVersion: 1,
				position: [220, 0],
				credentials: credentials(credential),
			},
		],
		connections: { Inbound: { main: [[{ node: 'Mark as Read', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function emulatorState(ctx: Context): Promise<Json> {
	const res = await fetch(`${ctx.emulator.url}/_emulator/state`);
	return (await res.json()) as Json;
}

async function publishAndWait(
	ctx: Context,
	workflow: Workflow,
	key: 'status_url' | 'inbound_url',
	url: string,
): Promise<void> {
	await ctx.n8n.publishWorkflow(workflow.id);
	await waitFor(
		`the application's ${key} to point at ${workflow.name}`,
		async () => ((await ctx.emulator.applicationWebhooks())[key] === url ? true : undefined),
		20_000,
		200,
	);
}

/** Every item the Status Trigger emitted in an execution, whatever output it took. */
const triggerItems = (execution: Execution): Json[] =>
	(execution.data?.resultData?.runData?.['Message Status']?.[0]?.data?.main ?? []).flatMap(
		(items) => (items ?? []).map((item) => item.json as Json),
	);

async function runFailover(ctx: Context, status: Workflow): Promise<void> {
	const webhookPath = `e2e-failover-${ctx.mode}`;
	const sender = await ctx.n8n.createWorkflow(failoverWorkflow(webhookPath, ctx.credentials.jwt));
	await ctx.n8n.publishWorkflow(sender.id);
	try {
		const orderId = `fo-${ctx.mode}-${Date.now().toString(36)}`;
		const phone = `+44 7700 ${Date.now().toString().slice(-3)}777`;
		const response = await ctx.n8n.callWebhook(
			webhookPath,
			{ name: 'Grace', orderId, phone },
			{ timeoutMs: 60_000 },
		);
		assert.equal(
			response.status,
			200,
			`webhook: ${response.status} ${response.text.slice(0, 300)}`,
		);
		const [sent] = (Array.isArray(response.json) ? response.json : [response.json]) as Json[];
		const to = phone.replace(/\D/g, '');
		assert.deepEqual(sent.failover, [
			{ step: 2, channel: 'sms', message_type: 'text', to, from: '447700900001' },
		]);
		const [message] = ((await emulatorState(ctx)).accepted as Json[]).filter(
			(m) => m.body?.client_ref === orderId,
		);
		assert.ok(message, 'the emulator accepted the message');
		assert.equal(message.version, 'v1');
		assert.equal(message.message_uuid, sent.message_uuid);
		assert.deepEqual(message.body.failover, [
			{
				channel: 'sms',
				message_type: 'text',
				to,
				from: '447700900001',
				text: `Hi Grace, order ${orderId} is ready for collection.`,
				client_ref: orderId,
			},
		]);

		const events = await waitFor(
			`status events of ${orderId} up to the SMS delivered`,
			async () => {
				const items = (await ctx.n8n.listExecutions({ workflowId: status.id }))
					.flatMap(triggerItems)
					.filter((json) => json.client_ref === orderId);
				return items.some((j) => j.channel === 'sms' && j.status === 'delivered')
					? items
					: undefined;
			},
			40_000,
			500,
		);
		const seen = events
			.map((j) => [j.failover_step, j.channel, j.status, j.failover_moved_on])
			.sort((a, b) => String(a).localeCompare(String(b)));
		assert.deepEqual(seen, [
			[1, 'whatsapp', 'rejected', true],
			[1, 'whatsapp', 'submitted', false],
			[2, 'sms', 'delivered', false],
			[2, 'sms', 'submitted', false],
		]);
		const rejected = events.find((j) => j.status === 'rejected');
		assert.equal(rejected?.message_uuid, sent.message_uuid, 'step 1 is the message Send output');
		assert.equal(rejected?.error_code, 1310);
		assert.equal(new Set(events.map((j) => j.failover_workflow_id)).size, 1, 'one workflow');
		assert.ok(events.every((j) => j.failover_steps === 2));
	} finally {
		await ctx.n8n.unpublishWorkflow(sender.id);
	}
}

export const v1ActsScenarios: Scenario[] = [
	{
		name: 'v1 acts: failover: WhatsApp rejected, then SMS delivered, seen step by step through the Status Trigger',
		timeoutMs: 120_000,
		async run(ctx) {
			const input = statusWorkflow('e2e: failover statuses', ctx.credentials.jwt);
			const status = await ctx.n8n.createWorkflow(input);
			const url = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Message Status', 'status');
			await publishAndWait(ctx, status, 'status_url', url);
			try {
				await runFailover(ctx, status);
			} finally {
				await ctx.n8n.unpublishWorkflow(status.id);
			}
		},
	},
	{
		name: 'v1 acts: Mark as Read: an inbound WhatsApp message is marked as read by the node',
		timeoutMs: 90_000,
		async run(ctx) {
			const input = markAsReadWorkflow(ctx.credentials.jwt);
			const workflow = await ctx.n8n.createWorkflow(input);
			const url = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Inbound', 'inbound');
			await publishAndWait(ctx, workflow, 'inbound_url', url);
			try {
				const res = await fetch(`${ctx.emulator.url}/_emulator/inbound`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						channel: 'whatsapp',
						from: `4477004${Date.now().toString().slice(-6)}`,
						to: '447700900001',
						text: 'Is my order ready?',
						format: 'v1',
					}),
				});
				assert.equal(res.status, 200, `POST /_emulator/inbound: ${res.status}`);
				const uuid = JSON.parse(((await res.json()) as Json).body).message_uuid as string;
				const update = await waitFor(
					`the emulator to see ${uuid} marked as read`,
					async () =>
						((await emulatorState(ctx)).updates as Json[]).find((u) => u.message_uuid === uuid),
					40_000,
					500,
				);
				assert.equal(update.status, 'read');
				const [execution] = await ctx.n8n.waitForExecutions(workflow.id, 1, 20_000);
				assert.equal(execution.status, 'success');
				const out = execution.data?.resultData?.runData?.['Mark as Read']?.[0]?.data?.main?.[0];
				assert.deepEqual(out?.[0]?.json, { message_uuid: uuid, status: 'read' });
			} finally {
				await ctx.n8n.unpublishWorkflow(workflow.id);
			}
		},
	},
];
