// What reaches a published trigger in real n8n (single and queue mode): duplicates and replays start
// one execution, unsigned requests are answered 503 (Vonage retries), refused signatures 401 without
// their reason, non-JSON bodies 415; an unusable Max Signature Age stops publication.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';

import { isServed, waitFor } from './n8n/proc';
import type { Execution, Workflow, WorkflowInput } from './n8n/server';
import { signWebhook } from './emulator-client';
import type { Context, Scenario } from './scenarios';
import { STATUS_TRIGGER, productionUrl, triggerToNoOp, type CredentialRef } from './workflows';

const NODE = 'Status';

/** Status trigger with default options (automatic registration, Ignore Duplicates on) -> No Op. */
function workflow(
	name: string,
	credential: CredentialRef,
	options: Record<string, unknown> = {},
	registration = 'automatic',
): WorkflowInput {
	return triggerToNoOp(name, credential, {
		node: NODE,
		type: STATUS_TRIGGER,
		parameters: { registration, options },
	});
}

const published = new Map<string, { workflow: Workflow; url: string }>();

/** Publishes the receive workflow once per mode and waits until n8n serves its URL. */
async function receiver(ctx: Context): Promise<{ workflow: Workflow; url: string }> {
	const known = published.get(ctx.mode);
	if (known) return known;
	const input = workflow(`e2e: receive (${ctx.mode})`, ctx.credentials.jwt);
	const created = await ctx.n8n.createWorkflow(input);
	await ctx.n8n.publishWorkflow(created.id);
	const url = productionUrl(ctx.n8n.webhookBaseUrl, input, NODE, 'status');
	// n8n serves the URL before activation has finished registering and saved the static data (which
	// would then overwrite what an execution saved meanwhile): wait for both, and in queue mode for
	// the webhook processor to know the URL.
	await waitFor(
		'the registration to be saved in the static data',
		async () =>
			JSON.stringify((await ctx.n8n.getWorkflow(created.id)).staticData ?? null).includes(url)
				? true
				: undefined,
		30_000,
		250,
	);
	await waitFor(
		'the trigger URL to be served',
		async () => ((await isServed(url)) ? true : undefined),
		30_000,
		250,
	);
	const entry = { workflow: created, url };
	published.set(ctx.mode, entry);
	return entry;
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

function statusEvent(ref: string): string {
	return JSON.stringify({
		message_uuid: crypto.randomUUID(),
		to: '447700900000',
		from: 'AcmeShop',
		timestamp: new Date().toISOString(),
		status: 'delivered',
		client_ref: ref,
		channel: 'sms',
	});
}

function signed(
	ctx: Context,
	body: string,
	claims: Record<string, unknown> = {},
): Record<string, string> {
	const { signatureSecret, apiKey, applicationId } = ctx.emulator.credentials;
	return {
		authorization: `Bearer ${signWebhook(body, signatureSecret, { api_key: apiKey, application_id: applicationId, ...claims })}`,
	};
}

async function executionsWith(ctx: Context, workflowId: string, ref: string): Promise<Execution[]> {
	const all = await ctx.n8n.listExecutions({ workflowId });
	return all.filter((e) =>
		JSON.stringify(e.data?.resultData?.runData?.[NODE] ?? []).includes(`"client_ref":"${ref}"`),
	);
}

/** Waits for the first execution carrying `ref`, then a little longer for any that should not exist. */
async function settledExecutions(
	ctx: Context,
	workflowId: string,
	ref: string,
	expectAtLeastOne: boolean,
): Promise<Execution[]> {
	if (expectAtLeastOne) {
		await waitFor(
			`an execution for ${ref}`,
			async () => ((await executionsWith(ctx, workflowId, ref)).length > 0 ? true : undefined),
			30_000,
			500,
		);
	}
	await sleep(3000);
	return await executionsWith(ctx, workflowId, ref);
}

export const receiveScenarios: Scenario[] = [
	{
		name: 'receive: the same status event posted 3 times, 3 s apart, signed again each time, starts one execution; replaying a request starts none',
		timeoutMs: 90_000,
		async run(ctx) {
			const { workflow: wf, url } = await receiver(ctx);
			const ref = `dup-${ctx.mode}-${Date.now().toString(36)}`;
			const body = statusEvent(ref);
			const first = signed(ctx, body);
			for (let i = 0; i < 3; i++) {
				if (i > 0) await sleep(3000);
				const res = await post(url, body, i === 0 ? first : signed(ctx, body));
				assert.equal(res.status, 200, `post ${i + 1}: ${res.status} ${res.text.slice(0, 200)}`);
			}
			const replay = await post(url, body, first);
			assert.equal(replay.status, 200, `replay: ${replay.status} ${replay.text.slice(0, 200)}`);
			const runs = await settledExecutions(ctx, wf.id, ref, true);
			assert.equal(
				runs.length,
				1,
				`executions for one event posted 3 times and replayed once: ${runs.length}`,
			);
			// Duplicates are kept in the receiving process's memory, not in static data: the registration
			// that activation saved there is left exactly as it was.
			const saved = JSON.stringify((await ctx.n8n.getWorkflow(wf.id)).staticData ?? null);
			const uuid = (JSON.parse(body) as { message_uuid: string }).message_uuid;
			assert.ok(
				saved.includes(url) && !saved.includes(uuid),
				`static data after the execution: ${saved.slice(0, 300)}`,
			);
		},
	},
	{
		name: 'receive: a retry of the 24-hour schedule with its original token (iat 23 h ago) starts one execution',
		timeoutMs: 60_000,
		async run(ctx) {
			const { workflow: wf, url } = await receiver(ctx);
			const ref = `late-${ctx.mode}-${Date.now().toString(36)}`;
			const body = statusEvent(ref);
			const headers = signed(ctx, body, { iat: Math.floor(Date.now() / 1000) - 23 * 3600 });
			for (let i = 0; i < 2; i++)
				assert.equal((await post(url, body, headers)).status, 200, `post ${i + 1}`);
			assert.equal((await settledExecutions(ctx, wf.id, ref, true)).length, 1, 'executions');
		},
	},
	{
		name: 'receive: unsigned -> 503, refused signature -> 401 without its reason, form-urlencoded -> 415; none starts an execution',
		timeoutMs: 60_000,
		async run(ctx) {
			const { workflow: wf, url } = await receiver(ctx);
			const ref = `refused-${ctx.mode}-${Date.now().toString(36)}`;
			const body = statusEvent(ref);
			const { signatureSecret, apiKey } = ctx.emulator.credentials;
			const token = (claims: Record<string, unknown>, secret = signatureSecret) =>
				`Bearer ${signWebhook(body, secret, { api_key: apiKey, ...claims })}`;
			const unsigned = await post(url, body);
			assert.ok(
				unsigned.status >= 500 && unsigned.status < 600,
				`unsigned: ${unsigned.status} ${unsigned.text.slice(0, 200)}`,
			);
			const refusals: Record<string, Record<string, string>> = {
				'wrong secret': { authorization: token({}, `${signatureSecret}x`) },
				'another application': { authorization: token({ application_id: crypto.randomUUID() }) },
				'exp in the past': { authorization: token({ exp: Math.floor(Date.now() / 1000) - 600 }) },
				'iat 26 h ago': {
					authorization: token({ iat: Math.floor(Date.now() / 1000) - 26 * 3600 }),
				},
			};
			for (const [what, headers] of Object.entries(refusals)) {
				const res = await post(url, body, headers);
				assert.equal(res.status, 401, `${what}: ${res.status} ${res.text.slice(0, 200)}`);
				assert.deepEqual(
					JSON.parse(res.text),
					{ error: 'Vonage signature refused' },
					`${what}: answer`,
				);
			}
			// n8n parses form bodies for version-1 nodes into {"<json text>": ""}: the trigger must see the type.
			const form = await post(url, body, {
				...signed(ctx, body),
				'content-type': 'application/x-www-form-urlencoded',
			});
			assert.equal(form.status, 415, `form-urlencoded: ${form.status} ${form.text.slice(0, 200)}`);
			assert.equal(
				(await settledExecutions(ctx, wf.id, ref, false)).length,
				0,
				'a refused request started an execution',
			);
		},
	},
	{
		name: 'receive: a Max Signature Age that is not a number stops publication with an error naming the option',
		timeoutMs: 60_000,
		// reads 2.x's publication status; n8n 1.x refuses the activation call itself (400, same message)
		n8nLines: ['2.x'],
		async run(ctx) {
			const input = workflow(
				`e2e: bad max age (${ctx.mode})`,
				ctx.credentials.jwt,
				{ maxAgeSeconds: '={{ "abc" }}' },
				'manual',
			);
			const created = await ctx.n8n.createWorkflow(input);
			await ctx.n8n.publishWorkflow(created.id);
			// n8n 2.x activates published workflows in the background (publication outbox) and reports
			// the outcome per trigger in the editor's publication status.
			let last: unknown;
			await waitFor(
				'the publication status to report the option',
				async () => {
					last = await ctx.n8n.rest('GET', `/workflows/${created.id}/publication-status`);
					return /Max Signature Age \(Seconds\) must be a number/.test(JSON.stringify(last))
						? true
						: undefined;
				},
				40_000,
				500,
			).catch(() => assert.fail(`publication status: ${JSON.stringify(last).slice(0, 500)}`));
			await ctx.n8n.unpublishWorkflow(created.id).catch(() => undefined);
		},
	},
	{
		name: 'receive: unpublishing the receive workflow',
		timeoutMs: 30_000,
		async run(ctx) {
			const known = published.get(ctx.mode);
			if (!known) return;
			await ctx.n8n.unpublishWorkflow(known.workflow.id);
			published.delete(ctx.mode);
		},
	},
];
