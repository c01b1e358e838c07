// Both webhook formats in real n8n (issue 7 points 1 and 3): the example workflows of examples/, as a
// user imports them, run unchanged against a v0.1 and a v1 application; the account's "Messaging API
// type" and the account-level status URL of Basic-auth sends behave as on a real account.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import jwt from 'jsonwebtoken';

import { waitFor } from './n8n/proc';
import type { Execution, Workflow, WorkflowInput } from './n8n/server';
import type { Context, Scenario } from './scenarios';
import { CREDENTIAL_TYPE, productionUrl, type CredentialRef } from './workflows';

type Json = Record<string, unknown>;
type App = Json & { _links?: unknown; capabilities: { messages: Json } };
type Version = 'v0.1' | 'v1';

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** An example workflow as a user imports it, with this run's credential, name and fresh webhook ids. */
function example(file: string, name: string, credential: CredentialRef): WorkflowInput {
	const input = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowInput & {
		nodes: Array<{ credentials?: Json; webhookId?: string }>;
	};
	for (const node of input.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials = { [CREDENTIAL_TYPE]: credential };
		if (node.webhookId) node.webhookId = crypto.randomUUID();
	}
	return { name, nodes: input.nodes, connections: input.connections, settings: input.settings };
}

function itemsOf(execution: Execution, nodeName: string): Json[] {
	const main = execution.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main ?? [];
	return main.flatMap((items) => (items ?? []).map((i) => i.json));
}

async function control(ctx: Context, route: string, body: unknown): Promise<void> {
	const res = await fetch(`${ctx.emulator.url}/_emulator/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert.equal(res.status, 200, `POST /_emulator/${route}: ${res.status} ${await res.text()}`);
}

/** Sets the application's webhook version the way a user does: Applications API GET, change, PUT (unset: no field). */
async function setApplicationVersion(ctx: Context, version: Version | undefined): Promise<void> {
	const { apiKey, apiSecret, applicationId } = ctx.emulator.credentials;
	const url = `${ctx.emulator.url}/v2/applications/${applicationId}`;
	const headers = {
		authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
		'content-type': 'application/json',
	};
	const app = (await (await fetch(url, { headers })).json()) as App;
	delete app._links;
	if (version === undefined) delete app.capabilities.messages.version;
	else app.capabilities.messages.version = version;
	const res = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(app) });
	assert.equal(res.status, 200, `PUT application: ${res.status} ${await res.text()}`);
}

async function applicationVersion(ctx: Context): Promise<unknown> {
	const state = await ctx.emulator.state();
	return (state.application as App).capabilities?.messages?.version;
}

/** Sends an SMS straight to the emulator's Messages API, with a fresh application JWT or Basic auth. */
async function sendSms(
	ctx: Context,
	auth: 'jwt' | 'basic',
	to: string,
	clientRef: string,
): Promise<string> {
	const { apiKey, apiSecret, applicationId, privateKey } = ctx.emulator.credentials;
	const authorization =
		auth === 'jwt'
			? `Bearer ${jwt.sign({ application_id: applicationId, jti: crypto.randomUUID() }, privateKey, { algorithm: 'RS256', expiresIn: 300 })}`
			: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
	const body = {
		to: { type: 'sms', number: to },
		from: { type: 'sms', number: '447700900001' },
		message: { content: { type: 'text', text: `e2e ${clientRef}` } },
		client_ref: clientRef,
	};
	const res = await fetch(`${ctx.emulator.url}/v0.1/messages`, {
		method: 'POST',
		headers: { authorization, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	assert.equal(res.status, 202, `send: ${res.status} ${text}`);
	return (JSON.parse(text) as Json).message_uuid as string;
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

async function unpublishAndWait(
	ctx: Context,
	workflow: Workflow,
	key: 'status_url' | 'inbound_url',
	url: string,
): Promise<void> {
	await ctx.n8n.unpublishWorkflow(workflow.id);
	await waitFor(
		`the application's ${key} to leave ${workflow.name}`,
		async () => ((await ctx.emulator.applicationWebhooks())[key] !== url ? true : undefined),
		20_000,
		200,
	);
}

