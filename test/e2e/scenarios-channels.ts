// Channels besides SMS in real n8n: WhatsApp (text, image, template) and MMS sent through v0.1 and v1,
// and inbound WhatsApp and MMS messages received by the Inbound Trigger (channel filter, media in its
// normalised fields) and answered on their own channel.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { waitFor } from './n8n/proc';
import type { Workflow, WorkflowInput } from './n8n/server';
import type { Context, Scenario } from './scenarios';
import {
	CREDENTIAL_TYPE,
	INBOUND_TRIGGER,
	SEND_NODE,
	credentials,
	productionUrl,
	webhookNode,
	type CredentialRef,
} from './workflows';

const WA_NUMBER = '447700900001';
const MMS_SHORTCODE = '12345';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- emulator records and executions are read loosely, as JSON
type Json = Record<string, any>;

function sendNode(name: string, x: number, parameters: Json, credential: CredentialRef): Json {
	return {
		parameters: { operation: 'send', ...parameters },
		name,
		type: SEND_NODE,
		typeVersion: 1,
		position: [x, 0],
		credentials: credentials(credential),
	};
}

/** Webhook (body {run}) -> WhatsApp text (v0.1) -> WhatsApp image (v1) -> WhatsApp template (v0.1) -> MMS image (v1). */
function channelsSendWorkflow(path: string, credential: CredentialRef): WorkflowInput {
	const run = "{{ $('Webhook').item.json.body.run }}";
	const steps: Array<[string, Json]> = [
		[
			'WhatsApp text',
			{
				resource: 'whatsapp',
				from: WA_NUMBER,
				to: '447700900100',
				messageType: 'text',
				text: `=Hello from ${run}`,
				clientRef: `=${run}-wa-text`,
			},
		],
		[
			'WhatsApp image',
			{
				resource: 'whatsapp',
				from: WA_NUMBER,
				to: '447700900101',
				messageType: 'image',
				mediaUrl: 'https://example.com/cat.jpg',
				caption: 'Oliver',
				clientRef: `=${run}-wa-image`,
				options: { apiVersion: 'v1' },
			},
		],
		[
			'WhatsApp template',
			{
				resource: 'whatsapp',
				from: WA_NUMBER,
				to: '447700900102',
				messageType: 'template',
				templateName: 'acme:order_update',
				templateParameters: { parameter: [{ value: `=${run}` }] },
				locale: 'en-GB',
				policy: 'deterministic',
				clientRef: `=${run}-wa-template`,
			},
		],
		[
			'MMS image',
			{
				resource: 'mms',
				from: MMS_SHORTCODE,
				to: '12015550124',
				mediaUrl: 'https://example.com/receipt.jpg',
				caption: 'Receipt',
				clientRef: `=${run}-mms`,
				options: { apiVersion: 'v1' },
			},
		],
	];
	const nodes: Json[] = [
		webhookNode(path),
		...steps.map(([name, parameters], i) => sendNode(name, 220 * (i + 1), parameters, credential)),
	];
	const names = ['Webhook', ...steps.map(([name]) => name)];
	const connections: Json = {};
	for (let i = 0; i < names.length - 1; i++)
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return {
		name: 'e2e: send WhatsApp and MMS',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** Inbound Trigger (WhatsApp and MMS only) -> If MMS: MMS reply with the same picture, else a WhatsApp text reply. */
function channelsReplyWorkflow(credential: CredentialRef): WorkflowInput {
	return {
		name: 'e2e: reply on WhatsApp and MMS',
		nodes: [
			{
				parameters: { registration: 'automatic', options: { channels: ['whatsapp', 'mms'] } },
				name: 'Inbound',
				type: INBOUND_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(credential),
			},
			{
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
						conditions: [
							{
								id: 'c1',
								leftValue: '={{ $json.channel }}',
								rightValue: 'mms',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
				name: 'Is MMS',
				type: 'n8n-nodes-base.if',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				...sendNode(
					'MMS Reply',
					440,
					{
						resource: 'mms',
						from: '={{ $json.recipient }}',
						to: '={{ $json.sender }}',
						mediaUrl: '={{ $json.media_url }}',
						clientRef: '=mms-reply-{{ $json.message_uuid.slice(0, 8) }}',
					},
					credential,
				),
				position: [440, -100],
			},
			{
				...sendNode(
					'WhatsApp Reply',
					440,
					{
						resource: 'whatsapp',
						from: '={{ $json.recipient }}',
						to: '={{ $json.sender }}',
						messageType: 'text',
						text: "=Got your {{ $json.message_type }}{{ $json.text ? ': ' + $json.text : '' }}{{ $json.media_url ? ' at ' + $json.media_url : '' }}",
						clientRef: '=wa-reply-{{ $json.message_uuid.slice(0, 8) }}',
					},
					credential,
				),
				position: [440, 100],
			},
		],
		connections: {
			Inbound: { main: [[{ node: 'Is MMS', type: 'main', index: 0 }]] },
			'Is MMS': {
				main: [
					[{ node: 'MMS Reply', type: 'main', index: 0 }],
					[{ node: 'WhatsApp Reply', type: 'main', index: 0 }],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

/** examples/whatsapp-reply-bot.json as a user imports it: this run's credential, fresh webhook ids. */
function whatsappBotExample(credential: CredentialRef): WorkflowInput {
	const file = path.resolve(__dirname, '../../examples/whatsapp-reply-bot.json');
	const input = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowInput & { nodes: Json[] };
	for (const node of input.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials = { [CREDENTIAL_TYPE]: credential };
		if (node.webhookId) node.webhookId = crypto.randomUUID();
	}
	return {
		name: `e2e examples: WhatsApp reply bot`,
		nodes: input.nodes,
		connections: input.connections,
		settings: input.settings,
	};
}

async function emulatorState(ctx: Context): Promise<Json> {
	const res = await fetch(`${ctx.emulator.url}/_emulator/state`);
	return (await res.json()) as Json;
}

const accepted = async (ctx: Context): Promise<Json[]> =>
	((await emulatorState(ctx)).accepted as Json[]) ?? [];
const refOf = (m: Json): string => String(m.body?.client_ref ?? '');

async function inbound(ctx: Context, body: Json): Promise<Json> {
	const res = await fetch(`${ctx.emulator.url}/_emulator/inbound`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST /_emulator/inbound: ${res.status} ${text}`);
	return JSON.parse(text) as Json;
}

/** Runs the send workflow once and checks what the emulator received from each node. */
async function sendAll(ctx: Context, path: string): Promise<void> {
	const run = `ch-${ctx.mode}-${Date.now().toString(36)}`;
	const response = await ctx.n8n.callWebhook(path, { run }, { timeoutMs: 60_000 });
	assert.equal(
		response.status,
		200,
		`webhook answered ${response.status}: ${response.text.slice(0, 300)}`,
	);
	const [mms] = (Array.isArray(response.json) ? response.json : [response.json]) as Json[];
	assert.deepEqual(
		{
			channel: mms.channel,
			message_type: mms.message_type,
			to: mms.to,
			from: mms.from,
			client_ref: mms.client_ref,
		},
		{
			channel: 'mms',
			message_type: 'image',
			to: '12015550124',
			from: MMS_SHORTCODE,
			client_ref: `${run}-mms`,
		},
	);
	const mine = (await accepted(ctx)).filter((m) => refOf(m).startsWith(`${run}-`));
	const byRef = new Map(mine.map((m) => [refOf(m), m]));
	assert.equal(
		mine.length,
		4,
		`the emulator received ${mine.length} of 4 messages (${[...byRef.keys()].join(', ')})`,
	);
	assert.deepEqual(byRef.get(`${run}-wa-text`)?.body.message, {
		content: { type: 'text', text: `Hello from ${run}` },
	});
	assert.equal(byRef.get(`${run}-wa-text`)?.version, undefined, 'WhatsApp text went through v0.1');
	assert.deepEqual(byRef.get(`${run}-wa-image`)?.body.image, {
		url: 'https://example.com/cat.jpg',
		caption: 'Oliver',
	});
	assert.equal(byRef.get(`${run}-wa-image`)?.version, 'v1');
	assert.deepEqual(byRef.get(`${run}-wa-template`)?.body.message.whatsapp, {
		policy: 'deterministic',
		locale: 'en-GB',
	});
	assert.deepEqual(byRef.get(`${run}-wa-template`)?.body.message.content.template, {
		name: 'acme:order_update',
		parameters: [run],
	});
	assert.deepEqual(byRef.get(`${run}-mms`)?.body, {
		channel: 'mms',
		message_type: 'image',
		to: '12015550124',
		from: MMS_SHORTCODE,
		image: { url: 'https://example.com/receipt.jpg', caption: 'Receipt' },
		client_ref: `${run}-mms`,
	});
}

/** Inbound WhatsApp, MMS and SMS to the published channels workflow: replies on WhatsApp and MMS, none for SMS. */
async function runReplies(ctx: Context, workflow: Workflow, url: string): Promise<void> {
	await waitFor(
		'the inbound URL to point at the channels workflow',
		async () => ((await ctx.emulator.applicationWebhooks()).inbound_url === url ? true : undefined),
		20_000,
		200,
	);

	const tag = Date.now().toString().slice(-6);
	const waSender = `4477001${tag}`;
	const mmsSender = `1201555${tag.slice(-4)}`;
	const smsSender = `4477002${tag}`;
	await inbound(ctx, {
		channel: 'whatsapp',
		from: waSender,
		to: WA_NUMBER,
		text: 'Where is my order?',
	});
	await inbound(ctx, {
		channel: 'whatsapp',
		from: waSender,
		to: WA_NUMBER,
		type: 'image',
		url: 'https://example.com/broken.jpg',
		caption: 'It arrived broken',
	});
	await inbound(ctx, {
		channel: 'mms',
		from: mmsSender,
		to: MMS_SHORTCODE,
		type: 'image',
		url: 'https://example.com/mms.jpg',
	});
	await inbound(ctx, { from: smsSender, to: WA_NUMBER, text: 'an SMS the trigger must ignore' });

	const replies = await waitFor(
		'two WhatsApp replies and one MMS reply',
		async () => {
			const all = await accepted(ctx);
			const wa = all.filter((m) => (m.body.to?.number ?? m.body.to) === waSender);
			const mms = all.filter((m) => (m.body.to?.number ?? m.body.to) === mmsSender);
			return wa.length >= 2 && mms.length >= 1 ? { wa, mms, all } : undefined;
		},
		40_000,
		500,
	).catch(async (error: Error) => {
		const [last] = await ctx.n8n.listExecutions({ workflowId: workflow.id, limit: 1 });
		throw new Error(
			`${error.message}; last execution: ${last ? `${last.id} ${last.status} ${last.data?.resultData?.error?.message ?? ''}` : 'none'}`,
		);
	});
	const texts = replies.wa.map((m) => String(m.body.message?.content?.text ?? m.body.text)).sort();
	assert.deepEqual(texts, [
		'Got your image at https://example.com/broken.jpg',
		'Got your text: Where is my order?',
	]);
	assert.ok(
		replies.wa.every((m) => m.body.from?.type === 'whatsapp' && m.body.from.number === WA_NUMBER),
		'WhatsApp replies come from the WhatsApp number',
	);
	assert.deepEqual(replies.mms[0].body.message?.content, {
		type: 'image',
		image: { url: 'https://example.com/mms.jpg' },
	});
	assert.equal(replies.mms[0].body.from?.number, MMS_SHORTCODE);
	assert.equal(
		replies.all.filter((m) => (m.body.to?.number ?? m.body.to) === smsSender).length,
		0,
		'the SMS started nothing',
	);
	const executions = await ctx.n8n.waitForExecutions(workflow.id, 3, 20_000);
	assert.equal(
		executions.length,
		3,
		`${executions.length} executions for 3 WhatsApp/MMS messages and 1 SMS`,
	);
	for (const e of executions)
		assert.equal(
			e.status,
			'success',
			`execution ${e.id}: ${e.data?.resultData?.error?.message ?? e.status}`,
		);
}

export const channelScenarios: Scenario[] = [
	{
		name: 'WhatsApp (text v0.1, image v1, template v0.1) and MMS (image v1) are sent once each, in the body of their API version',
		timeoutMs: 60_000,
		async run(ctx) {
			const path = `e2e-channels-${ctx.mode}`;
			const workflow = await ctx.n8n.createWorkflow(
				channelsSendWorkflow(path, ctx.credentials.jwt),
			);
			await ctx.n8n.publishWorkflow(workflow.id);
			try {
				await sendAll(ctx, path);
			} finally {
				await ctx.n8n.unpublishWorkflow(workflow.id);
			}
		},
	},
	{
		name: 'inbound WhatsApp (text, image) and MMS reach the Inbound Trigger with their media; each is answered on its channel; SMS is filtered out',
		timeoutMs: 90_000,
		async run(ctx) {
			const input = channelsReplyWorkflow(ctx.credentials.jwt);
			const replyWorkflow = await ctx.n8n.createWorkflow(input);
			const url = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Inbound', 'inbound');
			await ctx.n8n.publishWorkflow(replyWorkflow.id);
			try {
				await runReplies(ctx, replyWorkflow, url);
			} finally {
				await ctx.n8n.unpublishWorkflow(replyWorkflow.id);
			}
		},
	},
	{
		name: 'examples/whatsapp-reply-bot.json: the WhatsApp reply bot answers text and images, and ignores SMS',
		timeoutMs: 90_000,
		async run(ctx) {
			const input = whatsappBotExample(ctx.credentials.jwt);
			const bot = await ctx.n8n.createWorkflow(input);
			const url = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Inbound WhatsApp', 'inbound');
			await ctx.n8n.publishWorkflow(bot.id);
			try {
				await waitFor(
					'the inbound URL to point at the WhatsApp bot',
					async () =>
						(await ctx.emulator.applicationWebhooks()).inbound_url === url ? true : undefined,
					20_000,
					200,
				);
				const sender = `4477003${Date.now().toString().slice(-6)}`;
				await inbound(ctx, {
					channel: 'whatsapp',
					from: sender,
					to: WA_NUMBER,
					text: 'Is the shop open?',
				});
				await inbound(ctx, {
					channel: 'whatsapp',
					from: sender,
					to: WA_NUMBER,
					type: 'image',
					url: 'https://example.com/p.jpg',
					caption: 'this one',
				});
				await inbound(ctx, { from: sender, to: WA_NUMBER, text: 'an SMS' });
				const replies = await waitFor(
					'two WhatsApp replies',
					async () => {
						const mine = (await accepted(ctx)).filter(
							(m) => (m.body.to?.number ?? m.body.to) === sender,
						);
						return mine.length >= 2 ? mine : undefined;
					},
					40_000,
					500,
				);
				const texts = replies
					.map((m) => String(m.body.message?.content?.text ?? m.body.text))
					.sort();
				assert.deepEqual(texts, [
					'Thanks for the image ("this one"). We will have a look.',
					'Thanks, we got your message: "Is the shop open?". We will get back to you soon.',
				]);
				assert.ok(
					replies.every((m) => (m.body.to?.type ?? m.body.channel) === 'whatsapp'),
					'replies go out on WhatsApp',
				);
				await new Promise((resolve) => setTimeout(resolve, 1000));
				assert.equal(
					(await accepted(ctx)).filter((m) => (m.body.to?.number ?? m.body.to) === sender).length,
					2,
					'the SMS got no reply',
				);
			} finally {
				await ctx.n8n.unpublishWorkflow(bot.id);
			}
		},
	},
];
