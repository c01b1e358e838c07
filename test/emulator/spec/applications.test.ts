// The emulator's Applications API v2: where the triggers register their webhook URLs.
import axios from 'axios';

import { useEmulator } from '../../support/emulator-fixture';
import { basic, bearer, UUID_V4 } from './testkit';

const emu = useEmulator();

const account = () => basic(emu.credentials.apiKey, emu.credentials.apiSecret);
const appUrl = (id = emu.credentials.applicationId) => `${emu.url}/v2/applications/${id}`;

async function call(
	method: 'GET' | 'PUT' | 'DELETE',
	url: string,
	authorization: string | undefined,
	data?: unknown,
) {
	const headers = authorization ? { authorization } : {};
	return await axios.request({ method, url, data, headers, validateStatus: () => true });
}

const secretsIn = (text: string) =>
	[
		emu.credentials.apiSecret,
		emu.credentials.signatureSecret,
		...emu.credentials.privateKey.split('\n').filter((l) => l.length > 20),
	].filter((s) => text.includes(s));

describe('GET /v2/applications/:id', () => {
	it('answers the application with Basic auth: messages and voice webhooks, public key, no secret', async () => {
		const res = await call('GET', appUrl(), account());
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({
			id: emu.credentials.applicationId,
			name: 'n8n emulator app',
			capabilities: {
				messages: {
					webhooks: {
						status_url: { address: 'https://example.com/webhooks/status', http_method: 'POST' },
						inbound_url: { address: 'https://example.com/webhooks/inbound', http_method: 'POST' },
					},
				},
				voice: { webhooks: { answer_url: expect.any(Object), event_url: expect.any(Object) } },
			},
			keys: { public_key: emu.credentials.publicKey },
			privacy: { improve_ai: false },
			_links: { self: { href: `/v2/applications/${emu.credentials.applicationId}` } },
		});
		expect(secretsIn(JSON.stringify(res.data))).toEqual([]);
	});

	it.each([
		['no credentials', () => undefined],
		['an application JWT (Basic only here)', () => bearer(emu.credentials)],
		['a wrong secret', () => basic(emu.credentials.apiKey, 'wrong')],
	])('answers 401 for %s', async (_name, authorization) => {
		const res = await call('GET', appUrl(), authorization());
		expect(res.status).toBe(401);
		expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
		expect(res.data).toMatchObject({
			type: 'https://developer.nexmo.com/api-errors#unauthorized',
			title: 'Invalid credentials supplied',
			instance: expect.stringMatching(UUID_V4),
		});
	});

	it.each(['GET', 'PUT'] as const)('answers 404 for an unknown id (%s)', async (method) => {
		const res = await call(method, appUrl('00000000-0000-4000-8000-000000000000'), account(), {
			name: 'x',
		});
		expect(res.status).toBe(404);
		expect(res.data).toMatchObject({
			type: 'https://developer.nexmo.com/api-errors#not-found',
			title: 'Not Found',
		});
	});

	it('lists the one application, with page_size', async () => {
		const res = await call('GET', `${emu.url}/v2/applications?page_size=5`, account());
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ page_size: 5, page: 1, total_items: 1, total_pages: 1 });
		expect(res.data._embedded.applications.map((a: { id: string }) => a.id)).toEqual([
			emu.credentials.applicationId,
		]);
		const bad = await call('GET', `${emu.url}/v2/applications?page_size=500`, account());
		expect(bad.status).toBe(400);
		expect(bad.data.invalid_parameters).toEqual([
			{ name: 'page_size', reason: 'must be between 1 and 100' },
		]);
		expect((await call('GET', `${emu.url}/v2/applications`, bearer(emu.credentials))).status).toBe(
			401,
		);
	});
});