/**
 * The two examples a user imports first (status branches, reply bot), created, published and waited
 * for until the application points at each; `unpublish` undoes it and waits until it no longer does.
 */
async function publishExamples(ctx: Context, prefix: string, tag: string) {
	const statusInput = example(
		'delivery-status-branch.json',
		`${prefix}: status (${tag})`,
		ctx.credentials.jwt,
	);
	const replyInput = example('reply-bot.json', `${prefix}: reply (${tag})`, ctx.credentials.jwt);
	const status = await ctx.n8n.createWorkflow(statusInput);
	const reply = await ctx.n8n.createWorkflow(replyInput);
	const statusUrl = productionUrl(ctx.n8n.webhookBaseUrl, statusInput, 'Message Status', 'status');
	const replyUrl = productionUrl(ctx.n8n.webhookBaseUrl, replyInput, 'Inbound SMS', 'inbound');
	await publishAndWait(ctx, status, 'status_url', statusUrl);
	await publishAndWait(ctx, reply, 'inbound_url', replyUrl);
	return {
		status,
		statusUrl,
		unpublish: async () => {
			await unpublishAndWait(ctx, status, 'status_url', statusUrl);
			await unpublishAndWait(ctx, reply, 'inbound_url', replyUrl);
		},
	};
}

/** Deliveries the emulator recorded for a client_ref (status webhooks, sent or not). */
async function deliveriesFor(ctx: Context, clientRef: string): Promise<Json[]> {
	const state = await ctx.emulator.state();
	return (state.webhookDeliveries as Json[]).filter(
		(d) => typeof d.body === 'string' && d.body.includes(`"client_ref":"${clientRef}"`),
	);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function examplesScenario(version: Version): Scenario {
	return {
		name: `webhook formats: examples/ workflows run unchanged against a ${version} application (status branches with error explanation, reply bot)`,
		timeoutMs: 120_000,
		async run(ctx) {
			const tag = `${version}-${ctx.mode}-${Date.now().toString(36)}`;
			await setApplicationVersion(ctx, version === 'v1' ? undefined : version); // v1: unset, as on a real application
			const { status, unpublish } = await publishExamples(ctx, 'e2e examples', tag);
			try {
				assert.equal(
					await applicationVersion(ctx),
					version === 'v1' ? undefined : version,
					'registration kept the application webhook version',
				);
				const ok = `ok-${tag}`;
				const bad = `bad-${tag}`;
				await sendSms(ctx, 'jwt', '447700900123', ok);
				await sendSms(ctx, 'jwt', '447700900666', bad);
				const executions = await waitFor(
					'status executions up to delivered and rejected',
					async () => {
						const list = await ctx.n8n.listExecutions({ workflowId: status.id });
						const done = (node: string, ref: string) =>
							list.some((e) => itemsOf(e, node).some((j) => j.order === ref));
						return done('Delivered', ok) && done('Failed', bad) ? list : undefined;
					},
					40_000,
					500,
				);
				for (const e of executions)
					assert.equal(
						e.status,
						'success',
						`execution ${e.id}: ${e.data?.resultData?.error?.message ?? e.status}`,
					);
				const triggerItems = executions.flatMap((e) => itemsOf(e, 'Message Status'));
				assert.ok(
					triggerItems.length >= 4 && triggerItems.every((j) => j.webhook_version === version),
					`trigger output webhook_version: ${JSON.stringify(triggerItems.map((j) => j.webhook_version))}`,
				);
				const failed = executions.flatMap((e) => itemsOf(e, 'Failed')).find((j) => j.order === bad);
				assert.deepEqual(
					failed && { outcome: failed.outcome, reason: String(failed.reason).split(':')[0] },
					{ outcome: 'rejected', reason: 'Illegal Number' },
					`Failed branch: ${JSON.stringify(failed)}`,
				);
				assert.match(String(failed?.reason), /blacklisted phone number/);
				const submitted = executions.flatMap((e) => itemsOf(e, 'Submitted')).map((j) => j.order);
				assert.ok(
					submitted.includes(ok) && submitted.includes(bad),
					`Submitted branch: ${JSON.stringify(submitted)}`,
				);

				const sender = `4477009${String(Date.now()).slice(-5)}`;
				const text = `Where is my parcel? (${tag})`;
				await ctx.emulator.inbound({ from: sender, to: '447700900001', text });
				const answer = await waitFor(
					'the reply bot to answer',
					async () => (await ctx.emulator.messages()).find((m) => m.to === sender),
					30_000,
					500,
				);
				assert.equal(
					answer.from,
					'447700900001',
					'reply from the number the customer wrote to ($json.recipient)',
				);
				assert.ok(
					answer.text.includes(text),
					`reply quotes the message ($json.text): ${answer.text}`,
				);
			} finally {
				await unpublish();
				await setApplicationVersion(ctx, undefined);
			}
		},
	};
}

const accountScenario: Scenario = {
	name: 'webhook formats: a real account: Basic-auth status goes to the account-level URL, and SMS API as Messaging API type delivers no Messages webhook',
	timeoutMs: 120_000,
	async run(ctx) {
		const tag = `${ctx.mode}-${Date.now().toString(36)}`;
		const { status, statusUrl, unpublish } = await publishExamples(ctx, 'e2e account', tag);
		const refsSeen = async () =>
			(await ctx.n8n.listExecutions({ workflowId: status.id })).flatMap((e) =>
				itemsOf(e, 'Message Status').map((j) => j.client_ref),
			);
		try {
			// Basic auth, no account-level URL: the application's Status Trigger never hears of it.
			const lost = `basic-lost-${tag}`;
			await sendSms(ctx, 'basic', '447700900123', lost);
			const records = await waitFor(
				'both statuses recorded',
				async () =>
					(await deliveriesFor(ctx, lost)).length >= 2 ? deliveriesFor(ctx, lost) : undefined,
				20_000,
				250,
			);
			assert.deepEqual(
				records.map((d) => [d.target, d.attempt]),
				[
					['account', 0],
					['account', 0],
				],
				`deliveries: ${JSON.stringify(records)}`,
			);
			assert.ok(!(await refsSeen()).includes(lost), 'a Basic-auth status reached the application');

			// The README's advice: point the account-level URL at the trigger; then it fires.
			await control(ctx, 'config', { accountStatusUrl: statusUrl });
			const found = `basic-found-${tag}`;
			await sendSms(ctx, 'basic', '447700900123', found);
			await waitFor(
				'the Basic-auth status through the account-level URL',
				async () => ((await refsSeen()).includes(found) ? true : undefined),
				30_000,
				500,
			);

			// Messaging API type "SMS API": neither inbound messages nor statuses reach the triggers.
			await control(ctx, 'config', { messagingApiType: 'sms' });
			const quiet = `sms-api-${tag}`;
			await sendSms(ctx, 'jwt', '447700900123', quiet);
			const sender = `4477008${String(Date.now()).slice(-5)}`;
			const inbound = (await ctx.emulator.inbound({
				from: sender,
				to: '447700900001',
				text: 'anyone there?',
			})) as Json;
			assert.equal(inbound.attempt, 0, `inbound delivery: ${JSON.stringify(inbound)}`);
			assert.match(String(inbound.error), /SMS API/);
			await settle(3000);
			assert.ok(
				!(await refsSeen()).includes(quiet),
				'a status arrived while the account was on SMS API',
			);
			assert.equal(
				(await ctx.emulator.messages()).find((m) => m.to === sender),
				undefined,
				'the reply bot answered while the account was on SMS API',
			);
		} finally {
			await control(ctx, 'config', { messagingApiType: 'messages', accountStatusUrl: null });
			await unpublish();
		}
	},
};

export const webhookScenarios: Scenario[] = [
	examplesScenario('v0.1'),
	examplesScenario('v1'),
	accountScenario,
];
