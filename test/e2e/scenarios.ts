// The end-to-end scenarios, run in order against one n8n (regular or queue mode) and one emulator.
// They drive n8n only through its HTTP interfaces and the emulator only through its HTTP API.
import * as assert from 'node:assert/strict';

import { waitFor } from './n8n/proc';
import type { Execution, N8nServer, Workflow, WorkflowInput } from './n8n/server';
import { signWebhook, type EmulatorClient, type SentMessage } from './emulator-client';
import { channelScenarios } from './scenarios-channels';
import { v1TypeScenarios } from './scenarios-v1-types';
import { webhookScenarios } from './scenarios-webhooks';
import { sendhardScenarios } from './scenarios-sendhard';
import { receiveScenarios } from './scenarios-receive';
import { v1ActsScenarios } from './scenarios-v1-acts';
import {
	CREDENTIAL_TYPE,
	INBOUND_TRIGGER,
	SEND_NODE,
	STATUS_OUTPUTS,
	STATUS_TRIGGER,
	productionUrl,
	replyWorkflow,
	sendSmsWorkflow,
	statusWorkflow,
	type CredentialRef,
} from './workflows';
import { credregScenarios } from './scenarios-credreg';
import { hardeningRegistrationScenarios } from './scenarios-hardening-registration';
import { hardeningWebhookScenarios } from './scenarios-hardening-webhooks';
import { hardeningSendingScenarios } from './scenarios-hardening-sending';
import { sendAndWaitScenarios } from './scenarios-send-and-wait';
import { groupScenarios } from './scenarios-groups';

export interface Context {
	mode: 'regular' | 'queue';
	n8n: N8nServer;
	emulator: EmulatorClient;
	credentials: { jwt: CredentialRef; basic: CredentialRef };
	/** Filled by the scenarios as they go. */
	sendWorkflows: Partial<Record<'jwt' | 'basic', { workflow: Workflow; path: string }>>;
	status?: { workflow: Workflow; input: WorkflowInput; url: string };
	reply?: { workflow: Workflow; input: WorkflowInput; url: string };
	webhooksBefore?: { status_url?: string; inbound_url?: string };
}

export interface Scenario {
	name: string;
	timeoutMs: number;
	/** n8n lines it runs on (default: all); others report it as skipped. */
	n8nLines?: Array<'1.x' | '2.x'>;
	run(ctx: Context): Promise<void>;
}

const SEND_COUNT = 50;

type RunData = NonNullable<NonNullable<Execution['data']>['resultData']>['runData'];

/** Items per output of a node's first run in an execution. */
function nodeOutputs(
	execution: Execution,
	nodeName: string,
): Array<Array<Record<string, unknown>>> {
	const runData: RunData = execution.data?.resultData?.runData ?? {};
	const main = runData[nodeName]?.[0]?.data?.main ?? [];
	return main.map((items) => (items ?? []).map((i) => i.json));
}

type AppWebhooks = { status_url?: string; inbound_url?: string };

function sameWebhooks(a: AppWebhooks, b: AppWebhooks): boolean {
	return a.status_url === b.status_url && a.inbound_url === b.inbound_url;
}

function executionError(execution: Execution): string {
	return execution.data?.resultData?.error?.message ?? `status ${execution.status}`;
}

async function ensureSendWorkflow(ctx: Context, auth: 'jwt' | 'basic'): Promise<string> {
	const existing = ctx.sendWorkflows[auth];
	if (existing) return existing.path;
	const path = `e2e-send-${auth}`;
	const workflow = await ctx.n8n.createWorkflow(
		sendSmsWorkflow(`e2e: send SMS (${auth})`, path, ctx.credentials[auth]),
	);
	await ctx.n8n.publishWorkflow(workflow.id);
	ctx.sendWorkflows[auth] = { workflow, path };
	return path;
}

/** Runs the send workflow through its production webhook and returns the Send SMS output items. */
async function sendThroughN8n(
	ctx: Context,
	auth: 'jwt' | 'basic',
	run: string,
	count: number,
): Promise<Array<Record<string, unknown>>> {
	const path = await ensureSendWorkflow(ctx, auth);
	const response = await ctx.n8n.callWebhook(path, { run, count }, { timeoutMs: 60_000 });
	if (response.status !== 200) {
		const workflowId = ctx.sendWorkflows[auth]?.workflow.id ?? '';
		const [last] = await ctx.n8n.listExecutions({ workflowId, limit: 1 }).catch(() => []);
		throw new Error(
			`webhook answered ${response.status}: ${response.text.slice(0, 300)}${last ? `; execution: ${executionError(last)}` : ''}`,
		);
	}
	const items = Array.isArray(response.json)
		? (response.json as Array<Record<string, unknown>>)
		: [response.json as Record<string, unknown>];
	return items;
}