describe('PUT /v2/applications/:id', () => {
	it('replaces the application, keeping id and public key, dropping a private key; untouched fields survive', async () => {
		const app = (await call('GET', appUrl(), account())).data;
		app.capabilities.messages.webhooks.status_url = {
			address: 'http://127.0.0.1:5678/webhook/x/status',
			http_method: 'POST',
		};
		const sent = { ...app, id: 'forged', keys: { public_key: 'other', private_key: 'SECRET-PEM' } };
		const res = await call('PUT', appUrl(), account(), sent);
		expect(res.status).toBe(200);
		expect(res.data.id).toBe(emu.credentials.applicationId);
		expect(res.data.keys).toEqual({ public_key: emu.credentials.publicKey });
		expect(JSON.stringify(res.data)).not.toContain('SECRET-PEM');
		expect(res.data.capabilities.voice).toEqual(app.capabilities.voice);
		expect(res.data.capabilities.messages.webhooks.inbound_url.address).toBe(
			'https://example.com/webhooks/inbound',
		);
		expect(emu.application.capabilities.messages.webhooks.status_url.address).toBe(
			'http://127.0.0.1:5678/webhook/x/status',
		);
		expect(emu.application._links).toBeUndefined();
		expect(emu.applicationWrites).toEqual([sent]);
		expect((await call('GET', appUrl(), account())).data).toEqual(res.data);
	});

	it('replaces rather than merges: a capability left out is gone', async () => {
		const res = await call('PUT', appUrl(), account(), {
			name: 'renamed',
			capabilities: { messages: { webhooks: {} } },
		});
		expect(res.status).toBe(200);
		expect(emu.application).toEqual({
			id: emu.credentials.applicationId,
			name: 'renamed',
			capabilities: { messages: { webhooks: {} } },
			keys: { public_key: emu.credentials.publicKey },
		});
		emu.reset();
		expect(emu.application.name).toBe('n8n emulator app');
		expect(emu.application.capabilities.voice).toBeDefined();
		expect(emu.applicationWrites).toEqual([]);
	});

	const hook = (address: unknown, http_method = 'POST') => ({
		name: 'app',
		capabilities: { messages: { webhooks: { status_url: { address, http_method } } } },
	});
	it.each([
		['no name', { capabilities: {} }, ['name']],
		['an empty name', { name: '' }, ['name']],
		[
			'a relative address',
			hook('/webhooks/status'),
			['capabilities.messages.webhooks.status_url.address'],
		],
		[
			'an ftp address',
			hook('ftp://example.com/x'),
			['capabilities.messages.webhooks.status_url.address'],
		],
		['no address', hook(undefined), ['capabilities.messages.webhooks.status_url.address']],
		[
			'a GET messages webhook',
			hook('https://example.com/s', 'GET'),
			['capabilities.messages.webhooks.status_url.http_method'],
		],
		[
			'a Verify version (Python SDK: not to be set on update)',
			{ name: 'app', capabilities: { verify: { version: 'v2', webhooks: {} } } },
			['capabilities.verify.version'],
		],
	])('answers 400 for %s, changing nothing', async (_name, body, names) => {
		const before = structuredClone(emu.application);
		const res = await call('PUT', appUrl(), account(), body);
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({
			type: 'https://developer.nexmo.com/api-errors/application#payload-validation',
			title: 'Bad Request',
		});
		expect(res.data.invalid_parameters.map((p: { name: string }) => p.name)).toEqual(names);
		expect(emu.application).toEqual(before);
		expect(emu.applicationWrites).toEqual([]);
	});

	it('keeps the Verify version Vonage set when an update leaves it out (as the Java SDK sends it)', async () => {
		emu.application.capabilities.verify = {
			version: 'v2',
			webhooks: { status_url: { address: 'https://example.com/verify', http_method: 'POST' } },
		};
		const app = (await call('GET', appUrl(), account())).data;
		expect(app.capabilities.verify.version).toBe('v2');
		delete app.capabilities.verify.version;
		expect((await call('PUT', appUrl(), account(), app)).status).toBe(200);
		expect((await call('GET', appUrl(), account())).data.capabilities.verify).toEqual({
			version: 'v2',
			webhooks: { status_url: { address: 'https://example.com/verify', http_method: 'POST' } },
		});
	});

	it('is Basic only, and other verbs are refused', async () => {
		expect((await call('PUT', appUrl(), bearer(emu.credentials), { name: 'x' })).status).toBe(401);
		expect((await call('DELETE', appUrl(), account())).status).toBe(405);
		expect(emu.applicationWrites).toEqual([]);
	});
});
