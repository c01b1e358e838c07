// Issue 16 item 9: the PUT back changes nothing the user set. Every write carries the application exactly as
// the GET before it returned it, except the one webhook being changed and the fields an update must not
// carry (verify.version, keys.private_key). Applications shaped like the GET fixtures of Vonage's Java SDK
// (ApplicationClientTest SAMPLE_APPLICATION) and .NET SDK (GetApplication-response.json), served by the
// emulator's Applications API, which refuses verify.version on update (Python SDK: not to be set).
import type { INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';

const emulator = useEmulator();

async function trigger(nodeType: INodeType): Promise<TriggerHarness> {
	return await createTriggerHarness({
		nodeType,
		parameters: { registration: 'automatic', options: {} },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt') },
		credentialTypes: [new VonageMessagesApi()],
		webhookBaseUrl: 'https://n8n.example.com',
	});
}

const hook = (address: string, http_method = 'POST') => ({ address, http_method });
const WEBHOOKS = {
	inbound_url: hook('https://example.com/webhooks/inbound'),
	status_url: hook('https://example.com/webhooks/status'),
};

/** The other capabilities of the SDKs' GET fixtures, as Vonage returns them. */
const otherCapabilities = () => ({
	voice: {
		webhooks: {
			answer_url: hook('https://example.com/webhooks/answer'),
			event_url: hook('https://example.com/webhooks/event'),
		},
		payment_enabled: false,
		signed_callbacks: true,
		conversations_ttl: 24,
		leg_persistence_time: 7,
		region: 'eu-west',
		payments: { gateways: [] },
	},
	network_apis: {
		network_application_id: '2bzfIFqRG128IcjSj1YhZNtw6LADG',
		redirect_uri: 'https://my-redirect-uri.example.com',
	},
	rtc: { webhooks: {} },
	vbc: {},
	verify: { version: 'v2', webhooks: { status_url: hook('https://example.com/webhooks/status') } },
});

const messagesCases: Array<[label: string, messages: Record<string, unknown>]> = [
	['no version (Java and .NET GET fixtures)', { webhooks: WEBHOOKS }],
	['version v0.1', { version: 'v0.1', webhooks: WEBHOOKS }],
	[
		'version v1 and authenticate_inbound_media',
		{ webhooks: WEBHOOKS, version: 'v1', authenticate_inbound_media: true },
	],
];
const triggers: Array<[label: string, make: () => INodeType, key: 'status_url' | 'inbound_url']> = [
	['status trigger', () => new VonageMessagesStatusTrigger(), 'status_url'],
	['inbound trigger', () => new VonageMessagesInboundTrigger(), 'inbound_url'],
];

describe.each(triggers)('%s on an application like the SDK fixtures', (_t, make, key) => {
	it.each(messagesCases)(
		'Messages capability with %s: each PUT sends back what was read',
		async (_l, messages) => {
			emulator.application.capabilities = {
				...otherCapabilities(),
				messages: structuredClone(messages),
			};
			emulator.application.keys = {
				public_key: emulator.credentials.publicKey,
				private_key: 'PRIVATE-PEM',
			};
			const before = structuredClone(emulator.application);
			const t = await trigger(make());
			if (!(await t.checkExists())) await t.create();
			await t.delete();
			await t.close();

			const { verify: _v, ...others } = otherCapabilities();
			expect(emulator.applicationWrites).toHaveLength(2);
			for (const [i, write] of emulator.applicationWrites.entries()) {
				const { messages: written, verify, ...rest } = write.capabilities;
				expect(rest).toEqual(others);
				expect(verify).toEqual({ webhooks: otherCapabilities().verify.webhooks });
				expect(write.keys).toEqual({ public_key: emulator.credentials.publicKey });
				expect(write.privacy).toEqual(before.privacy);
				const { webhooks: _w, ...settings } = messages;
				const { webhooks: sentHooks, ...sentSettings } = written;
				expect(sentSettings).toEqual(settings); // version neither added nor dropped
				expect(sentHooks[key === 'status_url' ? 'inbound_url' : 'status_url']).toEqual(
					WEBHOOKS[key === 'status_url' ? 'inbound_url' : 'status_url'],
				);
				expect(sentHooks[key].address).toBe(i === 0 ? t.webhookUrl : WEBHOOKS[key].address);
			}
			const { keys: _k, ...restBefore } = before;
			const { keys: _k2, ...restAfter } = emulator.application;
			expect(restAfter).toEqual(restBefore);
		},
	);
});

describe('a Messages capability left without webhooks by our deactivation', () => {
	it.each([
		['its version v0.1', { version: 'v0.1' }],
		['authenticate_inbound_media', { authenticate_inbound_media: true }],
	])('keeps %s when someone else changed it meanwhile', async (_l, settings) => {
		emulator.application.capabilities.messages = {
			...settings,
			webhooks: { inbound_url: hook('https://crm.example.com/in') },
		};
		const t = await trigger(new VonageMessagesStatusTrigger());
		if (!(await t.checkExists())) await t.create();
		// Someone removes the Inbound URL while the trigger is active.
		delete emulator.application.capabilities.messages.webhooks.inbound_url;
		await t.delete();
		await t.close();
		expect(emulator.application.capabilities.messages).toEqual({ ...settings, webhooks: {} });
	});
});
