// What only Messages API v1 has, in real n8n: an RCS text with suggested replies and actions sent by
// the Vonage Messages node, and the suggestion the customer tapped received by the Inbound Trigger
// (its text as `text`, its postback data as `choice_id`) and answered on RCS.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import { waitFor } from './n8n/proc';
import type { WorkflowInput } from './n8n/server';
import type { Context, Scenario } from './scenarios';
import {
	INBOUND_TRIGGER,
	SEND_NODE,
	credentials,
	productionUrl,
	webhookNode,
	type CredentialRef,
} from './workflows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- emulator records and executions are read loosely, as JSON
type Json = Record<string, any>;

const AGENT = 'VonageAgent';
const SUGGESTIONS = [
	{ type: 'reply', text: 'Yes please', postbackData: 'confirm_42' },
	{ type: 'dial', text: 'Call us', postbackData: 'call', phoneNumber: '+447700900001' },
	{ type: 'open_url', text: 'Track', postbackData: 'track', url: 'https://example.com/t/42' },
];

function sendNode(name: string, x: number, parameters: Json, credential: CredentialRef): Json {
	return {
		parameters: { operation: 'send', resource: 'rcs', from: AGENT, ...parameters },
		name,
		type: SEND_NODE,
		typeVersion: 1,
		position: [x, 0],
		credentials: credentials(credential),
	};
}

/** Webhook (body {to, run}) -> RCS text with three suggestions (API v1, the only one RCS has). */
function offerWorkflow(path: string, credential: CredentialRef): WorkflowInput {
	return {
		name: 'e2e: RCS offer with suggestions',
		nodes: [
			webhookNode(path),
			sendNode(
				'RCS Offer',
				220,
				{
					to: "={{ $('Webhook').item.json.body.to }}",
					text: 'Your order 42 is ready. Deliver today?',
					suggestions: JSON.stringify(SUGGESTIONS),
					clientRef: "={{ $('Webhook').item.json.body.run }}",
					options: { apiVersion: 'v1', ttl: 600 },
				},
				credential,
			),
		],
		connections: { Webhook: { main: [[{ node: 'RCS Offer', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Inbound Trigger (RCS only) -> an RCS text that repeats the choice. */
function answerWorkflow(credential: CredentialRef): WorkflowInput {
	return {
		name: 'e2e: RCS answer a tapped suggestion',
		nodes: [
			{
				parameters: { registration: 'automatic', options: { channels: ['rcs'] } },
				name: 'Inbound',
				type: INBOUND_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(credential),
			},
			sendNode(
				'RCS Answer',
				220,
				{
					from: '={{ $json.recipient }}',
					to: '={{ $json.sender }}',
					text: '=You chose {{ $json.choice_id }} ({{ $json.text }}) on {{ $json.channel }}',
				},
				credential,
			),
		],
		connections: { Inbound: { main: [[{ node: 'RCS Answer', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function emulatorJson(ctx: Context, route: string, body?: Json): Promise<Json> {
	const res = await fetch(`${ctx.emulator.url}${route}`, {
		method: body ? 'POST' : 'GET',
		headers: { 'content-type': 'application/json' },
		...(body ? { body: JSON.stringify(body) } : {}),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${route}: ${res.status} ${text}`);
	return JSON.parse(text) as Json;
}
const accepted = async (ctx: Context): Promise<Json[]> =>
	((await emulatorJson(ctx, '/_emulator/state')).accepted as Json[]) ?? [];

async function sendOffer(ctx: Context, path: string, customer: string, run: string): Promise<void> {
	const response = await ctx.n8n.callWebhook(path, { to: customer, run }, { timeoutMs: 60_000 });
	assert.equal(
		response.status,
		200,
		`webhook answered ${response.status}: ${response.text.slice(0, 300)}`,
	);
	const offers = (await accepted(ctx)).filter((m) => m.body?.client_ref === run);
	assert.equal(offers.length, 1, `the emulator received ${offers.length} offers`);
	assert.equal(offers[0].version, 'v1');
	assert.deepEqual(offers[0].body, {
		channel: 'rcs',
		message_type: 'text',
		to: customer,
		from: AGENT,
		text: 'Your order 42 is ready. Deliver today?',
		suggestions: [
			{ type: 'reply', text: 'Yes please', postback_data: 'confirm_42' },
			{ type: 'dial', text: 'Call us', postback_data: 'call', phone_number: '+447700900001' },
			{ type: 'open_url', text: 'Track', postback_data: 'track', url: 'https://example.com/t/42' },
		],
		client_ref: run,
		ttl: 600,
	});
}

export const v1TypeScenarios: Scenario[] = [
	{
		name: 'RCS: a text with suggestions is sent through v1, and the suggestion tapped reaches the Inbound Trigger as text and choice_id',
		timeoutMs: 90_000,
		async run(ctx) {
			const path = `e2e-rcs-${ctx.mode}`;
			const run = `rcs-${ctx.mode}-${Date.now().toString(36)}`;
			const customer = `4477003${Date.now().toString().slice(-5)}`;
			const offer = await ctx.n8n.createWorkflow(offerWorkflow(path, ctx.credentials.jwt));
			const input = answerWorkflow(ctx.credentials.jwt);
			const answer = await ctx.n8n.createWorkflow(input);
			const url = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Inbound', 'inbound');
			await ctx.n8n.publishWorkflow(offer.id);
			await ctx.n8n.publishWorkflow(answer.id);
			try {
				await sendOffer(ctx, path, customer, run);
				await waitFor(
					'the inbound URL to point at the RCS workflow',
					async () =>
						(await ctx.emulator.applicationWebhooks()).inbound_url === url ? true : undefined,
					20_000,
					200,
				);
				await emulatorJson(ctx, '/_emulator/inbound', {
					channel: 'rcs',
					from: customer,
					to: AGENT,
					type: 'button',
					text: 'Yes please',
					id: 'confirm_42',
				});
				const reply = await waitFor(
					'the RCS answer',
					async () =>
						(await accepted(ctx)).find(
							(m) => m.body?.to === customer && m.body?.client_ref !== run,
						),
					40_000,
					500,
				);
				assert.deepEqual(reply.body, {
					channel: 'rcs',
					message_type: 'text',
					to: customer,
					from: AGENT,
					text: 'You chose confirm_42 (Yes please) on rcs',
				});
				const [execution] = await ctx.n8n.waitForExecutions(answer.id, 1, 20_000);
				assert.equal(execution.status, 'success', execution.data?.resultData?.error?.message);
			} finally {
				await ctx.n8n.unpublishWorkflow(answer.id);
				await ctx.n8n.unpublishWorkflow(offer.id);
			}
		},
	},
];