function byClientRef(messages: SentMessage[], prefix: string): Map<string, SentMessage[]> {
	const map = new Map<string, SentMessage[]>();
	for (const m of messages) {
		if (!m.clientRef.startsWith(prefix)) continue;
		map.set(m.clientRef, [...(map.get(m.clientRef) ?? []), m]);
	}
	return map;
}

function sendScenario(auth: 'jwt' | 'basic'): Scenario {
	return {
		name: `Send SMS with ${auth === 'jwt' ? 'JWT' : 'Basic'} credentials: ${SEND_COUNT} items, each message sent exactly once with its client_ref`,
		timeoutMs: 90_000,
		async run(ctx) {
			const run = `${auth}-${ctx.mode}-${Date.now().toString(36)}`;
			const items = await sendThroughN8n(ctx, auth, run, SEND_COUNT);
			assert.equal(items.length, SEND_COUNT, `Send SMS output ${items.length} items`);
			for (const [i, item] of items.entries()) {
				for (const field of ['message_uuid', 'to', 'from', 'client_ref', 'encoding', 'parts']) {
					assert.ok(
						item[field] !== undefined && item[field] !== '',
						`output item ${i} lacks ${field}: ${JSON.stringify(item)}`,
					);
				}
			}
			assert.deepEqual(
				items.map((i) => i.client_ref).sort(),
				Array.from({ length: SEND_COUNT }, (_, i) => `${run}-${i}`).sort(),
				'output client_refs',
			);
			const received = byClientRef(await ctx.emulator.messages(), `${run}-`);
			const duplicates = [...received].filter(([, list]) => list.length > 1).map(([ref]) => ref);
			assert.deepEqual(duplicates, [], 'messages the emulator received more than once');
			assert.equal(
				received.size,
				SEND_COUNT,
				`the emulator received ${received.size} of ${SEND_COUNT} messages`,
			);
			for (let i = 0; i < SEND_COUNT; i++) {
				const [message] = received.get(`${run}-${i}`) ?? [];
				assert.ok(message, `no message with client_ref ${run}-${i}`);
				assert.equal(message.text, `Order ${run}-${i} has shipped`);
				assert.equal(message.to, `447700${900000 + i}`);
			}
			const uuids = new Set(items.map((i) => i.message_uuid));
			for (const m of received.values())
				assert.ok(uuids.has(m[0].messageUuid) || m[0].messageUuid === '', 'message_uuid in output');
			// Let the emulator finish its status webhooks for this batch (submitted + outcome per message)
			// so that they do not land on the status trigger the next scenario publishes.
			await waitFor(
				'the status webhooks of the batch',
				async () =>
					(await ctx.emulator.statusWebhooksFor(`${run}-`)) >= 2 * SEND_COUNT ? true : undefined,
				10_000,
				250,
			).catch(() => undefined);
		},
	};
}

