// Issue 7 points 2 and 4 in real n8n: the credential dialog's Test (POST /rest/credentials/test, what
// the editor calls) against every recorded 401 title, and "Listen for test event" (POST
// /rest/workflows/:id/run with triggerToStartFrom, stopped by DELETE /rest/test-webhook/:id) while the
// same trigger is active in production.
import * as assert from 'node:assert/strict';

import { waitFor } from './n8n/proc';
import { HttpError } from './n8n/server';
import type { Context, Scenario } from './scenarios';
import { CREDENTIAL_TYPE, productionUrl, statusWorkflow } from './workflows';

type TestResult = { status: string; message: string };

function credentialData(
	ctx: Context,
	authType: 'jwt' | 'basic',
	overrides: Record<string, string> = {},
): Record<string, string> {
	const { apiKey, apiSecret, applicationId, privateKey, signatureSecret } =
		ctx.emulator.credentials;
	return {
		authType,
		apiKey,
		apiSecret,
		applicationId,
		privateKey,
		signatureSecret,
		baseUrl: ctx.emulator.url,
		...overrides,
	};
}

/** The dialog's Test of a credential being edited (`id` '' for a new one, as the editor sends it). */
async function dialogTest(
	ctx: Context,
	data: Record<string, string>,
	id = '',
): Promise<TestResult> {
	return await ctx.n8n.rest<TestResult>('POST', '/credentials/test', {
		credentials: { id, name: 'Vonage', type: CREDENTIAL_TYPE, data },
	});
}

async function emulatorConfig(ctx: Context, body: Record<string, unknown>): Promise<void> {
	const res = await fetch(`${ctx.emulator.url}/_emulator/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert.equal(res.status, 200, `emulator config ${JSON.stringify(body)}: ${await res.text()}`);
}

async function webhooksBecome(
	ctx: Context,
	what: string,
	expected: string | undefined,
): Promise<void> {
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

export const credregScenarios: Scenario[] = [
	{
		name: 'credential dialog Test: fails for wrong credentials under every recorded 401 title (JWT and Basic), passes for good ones',
		timeoutMs: 60_000,
		// drives the editor's REST shapes of n8n 2.x (credential test body, manual run payload)
		n8nLines: ['2.x'],
		async run(ctx) {
			const wrong = {
				jwt: { applicationId: '00000000-0000-4000-8000-000000000000' },
				basic: { apiSecret: 'wrong-secret' },
			} as const;
			try {
				for (const title of [null, 'You did not provide correct credentials.', 'Unauthorised']) {
					await emulatorConfig(ctx, { unauthorizedTitle: title });
					for (const auth of ['jwt', 'basic'] as const) {
						const result = await dialogTest(ctx, credentialData(ctx, auth, wrong[auth]));
						assert.equal(
							result.status,
							'Error',
							`${auth}, 401 title ${String(title)}: ${JSON.stringify(result)}`,
						);
						assert.match(result.message, /Vonage rejected these credentials \(HTTP 401\)/);
					}
				}
			} finally {
				await emulatorConfig(ctx, { unauthorizedTitle: null });
			}
			for (const auth of ['jwt', 'basic'] as const) {
				const fresh = await dialogTest(ctx, credentialData(ctx, auth));
				assert.equal(fresh.status, 'OK', `${auth} (new credential): ${JSON.stringify(fresh)}`);
				const saved = await dialogTest(ctx, credentialData(ctx, auth), ctx.credentials[auth].id);
				assert.equal(saved.status, 'OK', `${auth} (saved credential): ${JSON.stringify(saved)}`);
			}
			const triggersKey = await dialogTest(
				ctx,
				credentialData(ctx, 'jwt', { apiSecret: 'wrong-secret' }),
			);
			assert.equal(triggersKey.status, 'Error', JSON.stringify(triggersKey));
			assert.match(
				triggersKey.message,
				/Applications API rejected the API Key and API Secret \(HTTP 401\)/,
			);
			const plainHttp = await dialogTest(
				ctx,
				credentialData(ctx, 'basic', { baseUrl: 'http://api.nexmo.com' }),
			);
			assert.equal(plainHttp.status, 'Error', JSON.stringify(plainHttp));
			assert.match(plainHttp.message, /would be sent unencrypted/);
		},
	},
	{
		name: '"Listen for test event" is refused while the trigger is active in production; when inactive it registers the test URL and restores on stop',
		timeoutMs: 90_000,
		n8nLines: ['2.x'],
		async run(ctx) {
			const before = (await ctx.emulator.applicationWebhooks()).status_url;
			const input = statusWorkflow(`e2e: listen for test event (${ctx.mode})`, ctx.credentials.jwt);
			const workflow = await ctx.n8n.createWorkflow(input);
			const production = productionUrl(ctx.n8n.webhookBaseUrl, input, 'Message Status', 'status');
			const listen = async () =>
				await ctx.n8n.rest<{ waitingForWebhook?: boolean }>(
					'POST',
					`/workflows/${workflow.id}/run`,
					{ triggerToStartFrom: { name: 'Message Status' } },
				);
			try {
				await ctx.n8n.publishWorkflow(workflow.id);
				await webhooksBecome(ctx, 'the Status URL to point at the production URL', production);

				let refusal = '';
				try {
					await listen();
				} catch (error) {
					if (!(error instanceof HttpError)) throw error;
					refusal = error.body;
				}
				assert.match(
					refusal,
					/can't listen for a test event/,
					`the editor's run answered: ${refusal.slice(0, 300) || 'success'}`,
				);
				assert.equal(
					(await ctx.emulator.applicationWebhooks()).status_url,
					production,
					'production keeps the Status URL',
				);

				await ctx.n8n.unpublishWorkflow(workflow.id);
				await webhooksBecome(ctx, 'the Status URL to be restored after unpublishing', before);

				const started = await listen();
				assert.equal(started.waitingForWebhook, true, JSON.stringify(started));
				const testUrl = production.replace('/webhook/', '/webhook-test/');
				await webhooksBecome(
					ctx,
					'the Status URL to point at the test URL while listening',
					testUrl,
				);
				await ctx.n8n.rest('DELETE', `/test-webhook/${workflow.id}`);
				await webhooksBecome(ctx, 'the Status URL to be restored when listening stops', before);
			} finally {
				await ctx.n8n.unpublishWorkflow(workflow.id).catch(() => undefined);
				await ctx.n8n.rest('DELETE', `/test-webhook/${workflow.id}`).catch(() => undefined);
			}
		},
	},
];
