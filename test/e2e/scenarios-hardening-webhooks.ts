// Issue 16, items 1, 3, 4 in real n8n (single and queue mode): another workflow's unsigned flood leaves
// a signed trigger's duplicate keys in place (a count below the store's capacity: the capacity itself,
// 1 000 000 keys per trigger, is proven by the engine tests), a long message_uuid is caught like any
// other, an Only To Number of the wrong type stops publication, and a token used at one trigger stays
// used at another with the same secret after the first one's Max Signature Age.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import { waitFor } from './n8n/proc';
import { signWebhook } from './emulator-client';
import type { Context, Scenario } from './scenarios';
import {
	CREDENTIAL_TYPE,
	INBOUND_TRIGGER,
	STATUS_TRIGGER,
	productionUrl,
	triggerToNoOp,
} from './workflows';
import type { CredentialRef } from './workflows';
import type { WorkflowInput } from './n8n/server';

const NODE = 'Trigger';

function workflow(
	name: string,
	credential: CredentialRef,
	options: Record<string, unknown> = {},
	type = STATUS_TRIGGER,
): WorkflowInput {
	return triggerToNoOp(name, credential, {
		node: NODE,
		type,
		parameters: { registration: 'manual', options },
	});
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	return { status: res.status, text: await res.text() };
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Publishes a status-trigger workflow and waits until n8n serves its URL (a text body: 415). */
async function published(ctx: Context, name: string, credential: CredentialRef, options = {}) {
	const input = workflow(`e2e: ${name} (${ctx.mode})`, credential, options);
	const created = await ctx.n8n.createWorkflow(input);
	await ctx.n8n.publishWorkflow(created.id);
	const url = productionUrl(ctx.n8n.webhookBaseUrl, input, NODE, 'status');
	await waitFor(
		`${name} to be served`,
		async () =>
			(await post(url, 'x', { 'content-type': 'text/plain' })).status === 415 ? true : undefined,
		30_000,
		250,
	);
	return { id: created.id, url };
}

function statusEvent(ref: string, messageUuid: string = crypto.randomUUID()): string {
	return JSON.stringify({
		message_uuid: messageUuid,
		to: '447700900000',
		from: 'AcmeShop',
		timestamp: new Date().toISOString(),
		status: 'delivered',
		client_ref: ref,
		channel: 'sms',
	});
}

function signed(ctx: Context, body: string, claims: Record<string, unknown> = {}) {
	const { signatureSecret, apiKey, applicationId } = ctx.emulator.credentials;
	const token = signWebhook(body, signatureSecret, {
		api_key: apiKey,
		application_id: applicationId,
		...claims,
	});
	return { authorization: `Bearer ${token}` };
}

/** Executions of the workflow carrying `ref`, once the first is there and a little longer. */
async function runsWith(ctx: Context, workflowId: string, ref: string, atLeastOne = true) {
	const find = async () =>
		(await ctx.n8n.listExecutions({ workflowId })).filter((e) =>
			JSON.stringify(e.data?.resultData?.runData?.[NODE] ?? []).includes(`"client_ref":"${ref}"`),
		);
	if (atLeastOne)
		await waitFor(
			`an execution for ${ref}`,
			async () => ((await find()).length ? true : undefined),
			60_000,
			500,
		);
	await sleep(3000);
	return (await find()).length;
}

async function unsignedCredential(ctx: Context): Promise<CredentialRef> {
	const { apiKey, apiSecret, applicationId, privateKey } = ctx.emulator.credentials;
	const name = `e2e unsigned ${Date.now().toString(36)}`;
	const data = {
		authType: 'jwt',
		apiKey,
		apiSecret,
		applicationId,
		privateKey,
		signatureSecret: '',
		baseUrl: ctx.emulator.url,
	};
	return { id: await ctx.n8n.createCredential({ name, type: CREDENTIAL_TYPE, data }), name };
}

export const hardeningWebhookScenarios: Scenario[] = [
	{
		name: 'hardening webhooks: 200 unsigned events to another workflow leave a signed trigger catching a re-signed retry; a 100 KB message_uuid is caught too',
		timeoutMs: 240_000,
		async run(ctx) {
			const signedWf = await published(ctx, 'signed duplicates', ctx.credentials.jwt);
			const floodWf = await published(ctx, 'unsigned flood', await unsignedCredential(ctx));
			const ref = `fair-${ctx.mode}-${Date.now().toString(36)}`;
			const body = statusEvent(ref);
			assert.equal(
				(await post(signedWf.url, body, signed(ctx, body))).status,
				200,
				'first delivery',
			);
			for (let wave = 0; wave < 20; wave++) {
				const statuses = await Promise.all(
					Array.from(
						{ length: 10 },
						async () => (await post(floodWf.url, statusEvent(`flood-${ctx.mode}`))).status,
					),
				);
				assert.deepEqual(
					new Set(statuses),
					new Set([200]),
					`flood wave ${wave}: ${statuses.join(',')}`,
				);
			}
			assert.equal(
				(await post(signedWf.url, body, signed(ctx, body))).status,
				200,
				're-signed retry',
			);
			assert.equal(await runsWith(ctx, signedWf.id, ref), 1, 'executions of the signed event');
			const longRef = `long-${ctx.mode}-${Date.now().toString(36)}`;
			const long = statusEvent(longRef, crypto.randomUUID().padEnd(100_000, 'x'));
			for (let i = 0; i < 2; i++)
				assert.equal(
					(await post(signedWf.url, long, signed(ctx, long))).status,
					200,
					`long ${i + 1}`,
				);
			assert.equal(await runsWith(ctx, signedWf.id, longRef), 1, 'executions of the long event');
			for (const id of [signedWf.id, floodWf.id]) await ctx.n8n.unpublishWorkflow(id);
		},
	},
	{
		name: 'hardening webhooks: a token used at a trigger with Max Signature Age 10 s starts nothing at another trigger with the same secret 62 s later',
		timeoutMs: 180_000,
		async run(ctx) {
			const strict = await published(ctx, 'max age 10 s', ctx.credentials.jwt, {
				maxAgeSeconds: 10,
			});
			const lenient = await published(ctx, 'max age default', ctx.credentials.jwt);
			const ref = `replay-${ctx.mode}-${Date.now().toString(36)}`;
			const body = statusEvent(ref);
			const headers = signed(ctx, body, { iat: Math.floor(Date.now() / 1000) - 9 });
			assert.equal((await post(strict.url, body, headers)).status, 200, 'at the 10 s trigger');
			assert.equal(await runsWith(ctx, strict.id, ref), 1, 'executions at the 10 s trigger');
			await sleep(62_000); // past 10 s + 60 s of clock skew after iat: the old store had forgotten it
			const replay = await post(lenient.url, body, headers);
			assert.deepEqual(
				[replay.status, JSON.parse(replay.text)],
				[200, { status: 'ignored', reason: 'token already used' }],
			);
			assert.equal(
				await runsWith(ctx, lenient.id, ref, false),
				0,
				'executions at the other trigger',
			);
			for (const id of [strict.id, lenient.id]) await ctx.n8n.unpublishWorkflow(id);
		},
	},
	{
		name: 'hardening webhooks: an Only To Number set by expression to a number stops publication naming the option',
		timeoutMs: 60_000,
		n8nLines: ['2.x'], // reads 2.x's publication status (as scenarios-receive.ts does)
		async run(ctx) {
			const input = workflow(
				`e2e: to number as a number (${ctx.mode})`,
				ctx.credentials.jwt,
				{ toNumber: '={{ 447700900001 }}' },
				INBOUND_TRIGGER,
			);
			const created = await ctx.n8n.createWorkflow(input);
			await ctx.n8n.publishWorkflow(created.id);
			let last: unknown;
			await waitFor(
				'the publication status to report the option',
				async () => {
					last = await ctx.n8n.rest('GET', `/workflows/${created.id}/publication-status`);
					return /Only To Number must be text, not the number 447700900001/.test(
						JSON.stringify(last),
					)
						? true
						: undefined;
				},
				40_000,
				500,
			).catch(() => assert.fail(`publication status: ${JSON.stringify(last).slice(0, 500)}`));
			await ctx.n8n.unpublishWorkflow(created.id).catch(() => undefined);
		},
	},
];