export const scenarios: Scenario[] = [
	{
		name: 'n8n loads the package (community node): node types and credential type',
		timeoutMs: 20_000,
		async run(ctx) {
			const names = new Set((await ctx.n8n.nodeTypes()).map((t) => t.name));
			const missing = [SEND_NODE, STATUS_TRIGGER, INBOUND_TRIGGER].filter((n) => !names.has(n));
			assert.deepEqual(
				missing,
				[],
				'node types n8n did not load (does dist/ have them? see the n8n log)',
			);
			await ctx.n8n.api('GET', `/credentials/schema/${CREDENTIAL_TYPE}`);
		},
	},
	sendScenario('jwt'),
	sendScenario('basic'),
	{
		name: 'publishing the status and inbound triggers points the Vonage application at their production URLs',
		timeoutMs: 60_000,
		async run(ctx) {
			ctx.webhooksBefore = await ctx.emulator.applicationWebhooks();
			const statusInput = statusWorkflow('e2e: message status', ctx.credentials.jwt);
			const replyInput = replyWorkflow('e2e: reply to inbound SMS', ctx.credentials.jwt);
			const status = await ctx.n8n.createWorkflow(statusInput);
			const reply = await ctx.n8n.createWorkflow(replyInput);
			ctx.status = {
				workflow: status,
				input: statusInput,
				url: productionUrl(ctx.n8n.webhookBaseUrl, statusInput, 'Message Status', 'status'),
			};
			ctx.reply = {
				workflow: reply,
				input: replyInput,
				url: productionUrl(ctx.n8n.webhookBaseUrl, replyInput, 'Inbound SMS', 'inbound'),
			};
			// One after the other: publishing returns before n8n has run the trigger's registration, and
			// two registrations at once on one application can lose one of the two updates.
			const expected: { status_url?: string; inbound_url?: string } = { ...ctx.webhooksBefore };
			for (const [workflow, key, url] of [
				[status, 'status_url', ctx.status.url],
				[reply, 'inbound_url', ctx.reply.url],
			] as const) {
				await ctx.n8n.publishWorkflow(workflow.id);
				expected[key] = url;
				let last: AppWebhooks = {};
				await waitFor(
					`the application's ${key} to point at n8n`,
					async () => {
						last = await ctx.emulator.applicationWebhooks();
						return sameWebhooks(last, expected) ? true : undefined;
					},
					20_000,
					200,
				).catch(() =>
					assert.deepEqual(
						last,
						expected,
						`application webhooks after publishing ${workflow.name}`,
					),
				);
			}
			assert.ok((await ctx.n8n.getWorkflow(status.id)).active, 'status workflow is published');
		},
	},
	{
		name: 'signed status webhooks reach the status trigger, on the output of their status, with client_ref',
		timeoutMs: 60_000,
		async run(ctx) {
			assert.ok(ctx.status, 'needs the published status workflow');
			const run = `status-${ctx.mode}-${Date.now().toString(36)}`;
			const [sent] = await sendThroughN8n(ctx, 'jwt', run, 1);
			const clientRef = `${run}-0`;
			assert.equal(sent.client_ref, clientRef);
			const workflowId = ctx.status.workflow.id;
			const ours = (executions: Execution[]) =>
				executions
					.map((e) => ({ e, outputs: nodeOutputs(e, 'Message Status') }))
					.filter(({ outputs }) =>
						outputs.some((items) => items.some((j) => j.client_ref === clientRef)),
					);
			const seen = await waitFor(
				`status executions for ${clientRef} up to "delivered"`,
				async () => {
					const found = ours(await ctx.n8n.listExecutions({ workflowId }));
					const statuses = found.flatMap(({ outputs }) => outputs.flat().map((j) => j.status));
					return statuses.includes('delivered') ? found : undefined;
				},
				40_000,
				500,
			);
			for (const { e, outputs } of seen) {
				assert.equal(e.status, 'success', `execution ${e.id}: ${executionError(e)}`);
				outputs.forEach((items, index) => {
					for (const json of items) {
						assert.equal(
							json.client_ref,
							clientRef,
							`execution ${e.id} output ${index} client_ref`,
						);
						const branch =
							json.status === 'rejected' || json.status === 'undeliverable'
								? 'failed'
								: json.status;
						assert.equal(
							STATUS_OUTPUTS[index],
							branch,
							`execution ${e.id}: status "${String(json.status)}" came out of output ${index} (${STATUS_OUTPUTS[index]})`,
						);
						assert.equal(json.message_uuid, sent.message_uuid, 'message_uuid of the status');
					}
				});
				const index = outputs.findIndex((items) => items.length > 0);
				const downstream = e.data?.resultData?.runData?.[`On ${STATUS_OUTPUTS[index]}`];
				assert.ok(downstream, `execution ${e.id}: the node after output ${index} did not run`);
			}
		},
	},
	{
		name: 'unsigned status webhooks get 503, tampered ones 401, and start no execution; a correctly signed one is accepted',
		timeoutMs: 60_000,
		async run(ctx) {
			assert.ok(ctx.status, 'needs the published status workflow');
			const secret = ctx.emulator.credentials.signatureSecret;
			const event = (ref: string) =>
				JSON.stringify({
					message_uuid: `aaaaaaaa-0000-4000-8000-${Date.now().toString().padStart(12, '0').slice(-12)}`,
					to: '447700900000',
					from: 'AcmeShop',
					timestamp: new Date().toISOString(),
					status: 'delivered',
					client_ref: ref,
					channel: 'sms',
				});
			const post = async (body: string, authorization?: string) => {
				const res = await fetch(ctx.status!.url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						...(authorization ? { authorization } : {}),
					},
					body,
				});
				return { status: res.status, text: await res.text() };
			};
			const tamperedRef = `tampered-${ctx.mode}`;
			const body = event(tamperedRef);
			const attempts = {
				unsigned: await post(body),
				'payload_hash of another body': await post(
					body,
					`Bearer ${signWebhook(event('other'), secret)}`,
				),
				'wrong secret': await post(body, `Bearer ${signWebhook(body, `${secret}x`)}`),
				'expired token': await post(
					body,
					`Bearer ${signWebhook(body, secret, { iat: Math.floor(Date.now() / 1000) - 26 * 3600 })}`,
				),
			};
			for (const [what, res] of Object.entries(attempts)) {
				const expected = what === 'unsigned' ? 503 : 401; // unsigned: Vonage retries on 5xx
				assert.equal(
					res.status,
					expected,
					`${what}: answered ${res.status} ${res.text.slice(0, 200)}`,
				);
			}
			const signedRef = `signed-${ctx.mode}`;
			const signedBody = event(signedRef);
			const accepted = await post(signedBody, `Bearer ${signWebhook(signedBody, secret)}`);
			assert.equal(
				accepted.status,
				200,
				`correctly signed: answered ${accepted.status} ${accepted.text.slice(0, 200)}`,
			);
			const workflowId = ctx.status.workflow.id;
			const refsIn = (executions: Execution[]) =>
				executions.flatMap((e) =>
					nodeOutputs(e, 'Message Status')
						.flat()
						.map((j) => j.client_ref),
				);
			const refs = await waitFor(
				'the execution of the correctly signed webhook',
				async () => {
					const found = refsIn(await ctx.n8n.listExecutions({ workflowId }));
					return found.includes(signedRef) ? found : undefined;
				},
				30_000,
				500,
			);
			assert.ok(!refs.includes(tamperedRef), 'a rejected webhook started an execution');
		},
	},
	{
		name: 'an inbound SMS starts the reply workflow, which answers the sender through Send SMS',
		timeoutMs: 60_000,
		async run(ctx) {
			assert.ok(ctx.reply, 'needs the published reply workflow');
			const sender = `447700${String(Date.now()).slice(-6)}`;
			const text = `Where is my order? (${ctx.mode})`;
			const delivery = await ctx.emulator.inbound({ from: sender, to: '447700900001', text });
			const reply = await waitFor(
				`a reply SMS to ${sender}`,
				async () => (await ctx.emulator.messages()).find((m) => m.to === sender),
				30_000,
				500,
			).catch(async (error: Error) => {
				const [last] = await ctx.n8n.listExecutions({
					workflowId: ctx.reply!.workflow.id,
					limit: 1,
				});
				const execution = last
					? `last execution ${last.id}: ${executionError(last)}`
					: 'no execution';
				throw new Error(
					`${error.message}; inbound webhook delivery: ${JSON.stringify(delivery)}; ${execution}`,
				);
			});
			assert.match(reply.clientRef, /^reply-/, 'reply client_ref');
			assert.ok(reply.text.includes(text), `reply text: ${reply.text}`);
			assert.equal(reply.from, '447700900001');
			const [execution] = await ctx.n8n.waitForExecutions(ctx.reply.workflow.id, 1, 20_000);
			assert.equal(execution.status, 'success', executionError(execution));
		},
	},
	{
		name: 'unpublishing the triggers restores the application webhook URLs they replaced',
		timeoutMs: 60_000,
		async run(ctx) {
			assert.ok(
				ctx.status && ctx.reply && ctx.webhooksBefore,
				'needs the published trigger workflows',
			);
			// One after the other, for the same reason as when publishing.
			const expected: { status_url?: string; inbound_url?: string } = {
				status_url: ctx.status.url,
				inbound_url: ctx.reply.url,
			};
			for (const [workflow, key] of [
				[ctx.status.workflow, 'status_url'],
				[ctx.reply.workflow, 'inbound_url'],
			] as const) {
				await ctx.n8n.unpublishWorkflow(workflow.id);
				expected[key] = ctx.webhooksBefore[key];
				let last: AppWebhooks = {};
				await waitFor(
					`the application's ${key} to be restored`,
					async () => {
						last = await ctx.emulator.applicationWebhooks();
						return sameWebhooks(last, expected) ? true : undefined;
					},
					20_000,
					200,
				).catch(() =>
					assert.deepEqual(
						last,
						expected,
						`application webhooks after unpublishing ${workflow.name}`,
					),
				);
			}
		},
	},
	...webhookScenarios,
	...credregScenarios,
	...hardeningRegistrationScenarios,
	...sendhardScenarios,
	...channelScenarios,
	...v1TypeScenarios,
	...receiveScenarios,
	...hardeningWebhookScenarios,
	...hardeningSendingScenarios,
	...v1ActsScenarios,
	// Before Send and Wait, whose Inbound Trigger stays published to the end.
	...groupScenarios,
	...sendAndWaitScenarios,
];
