import axios from 'axios';
import type { INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness } from '../../../harness';
import { credentialFor, secretsOf } from '../../../support/setup';

const emulator = useEmulator();

type Key = 'status_url' | 'inbound_url';
const webhookOf = (key: Key) => (emulator.application.capabilities as any).messages.webhooks[key];

async function setBehindN8nsBack(key: Key, address: string) {
	const { apiKey, apiSecret, applicationId } = emulator.credentials;
	const url = `${emulator.url}/v2/applications/${applicationId}`;
	const auth = { username: apiKey, password: apiSecret };
	const { data } = await axios.get(url, { auth });
	data.capabilities.messages.webhooks[key] = { address, http_method: 'POST' };
	await axios.put(url, data, { auth });
}

function trigger(nodeType: INodeType, parameters = {}, credential = {}) {
	return createTriggerHarness({
		nodeType,
		parameters: { registration: 'automatic', options: {}, ...parameters },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
		credentialTypes: [new VonageMessagesApi()],
		webhookBaseUrl: 'https://n8n.example.com',
	});
}

const cases: Array<[label: string, make: () => INodeType, key: Key, path: string]> = [
	['status trigger', () => new VonageMessagesStatusTrigger(), 'status_url', 'status'],
	['inbound trigger', () => new VonageMessagesInboundTrigger(), 'inbound_url', 'inbound'],
];

describe.each(cases)('%s registration', (_label, make, key, path) => {
	const other: Key = key === 'status_url' ? 'inbound_url' : 'status_url';

	it('registers on activation, changing only its own webhook, and restores on deactivation', async () => {
		const before = structuredClone(emulator.application);
		const t = await trigger(make());
		expect(t.webhookUrl).toMatch(
			new RegExp(`^https://n8n.example.com/webhook/[0-9a-f-]+/${path}$`),
		);
		expect(await t.checkExists()).toBe(false);
		expect(await t.create()).toBe(true);
		expect(webhookOf(key)).toEqual({ address: t.webhookUrl, http_method: 'POST' });
		expect(webhookOf(other)).toEqual((before.capabilities as any).messages.webhooks[other]);
		const { capabilities: _c, ...restBefore } = before as any;
		const { capabilities: _d, ...restAfter } = emulator.application as any;
		expect(restAfter).toEqual(restBefore);
		expect(Object.keys(emulator.application.capabilities as object).sort()).toEqual(
			Object.keys(before.capabilities as object).sort(),
		);
		expect(await t.checkExists()).toBe(true);

		expect(await t.delete()).toBe(true);
		expect(emulator.application).toEqual(before);
		await t.close();
	});

	it("notices a URL changed behind n8n's back and registers again", async () => {
		const t = await trigger(make());
		await t.create();
		await setBehindN8nsBack(key, 'https://elsewhere.example.com/hook');
		expect(await t.checkExists()).toBe(false);
		await t.create();
		expect(webhookOf(key).address).toBe(t.webhookUrl);
		await t.delete();
		expect(webhookOf(key).address).toBe('https://elsewhere.example.com/hook');
		await t.close();
	});

	it('never clobbers a URL someone else set after activation', async () => {
		const t = await trigger(make());
		await t.create();
		await setBehindN8nsBack(key, 'https://someone-else.example.com/hook');
		const writes = emulator.applicationWrites.length;
		await t.delete();
		expect(webhookOf(key).address).toBe('https://someone-else.example.com/hook');
		expect(emulator.applicationWrites.length).toBe(writes);
		await t.close();
	});

	it('touches nothing at Vonage in manual mode', async () => {
		const t = await trigger(make(), { registration: 'manual' });
		expect(await t.checkExists()).toBe(true);
		await t.create();
		await t.delete();
		expect(emulator.applicationWrites).toHaveLength(0);
		await t.close();
	});

	const failures: Array<[label: string, credential: object, message: RegExp]> = [
		[
			'missing API secret',
			{ apiSecret: '' },
			/needs API Secret in the Vonage Messages API credential/,
		],
		['missing application id', { applicationId: '' }, /needs Application ID/],
		[
			'unknown application',
			{ applicationId: '11111111-2222-4333-8444-555555555555' },
			/no application with the ID "11111111-2222-4333-8444-555555555555"/,
		],
		['wrong API secret', { apiSecret: 'wrong-secret' }, /Vonage answered 401/],
	];
	it.each(failures)('fails clearly on %s, leaking no secret', async (_l, credential, message) => {
		const t = await trigger(make(), {}, credential);
		let caught: Error | undefined;
		try {
			await t.create();
		} catch (error) {
			caught = error as Error;
		}
		expect(caught?.message).toMatch(message);
		const text = JSON.stringify({
			message: caught?.message,
			description: (caught as any)?.description,
		});
		expect(secretsOf(emulator).filter((s) => s.length > 8 && text.includes(s))).toEqual([]);
		expect(emulator.applicationWrites).toHaveLength(0);
		await t.close();
	});

	it('says so when Vonage refuses the update', async () => {
		const t = await createTriggerHarness({
			nodeType: make(),
			parameters: { registration: 'automatic', options: {} },
			credentials: { vonageMessagesApi: credentialFor(emulator, 'basic') },
			credentialTypes: [new VonageMessagesApi()],
			webhookBaseUrl: 'not a url',
		});
		await expect(t.create()).rejects.toThrow(/Vonage refused to update the application's webhook/);
		await t.close();
	});
});

describe('both triggers on one application', () => {
	it('activate and deactivate at the same moment without undoing each other', async () => {
		const before = structuredClone(emulator.application);
		const status = await trigger(new VonageMessagesStatusTrigger());
		const inbound = await trigger(new VonageMessagesInboundTrigger());
		await Promise.all([status.create(), inbound.create()]);
		expect(webhookOf('status_url').address).toBe(status.webhookUrl);
		expect(webhookOf('inbound_url').address).toBe(inbound.webhookUrl);
		await Promise.all([status.delete(), inbound.delete()]);
		expect(emulator.application).toEqual(before);
		await status.close();
		await inbound.close();
	});
});
