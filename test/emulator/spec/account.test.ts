// The emulator behaves like a real account, not like our code (issue 7 point 3): the application's
// webhook version decides the format, the account's "Messaging API type" decides whether Messages
// webhooks arrive at all, and Basic-auth sends report their status to the account-level URL.
import jwt from 'jsonwebtoken';
import axios from 'axios';

import { useEmulator } from '../../support/emulator-fixture';
import { startEmulator } from '../index';
import { checkFields, V1_INBOUND, V1_STATUS } from '../v1-fields';
import {
	basic,
	bearer,
	pointWebhooks,
	send,
	smsBody,
	startReceiver,
	type Receiver,
} from './testkit';

const emu = useEmulator({ statusDelayMs: 5, webhookRetryDelaysMs: [20] });
let receiver: Receiver;
let account: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
	account = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
	await account.close();
});
beforeEach(() => {
	receiver.received.length = 0;
	account.received.length = 0;
	pointWebhooks(emu, receiver.url);
});

const bodies = (r: Receiver) => r.received.map((x) => JSON.parse(x.body) as Record<string, any>);
const apps = async (method: 'GET' | 'PUT', data?: unknown) =>
	await axios.request({
		method,
		url: `${emu.url}/v2/applications/${emu.credentials.applicationId}`,
		data,
		headers: { authorization: basic(emu.credentials.apiKey, emu.credentials.apiSecret) },
		validateStatus: () => true,
	});
