// Issue 16 item 8 in real n8n: a previous Status URL that only looks like one of this n8n's trigger URLs
// (a plain Webhook node's, another service's on the same host, an inbound-looking one) is put back when
// the trigger is unpublished; a URL that one of our triggers registered and nothing listens on any more
// (its workflow was unpublished after its credential was deleted) is removed instead. What decides it
// is kept in the workflow's static data, as n8n saves it after activation.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import { waitFor } from './n8n/proc';
import type { Context, Scenario } from './scenarios';
import { CREDENTIAL_TYPE, productionUrl, statusWorkflow, webhookNode } from './workflows';

/** Sets the application's Status URL (or removes it) through the Applications API, as a user would. */
async function setStatusUrl(ctx: Context, address: string | undefined): Promise<void> {
	await ctx.emulator.setApplicationWebhook('status_url', address);
}

async function statusUrlBecomes(ctx: Context, what: string, expected: string | undefined) {
	let last: string | undefined;
	await waitFor(
		what,
		async () => {
			last = (await ctx.emulator.applicationWebhooks()).status_url;
			return last === expected ? true : undefined;
		},
		20_000,
		200,
	).catch(() => assert.equal(last, expected, what));
}

/** Publishes, waits for our URL, unpublishes: what is left on the application afterwards. */
async function publishAndUnpublish(ctx: Context, label: string): Promise<string> {
	const input = statusWorkflow(`e2e: registration ${label} (${ctx.mode})`, ctx.credentials.jwt);
	const workflow = await ctx.n8n.createWorkflow(input);
	const ours = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Message Status', 'status');
	try {
		await ctx.n8n.publishWorkflow(workflow.id);
		await statusUrlBecomes(ctx, `${label}: the Status URL to point at the trigger`, ours);
	} finally {
		await ctx.n8n.unpublishWorkflow(workflow.id);
	}
	return ours;
}

export const hardeningRegistrationScenarios: Scenario[] = [
	{
		name: 'registration: unpublishing puts back a previous Status URL that only looks like a trigger URL of this n8n',
		timeoutMs: 120_000,
		async run(ctx) {
			const original = (await ctx.emulator.applicationWebhooks()).status_url;
			const path = 'vonage/status'; // each mode runs its own n8n
			const plain = await ctx.n8n.createWorkflow({
				name: `e2e: plain Webhook node on ${path}`,
				nodes: [webhookNode(path)],
				connections: {},
				settings: { executionOrder: 'v1' },
			});
			try {
				await ctx.n8n.publishWorkflow(plain.id);
				const base = ctx.n8n.webhookBaseUrl;
				const lookalikes: Array<[string, string]> = [
					["a plain Webhook node's URL", ctx.n8n.webhookUrl(path)],
					['another service on the same host', `${new URL(base).origin}/api/v2/status`],
					['an inbound-looking URL', `${base}/webhook/${crypto.randomUUID()}/inbound`],
				];
				for (const [label, previous] of lookalikes) {
					await setStatusUrl(ctx, previous);
					await publishAndUnpublish(ctx, label);
					await statusUrlBecomes(ctx, `${label}: put back after unpublishing`, previous);
				}
			} finally {
				await ctx.n8n.unpublishWorkflow(plain.id).catch(() => undefined);
				await setStatusUrl(ctx, original);
			}
		},
	},
	{
		name: 'registration: a Status URL our trigger registered and nobody listens on any more is removed on unpublishing, not put back',
		timeoutMs: 120_000,
		async run(ctx) {
			const original = (await ctx.emulator.applicationWebhooks()).status_url;
			const { apiKey, apiSecret, applicationId, privateKey, signatureSecret } =
				ctx.emulator.credentials;
			const name = `e2e registration: soon deleted (${ctx.mode})`;
			const data = {
				authType: 'jwt',
				apiKey,
				apiSecret,
				applicationId,
				privateKey,
				signatureSecret,
				baseUrl: ctx.emulator.url,
			};
			const id = await ctx.n8n.createCredential({ name, type: CREDENTIAL_TYPE, data });
			const deadInput = statusWorkflow(`e2e: registration, left dead (${ctx.mode})`, { id, name });
			const dead = await ctx.n8n.createWorkflow(deadInput);
			const deadUrl = productionUrl(ctx.n8n.webhookBaseUrl, deadInput, 'Message Status', 'status');
			try {
				await ctx.n8n.publishWorkflow(dead.id);
				await statusUrlBecomes(ctx, 'the Status URL to point at the first trigger', deadUrl);
				// Its credential is gone: unpublishing cannot put anything back.
				await ctx.n8n.api('DELETE', `/credentials/${id}`);
				await ctx.n8n.unpublishWorkflow(dead.id).catch(() => undefined);
				await waitFor(
					'the first workflow to be unpublished',
					async () => ((await ctx.n8n.getWorkflow(dead.id)).active ? undefined : true),
					20_000,
					200,
				);
				assert.equal((await ctx.emulator.applicationWebhooks()).status_url, deadUrl);
				await publishAndUnpublish(ctx, 'over a dead URL of ours');
				await statusUrlBecomes(ctx, 'the dead URL not to be put back', undefined);
			} finally {
				await ctx.n8n.unpublishWorkflow(dead.id).catch(() => undefined);
				await setStatusUrl(ctx, original);
			}
		},
	},
];
