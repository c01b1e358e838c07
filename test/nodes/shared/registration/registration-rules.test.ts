// Issue 7 point 4: registration leaves the application as valid as it found it. Each case runs the
// triggers' webhook methods in n8n-core's HookContext (test/harness) over real HTTP: the emulator's
// Applications API, or a scripted one where the emulator cannot misbehave that way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { applicationsBaseUrl } from '../../../../nodes/shared/api/baseUrl';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';

const emulator = useEmulator();

const N8N = 'https://n8n.example.com';
const open: TriggerHarness[] = [];
afterEach(async () => {
	// Deactivate whatever a test left active, so the process-wide registrations start empty.
	for (const t of open.splice(0)) {
		await t.stopTestListening().catch(() => undefined);
		await t.delete().catch(() => undefined);
		await t.close();
	}
});

async function trigger(
	nodeType: INodeType,
	parameters = {},
	credential = {},
): Promise<TriggerHarness> {
	const t = await createTriggerHarness({
		nodeType,
		parameters: { registration: 'automatic', options: {}, ...parameters },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
		credentialTypes: [new VonageMessagesApi()],
		webhookBaseUrl: N8N,
	});
	open.push(t);
	return t;
}

async function activate(t: TriggerHarness): Promise<void> {
	if (!(await t.checkExists())) await t.create();
}

const messages = () => (emulator.application.capabilities as any).messages;
const statusUrl = () => messages()?.webhooks?.status_url?.address as string | undefined;