const control = async (body: unknown) =>
	(
		await fetch(`${emu.url}/_emulator/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		})
	).status;

describe("the application's webhook version (capabilities.messages.version)", () => {
	it('is unset on the default application, as on a real one, and webhooks are then v1', async () => {
		const got = await apps('GET');
		expect(got.data.capabilities.messages).not.toHaveProperty('version');
		pointWebhooks(emu, receiver.url);
		await send(emu, bearer(emu.credentials));
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		await emu.waitFor(() => receiver.received.length >= 3);
		const events = bodies(receiver);
		const problems = events
			.map((event) => checkFields(event, 'status' in event ? V1_STATUS : V1_INBOUND))
			.flat();
		expect(problems).toEqual([]);
		expect(events.map((e) => typeof e.to)).toEqual(['string', 'string', 'string']);
	});

	it('set to v0.1 through the Applications API gives v0.1 webhooks; a PUT without it is v1 again', async () => {
		const { _links: _ignored, ...app } = (await apps('GET')).data;
		app.capabilities.messages = {
			version: 'v0.1',
			webhooks: {
				status_url: { address: `${receiver.url}/status`, http_method: 'POST' },
				inbound_url: { address: `${receiver.url}/inbound`, http_method: 'POST' },
			},
		};
		expect((await apps('PUT', app)).status).toBe(200);
		expect((await apps('GET')).data.capabilities.messages.version).toBe('v0.1');
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		expect(bodies(receiver)[0]).toMatchObject({
			to: { type: 'sms', number: '447700900001' },
			message: { content: { text: 'hi' } },
		});

		delete app.capabilities.messages.version;
		expect((await apps('PUT', app)).status).toBe(200);
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		expect(bodies(receiver)[1]).toMatchObject({ to: '447700900001', text: 'hi', channel: 'sms' });
	});

	it('refuses a version other than v1 or v0.1 (400 payload-validation)', async () => {
		const { _links: _ignored, ...app } = (await apps('GET')).data;
		app.capabilities.messages.version = 'v2';
		const res = await apps('PUT', app);
		expect(res.status).toBe(400);
		expect(res.data.invalid_parameters).toEqual([
			{ name: 'capabilities.messages.version', reason: expect.stringMatching(/v0\.1/) },
		]);
	});

	it('a send may override it (v1 sends carry webhook_version)', async () => {
		emu.emitStatuses({
			message_uuid: 'u-1',
			body: smsBody(),
			auth: 'jwt',
			webhookVersion: 'v0.1',
			receivedAt: Date.now(),
		});
		await emu.waitFor(() => receiver.received.length >= 2);
		expect(bodies(receiver).map((e) => e.to)).toEqual([
			{ type: 'sms', number: '447700900000' },
			{ type: 'sms', number: '447700900000' },
		]);
	});
});

describe('the account\'s "Messaging API type"', () => {
	it('SMS API: no status and no inbound Messages webhook is delivered; each is recorded with why', async () => {
		expect(await control({ messagingApiType: 'sms' })).toBe(200);
		await send(emu, bearer(emu.credentials));
		const inbound = await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		await emu.waitFor(() => emu.webhookDeliveries.length >= 3);
		expect(receiver.received).toHaveLength(0);
		expect(inbound).toMatchObject({
			attempt: 0,
			error: expect.stringMatching(/Messaging API type is SMS API/),
		});
		expect(
			emu.webhookDeliveries.every((d) => d.attempt === 0 && /SMS API/.test(d.error ?? '')),
		).toBe(true);
		expect(emu.publicState().account).toEqual({ messagingApiType: 'sms', accountStatusUrl: null });
	});

	it('Messages API (the default, and back): webhooks arrive', async () => {
		emu.configure({ messagingApiType: 'sms' });
		expect(await control({ messagingApiType: 'messages' })).toBe(200);
		await emu.sendInbound({ from: '447700900555', to: '447700900001', text: 'hi' });
		expect(receiver.received).toHaveLength(1);
	});
});

describe('status of Basic-auth sends goes to the account-level URL', () => {
	it('unset: not delivered (not to the application either), recorded with why', async () => {
		await send(emu, basic(emu.credentials.apiKey, emu.credentials.apiSecret));
		await emu.waitFor(() => emu.webhookDeliveries.length >= 2);
		expect(receiver.received).toHaveLength(0);
		expect(emu.webhookDeliveries.map((d) => [d.target, d.attempt, d.error])).toEqual([
			['account', 0, expect.stringMatching(/no account-level status URL/)],
			['account', 0, expect.stringMatching(/no account-level status URL/)],
		]);
	});

	it('set through the control API: delivered there in v1, signed without an application_id; JWT sends still go to the application', async () => {
		expect(
			await control({
				accountStatusUrl: `${account.url}/account-status`,
				applicationWebhookVersion: 'v0.1',
			}),
		).toBe(200);
		await send(
			emu,
			basic(emu.credentials.apiKey, emu.credentials.apiSecret),
			smsBody({ client_ref: 'basic-1' }),
		);
		await send(emu, bearer(emu.credentials), smsBody({ client_ref: 'jwt-1' }));
		await emu.waitFor(() => account.received.length >= 2 && receiver.received.length >= 2);
		expect(bodies(account).map((e) => [e.client_ref, typeof e.to])).toEqual([
			['basic-1', 'string'],
			['basic-1', 'string'],
		]);
		expect(bodies(receiver).map((e) => [e.client_ref, typeof e.to])).toEqual([
			['jwt-1', 'object'],
			['jwt-1', 'object'],
		]);
		expect(account.received[0].path).toBe('/account-status');
		const claims = jwt.verify(
			account.received[0].headers.authorization!.split(' ')[1],
			emu.credentials.signatureSecret,
		) as jwt.JwtPayload;
		expect(claims).toMatchObject({ iss: 'Vonage', api_key: emu.credentials.apiKey });
		expect(claims).not.toHaveProperty('application_id');
	});

	it('control API: bad values are refused; null unsets; reset restores the start', async () => {
		expect(await control({ accountStatusUrl: 'ftp://example.com' })).toBe(400);
		expect(await control({ messagingApiType: 'voice' })).toBe(400);
		expect(await control({ applicationWebhookVersion: 'v2' })).toBe(400);
		expect(
			await control({ accountStatusUrl: `${account.url}/x`, applicationWebhookVersion: 'v0.1' }),
		).toBe(200);
		expect(emu.application.capabilities.messages.version).toBe('v0.1');
		expect(await control({ accountStatusUrl: null, applicationWebhookVersion: null })).toBe(200);
		expect(emu.options.accountStatusUrl).toBeUndefined();
		expect(emu.application.capabilities.messages).not.toHaveProperty('version');
		emu.configure({ messagingApiType: 'sms', applicationWebhookVersion: 'v0.1' });
		emu.reset();
		expect(emu.publicState().account).toEqual({
			messagingApiType: 'messages',
			accountStatusUrl: null,
		});
		expect(emu.application.capabilities.messages).not.toHaveProperty('version');
	});

	it('an emulator started with applicationWebhookVersion keeps it across reset()', async () => {
		const other = await startEmulator({ applicationWebhookVersion: 'v0.1' });
		try {
			other.reset();
			expect(other.application.capabilities.messages.version).toBe('v0.1');
		} finally {
			await other.close();
		}
	});
});
