// Issue 8 in real n8n: credentials never follow a redirect. A Base URL that answers 307 to another
// loopback origin (a different port is a different origin) must not hand that origin the message or
// the Authorization header, neither when sending nor when a trigger registers its webhook.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { waitFor } from './n8n/proc';
import type { Context, Scenario } from './scenarios';
import { CREDENTIAL_TYPE, sendSmsWorkflow, statusWorkflow, type CredentialRef } from './workflows';

interface Recorded {
	method: string;
	url: string;
	authorization: boolean;
}

interface Origin {
	url: string;
	host: string;
	requests: Recorded[];
	close(): Promise<void>;
}

async function origin(
	answer: (
		method: string,
		url: string,
	) => { status: number; headers: Record<string, string>; body: string },
): Promise<Origin> {
	const requests: Recorded[] = [];
	const server: Server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				authorization: req.headers.authorization !== undefined,
			});
			const { status, headers, body } = answer(req.method ?? '', req.url ?? '/');
			res.writeHead(status, headers);
			res.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** `elsewhere` takes anything (as a collector would); `redirecting` is the Base URL, answering 307 to it. */
async function redirectPair(): Promise<{
	elsewhere: Origin;
	redirecting: Origin;
	close(): Promise<void>;
}> {
	const elsewhere = await origin(() => ({
		status: 202,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ message_uuid: 'aaaaaaaa-0000-4000-8000-000000000000' }),
	}));
	const redirecting = await origin((_method, url) => ({
		status: 307,
		headers: { location: `${elsewhere.url}${url}` },
		body: '',
	}));
	return {
		elsewhere,
		redirecting,
		close: async () => {
			await redirecting.close();
			await elsewhere.close();
		},
	};
}

async function redirectCredential(
	ctx: Context,
	auth: 'jwt' | 'basic',
	baseUrl: string,
): Promise<CredentialRef> {
	const { apiKey, apiSecret, applicationId, privateKey, signatureSecret } =
		ctx.emulator.credentials;
	const name = `e2e ${auth} redirected ${Date.now().toString(36)}`;
	// Private Key only for JWT, as the dialog shows it (n8n 1.x's public API refuses it on Basic)
	const data = {
		authType: auth,
		apiKey,
		apiSecret,
		applicationId,
		...(auth === 'jwt' ? { privateKey } : {}),
		signatureSecret,
		baseUrl,
	};
	const id = await ctx.n8n.createCredential({ name, type: CREDENTIAL_TYPE, data });
	return { id, name };
}

export const sendhardScenarios: Scenario[] = [
	{
		name: 'a Base URL answering 307 to another origin: Send SMS fails naming that host, and nothing (no Authorization) reaches it',
		timeoutMs: 90_000,
		async run(ctx) {
			const pair = await redirectPair();
			try {
				for (const auth of ['jwt', 'basic'] as const) {
					const credential = await redirectCredential(ctx, auth, pair.redirecting.url);
					const path = `e2e-redirect-${auth}-${Date.now().toString(36)}`;
					const workflow = await ctx.n8n.createWorkflow(
						sendSmsWorkflow(`e2e: redirected send (${auth})`, path, credential),
					);
					await ctx.n8n.publishWorkflow(workflow.id);
					try {
						const response = await ctx.n8n.callWebhook(
							path,
							{ run: `redirect-${auth}`, count: 2 },
							{ timeoutMs: 60_000 },
						);
						assert.notEqual(
							response.status,
							200,
							`the send workflow succeeded through a redirect: ${response.text.slice(0, 300)}`,
						);
						const [execution] = await ctx.n8n.waitForExecutions(workflow.id, 1, 30_000);
						const message = execution.data?.resultData?.error?.message ?? '';
						assert.match(
							message,
							new RegExp(`redirect to ${pair.elsewhere.host.replace(/\./g, '\\.')}`),
							`${auth}: execution error "${message}"`,
						);
						assert.match(message, /nothing was sent/, `${auth}: execution error "${message}"`);
						assert.ok(
							pair.redirecting.requests.some((r) => r.method === 'POST'),
							`${auth}: the Base URL was never called`,
						);
					} finally {
						await ctx.n8n.unpublishWorkflow(workflow.id).catch(() => undefined);
					}
				}
				assert.deepEqual(pair.elsewhere.requests, [], 'requests that reached the other origin');
			} finally {
				await pair.close();
			}
		},
	},
	{
		name: 'a Base URL answering 307 to another origin: publishing a trigger sends the API key and secret nowhere else',
		timeoutMs: 60_000,
		async run(ctx) {
			const pair = await redirectPair();
			try {
				const credential = await redirectCredential(ctx, 'jwt', pair.redirecting.url);
				const workflow = await ctx.n8n.createWorkflow(
					statusWorkflow('e2e: redirected registration', credential),
				);
				const published = await ctx.n8n.publishWorkflow(workflow.id).then(
					() => undefined,
					(error: Error) => error,
				);
				await waitFor(
					'the trigger to call the Applications API at the Base URL',
					async () =>
						pair.redirecting.requests.some((r) => r.url.startsWith('/v2/applications/'))
							? true
							: undefined,
					20_000,
					200,
				);
				if (published)
					assert.match(
						published.message,
						/redirect to|not followed/,
						`publishing failed, but not for the redirect: ${published.message.slice(0, 300)}`,
					);
				await ctx.n8n.unpublishWorkflow(workflow.id).catch(() => undefined);
				assert.deepEqual(pair.elsewhere.requests, [], 'requests that reached the other origin');
				assert.ok(
					pair.redirecting.requests.every((r) => r.method === 'GET'),
					`the trigger went on after the redirected GET: ${JSON.stringify(pair.redirecting.requests)}`,
				);
			} finally {
				await pair.close();
			}
		},
	},
];