async function failure(work: () => Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await work();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

describe('another workflow of this n8n', () => {
	it('a second trigger joins the first (issue 18); when the first cannot be reached, activation fails clearly and nothing is written', async () => {
		const a = await trigger(new VonageMessagesStatusTrigger());
		const b = await trigger(new VonageMessagesStatusTrigger());
		await activate(a);
		const writes = emulator.applicationWrites.length;
		const error = await failure(async () => await activate(b));
		expect(error.message).toMatch(
			/Could not join the trigger that receives this application's Status URL \(workflow /,
		);
		expect(error.description).toMatch(/WEBHOOK_URL/);
		expect(statusUrl()).toBe(a.webhookUrl);
		expect(emulator.applicationWrites).toHaveLength(writes);
	});

	it('a URL pasted by hand for an active trigger with Registration "Manual" is not taken either', async () => {
		const manual = await trigger(new VonageMessagesStatusTrigger(), { registration: 'manual' });
		await activate(manual);
		const auto = await trigger(new VonageMessagesStatusTrigger());
		emulator.application.capabilities.messages.webhooks.status_url = {
			address: manual.webhookUrl,
			http_method: 'POST',
		};
		expect((await failure(async () => await activate(auto))).message).toMatch(
			/belongs to another active trigger of this n8n/,
		);
		expect(statusUrl()).toBe(manual.webhookUrl);
	});

	it('once the other workflow is deactivated, its URL may be taken', async () => {
		const a = await trigger(new VonageMessagesStatusTrigger());
		const b = await trigger(new VonageMessagesStatusTrigger());
		await activate(a);
		await a.delete();
		await activate(b);
		expect(statusUrl()).toBe(b.webhookUrl);
	});
});

describe('the Messages capability goes back exactly as it was', () => {
	const cases: Array<[label: string, make: () => INodeType]> = [
		['status trigger', () => new VonageMessagesStatusTrigger()],
		['inbound trigger', () => new VonageMessagesInboundTrigger()],
	];

	it.each(cases)(
		'%s on an application with no Messages capability: added with a version, removed again',
		async (_l, make) => {
			delete emulator.application.capabilities.messages;
			const before = structuredClone(emulator.application);
			const t = await trigger(make());
			await activate(t);
			expect(messages()).toEqual({
				version: 'v1',
				webhooks: {
					[make() instanceof VonageMessagesStatusTrigger ? 'status_url' : 'inbound_url']: {
						address: t.webhookUrl,
						http_method: 'POST',
					},
				},
			});
			await t.delete();
			expect(emulator.application).toEqual(before);
			expect(emulator.application.capabilities).not.toHaveProperty('messages');
		},
	);

	it.each([
		['status first', true],
		['inbound first', false],
	])(
		'both triggers on an application with no Messages capability, deactivated %s: removed again',
		async (_l, statusFirst) => {
			delete emulator.application.capabilities.messages;
			const before = structuredClone(emulator.application);
			const status = await trigger(new VonageMessagesStatusTrigger());
			const inbound = await trigger(new VonageMessagesInboundTrigger());
			await activate(status);
			await activate(inbound);
			expect(Object.keys(messages().webhooks).sort()).toEqual(['inbound_url', 'status_url']);
			const order = statusFirst ? [status, inbound] : [inbound, status];
			for (const t of order) await t.delete();
			expect(emulator.application).toEqual(before);
		},
	);

	it('keeps what others changed in the capability meanwhile, and removes only our webhook', async () => {
		const t = await trigger(new VonageMessagesStatusTrigger());
		await activate(t);
		emulator.application.capabilities.messages.webhooks.inbound_url = {
			address: 'https://crm.example.com/in',
			http_method: 'POST',
		};
		await t.delete();
		expect(messages().webhooks).toEqual({
			status_url: { address: 'https://example.com/webhooks/status', http_method: 'POST' },
			inbound_url: { address: 'https://crm.example.com/in', http_method: 'POST' },
		});
	});
});

/** An Applications API that answers GET and PUT as told, recording every request. */
async function scriptedApplications(answer: (req: IncomingMessage, res: ServerResponse) => void) {
	const seen: string[] = [];
	const server: Server = createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		answer(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		seen,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const json = (res: ServerResponse, status: number, body: unknown) =>
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('what Vonage answers', () => {
	it.each([
		['an object without id and name', { ok: true }],
		[
			'another application',
			{ id: '99999999-9999-4999-8999-999999999999', name: 'other', capabilities: {} },
		],
		['capabilities that are not an object', { id: 'APP', name: 'x', capabilities: [] }],
		['an empty body', ''],
	])(
		'a 200 that is not the application (%s) is never written back, on activation or deactivation',
		async (_l, body) => {
			const applicationId = '11111111-2222-4333-8444-555555555555';
			const api = await scriptedApplications((_req, res) =>
				json(
					res,
					200,
					body === ''
						? ''
						: JSON.parse(JSON.stringify(body).replace('"APP"', `"${applicationId}"`)),
				),
			);
			try {
				const t = await trigger(
					new VonageMessagesStatusTrigger(),
					{},
					{ baseUrl: api.url, applicationId },
				);
				expect((await failure(async () => await t.create())).message).toMatch(
					/answered 200, but not with the application/,
				);
				expect((await failure(async () => await t.delete())).message).toMatch(
					/answered 200, but not with the application/,
				);
				expect(api.seen.every((r) => r.startsWith('GET '))).toBe(true);
			} finally {
				await api.close();
			}
		},
	);

	it('a deleted application (404) on deactivation is done, not an error', async () => {
		const t = await trigger(new VonageMessagesStatusTrigger());
		await activate(t);
		const api = await scriptedApplications((_req, res) =>
			json(res, 404, {
				type: 'https://developer.nexmo.com/api-errors#not-found',
				title: 'Not Found',
			}),
		);
		try {
			const gone = await createTriggerHarness({
				nodeType: new VonageMessagesStatusTrigger(),
				parameters: { registration: 'automatic', options: {} },
				credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', { baseUrl: api.url }) },
				credentialTypes: [new VonageMessagesApi()],
				webhookBaseUrl: N8N,
				workflowStaticData: t.workflowStaticData,
			});
			await expect(gone.delete()).resolves.toBe(true);
			expect(gone.staticData).toEqual({});
			expect(api.seen).toEqual([`GET /v2/applications/${emulator.credentials.applicationId}`]);
			await gone.close();
		} finally {
			await api.close();
		}
	});
});

describe('where the Applications API is', () => {
	it.each([
		['https://api.nexmo.com', 'https://api.nexmo.com'],
		['https://api-eu.vonage.com', 'https://api.nexmo.com'],
		['https://api-us.vonage.com', 'https://api.nexmo.com'],
		['https://api-ap.vonage.com', 'https://api.nexmo.com'],
		['http://127.0.0.1:3999', 'http://127.0.0.1:3999'],
		['https://vonage.com.proxy.example.com', 'https://vonage.com.proxy.example.com'],
		['https://myvonage.com', 'https://myvonage.com'],
	])('Base URL %s -> %s', (base, apps) => {
		expect(applicationsBaseUrl(base)).toBe(apps);
	});

	it('registration refuses a Base URL that would send the API secret over plain http to another host', async () => {
		const t = await trigger(
			new VonageMessagesStatusTrigger(),
			{},
			{ baseUrl: 'http://vonage-proxy.example.com' },
		);
		const error = await failure(async () => await t.create());
		expect(error.message).toMatch(
			/uses plain http:\/\/, so your API secret or signed token would be sent unencrypted/,
		);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('"Listen for test event" while the same trigger is active in production', () => {
	it('is refused with a clear error, and production keeps the application and its registration', async () => {
		const t = await trigger(new VonageMessagesStatusTrigger());
		await activate(t);
		const writes = emulator.applicationWrites.length;
		const error = await failure(async () => await t.listenForTestEvent());
		expect(error.message).toMatch(
			/This workflow is active and its trigger holds the application's Status URL, so n8n can't listen for a test event/,
		);
		expect(error.description).toMatch(/Deactivate \(unpublish\) the workflow to test/);
		expect(statusUrl()).toBe(t.webhookUrl);
		expect(emulator.applicationWrites).toHaveLength(writes);
		// Production deactivates as usual afterwards and puts the original back.
		await t.delete();
		expect(statusUrl()).toBe('https://example.com/webhooks/status');
	});

	it('while the workflow is inactive, the test URL is registered and the application restored when listening stops', async () => {
		const before = structuredClone(emulator.application);
		const t = await trigger(new VonageMessagesStatusTrigger());
		await t.listenForTestEvent();
		expect(t.testWebhookUrl).toMatch(/\/webhook-test\//);
		expect(statusUrl()).toBe(t.testWebhookUrl);
		await t.stopTestListening();
		expect(emulator.application).toEqual(before);
	});

	it('activating another workflow while a trigger listens for a test event is refused', async () => {
		const listening = await trigger(new VonageMessagesStatusTrigger());
		await listening.listenForTestEvent();
		const other = await trigger(new VonageMessagesStatusTrigger());
		expect((await failure(async () => await activate(other))).message).toMatch(
			/held by a trigger listening for a test event/,
		);
		expect(statusUrl()).toBe(listening.testWebhookUrl);
	});
});
