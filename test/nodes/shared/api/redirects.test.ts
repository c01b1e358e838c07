// Issue 8 (high): credentials never follow a redirect. Every call the package makes (send; the
// triggers' Applications API GET and PUT) runs through n8n-core's request helper against a scripted
// server on 127.0.0.1 that answers 3xx to another loopback origin, which records what reaches it.
import type { INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness } from '../../../harness';
import { AUTH_TYPES, credentialFor, customers, sendSms } from '../../../support/setup';
import {
	answerJson,
	startScriptedServer,
	type ScriptedServer,
} from '../../../support/scripted-server';

const emulator = useEmulator();
let elsewhere: ScriptedServer;
beforeEach(async () => {
	// Another origin that would happily take the message and the credentials.
	elsewhere = await startScriptedServer((_req, res) =>
		answerJson(res, 202, { message_uuid: 'aaaaaaaa-0000-4000-8000-000000000000' }),
	);
});
afterEach(async () => await elsewhere.close());

async function redirector(status: number, only?: 'GET' | 'PUT'): Promise<ScriptedServer> {
	return await startScriptedServer((req, res) => {
		if (only && req.method !== only) {
			// The Applications API as it answers a GET: the application, unchanged.
			return answerJson(res, 200, emulator.application);
		}
		res.writeHead(status, {
			location: `${elsewhere.url}${req.url ?? '/'}`,
			'content-type': 'text/plain',
		});
		res.end('moved');
	});
}

describe.each(AUTH_TYPES)('Send SMS never follows a redirect (%s)', (authType) => {
	it.each([301, 302, 303, 307, 308])(
		'%i: fails naming the Location host, says nothing was sent, retries nothing',
		async (status) => {
			const origin = await redirector(status);
			try {
				const { outputs, error } = await sendSms({
					emulator,
					authType,
					items: customers(2),
					continueOnFail: true,
					credential: { baseUrl: origin.url },
					parameters: { options: { concurrency: 1, maxRetries: 3 } },
				});
				expect(error).toBeUndefined();
				expect(elsewhere.requests).toEqual([]);
				expect(origin.requests).toHaveLength(2);
				for (const [i, item] of outputs[0].entries()) {
					expect(item.pairedItem).toEqual({ item: i });
					expect(item.json.message_uuid).toBeUndefined();
					expect(item.json.may_have_been_sent).toBe(false);
					expect(item.json.error).toContain(`redirect to ${elsewhere.host}`);
					expect(`${String(item.json.error)} ${String(item.json.description)}`).toMatch(
						/nothing was sent/i,
					);
				}
			} finally {
				await origin.close();
			}
		},
	);

	it('without Continue On Fail, stops at the first redirect', async () => {
		const origin = await redirector(307);
		try {
			const { error } = await sendSms({
				emulator,
				authType,
				items: customers(3),
				credential: { baseUrl: origin.url },
				parameters: { options: { concurrency: 1 } },
			});
			expect(error?.message).toContain(`redirect to ${elsewhere.host}`);
			expect(origin.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		} finally {
			await origin.close();
		}
	});
});

const triggers: Array<[label: string, make: () => INodeType]> = [
	['status trigger', () => new VonageMessagesStatusTrigger()],
	['inbound trigger', () => new VonageMessagesInboundTrigger()],
];

describe.each(triggers)('%s registration never follows a redirect', (_label, make) => {
	async function harness(baseUrl: string) {
		return await createTriggerHarness({
			nodeType: make(),
			parameters: { registration: 'automatic', options: {} },
			credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', { baseUrl }) },
			credentialTypes: [new VonageMessagesApi()],
			webhookBaseUrl: 'https://n8n.example.com',
		});
	}

	it.each([
		['GET', 'checkExists'],
		['GET', 'create'],
		['PUT', 'create'],
		['GET', 'delete'],
	] as const)(
		'a redirected %s (%s) fails naming the Location host; the API key and secret go nowhere',
		async (method, step) => {
			const origin = await redirector(307, method === 'PUT' ? 'PUT' : undefined);
			const t = await harness(origin.url);
			try {
				const error = await t[step]().then(
					() => undefined,
					(e: unknown) => e as { message: string; description?: string },
				);
				expect(error?.message).toContain(`redirect to ${elsewhere.host}`);
				expect(error?.description).toMatch(/credentials did not go to that host/);
				expect(elsewhere.requests).toEqual([]);
				expect(origin.requests.map((r) => r.method)).toEqual(
					method === 'PUT' ? ['GET', 'PUT'] : ['GET'],
				);
			} finally {
				await t.close();
				await origin.close();
			}
		},
	);
});
