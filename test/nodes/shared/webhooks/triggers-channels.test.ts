// Both triggers on every channel, in both webhook formats: the Inbound Trigger's channel filter and
// media, the Status Trigger's channel filter and `read` (WhatsApp, Viber, Messenger).

import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import {
	channelInboundEvent,
	channelStatusEvent,
	type InboundSpec,
	type WebhookFormat,
} from '../../../emulator/channel-events';
import { useListeningTriggers } from '../../../support/listening-trigger';
import { sendOn } from '../../../support/channels';
import { post, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator({ statusDelayMs: 5 });
const listening = useListeningTriggers(emulator);

const signed = (body: string) =>
	`Bearer ${vonageSignature(body, emulator.credentials.signatureSecret)}`;
const deliver = async (url: string, event: object) => {
	const body = JSON.stringify(event);
	return await post(url, body, signed(body));
};

const URL_ = 'https://example.com/media/photo.jpg';
const INBOUND: Array<[string, InboundSpec]> = [
	['MMS image', { channel: 'mms', from: '12015550124', to: '12345', type: 'image', url: URL_ }],
	[
		'WhatsApp text',
		{ channel: 'whatsapp', from: '447700900000', to: '447700900001', text: 'Where is my order?' },
	],
	[
		'WhatsApp image with caption',
		{
			channel: 'whatsapp',
			from: '447700900000',
			to: '447700900001',
			type: 'image',
			url: URL_,
			caption: 'broken',
		},
	],
	[
		'WhatsApp audio',
		{ channel: 'whatsapp', from: '447700900000', to: '447700900001', type: 'audio', url: URL_ },
	],
	[
		'WhatsApp video',
		{ channel: 'whatsapp', from: '447700900000', to: '447700900001', type: 'video', url: URL_ },
	],
	[
		'WhatsApp file',
		{
			channel: 'whatsapp',
			from: '447700900000',
			to: '447700900001',
			type: 'file',
			url: URL_,
			caption: 'invoice',
		},
	],
	['Viber text', { channel: 'viber', from: '447700900000', to: '654321', text: 'Hi' }],
	[
		'Messenger text',
		{ channel: 'messenger', from: '5473848892683926', to: '107083064136738', text: 'Hi' },
	],
	[
		'Messenger image',
		{
			channel: 'messenger',
			from: '5473848892683926',
			to: '107083064136738',
			type: 'image',
			url: URL_,
		},
	],
];
const FORMATS: WebhookFormat[] = ['v0.1', 'v1'];

describe.each(FORMATS)('Inbound Trigger, %s webhooks', (format) => {
	it.each(INBOUND)(
		'%s starts the workflow with the event as sent, when its channel is selected',
		async (_label, spec) => {
			const { t, url } = await listening(new VonageMessagesInboundTrigger(), {
				channels: [spec.channel],
			});
			const event = channelInboundEvent(spec, format);
			expect((await deliver(url, event)).status).toBe(200);
			expect(t.executions).toHaveLength(1);
			const json = t.executions[0][0][0].json;
			expect(json).toMatchObject(event);
			// The normalised fields read the same in both formats: channel, sender, recipient, the text or the media.
			expect(json).toMatchObject({
				webhook_version: format,
				channel: spec.channel === 'viber' ? 'viber_service' : spec.channel,
				sender: spec.from,
				recipient: spec.to,
				message_type: spec.type ?? (spec.channel === 'mms' ? 'image' : 'text'),
				text: spec.text ?? null,
				media_url: spec.url ?? null,
				media_caption: spec.caption ?? null,
			});
		},
	);

	it('the channel filter lets other channels pass by without starting anything (200, so Vonage stops)', async () => {
		const { t, url } = await listening(new VonageMessagesInboundTrigger(), {
			channels: ['whatsapp', 'mms'],
		});
		const others = INBOUND.filter(([, spec]) => !['whatsapp', 'mms'].includes(spec.channel)).map(
			([, spec]) => channelInboundEvent(spec, format),
		);
		const sms = channelInboundEvent(
			{ channel: 'sms', from: '447700900000', to: '447700900001', text: 'Hi' },
			format,
		);
		for (const event of [...others, sms]) {
			const response = await deliver(url, event);
			expect(response.status).toBe(200);
			expect(response.body).toMatch(/is not selected/);
		}
		expect(t.executions).toHaveLength(0);
		await deliver(url, channelInboundEvent(INBOUND[1][1], format));
		expect(t.executions).toHaveLength(1);
	});
});

describe('Status Trigger', () => {
	it.each(FORMATS)(
		'routes read to the Read output for WhatsApp, Viber and Messenger (%s webhooks)',
		async (format) => {
			const { t, url } = await listening(new VonageMessagesStatusTrigger(), {
				splitByStatus: true,
			});
			const envelopes = [
				{ channel: 'whatsapp', to: '447700900000', from: '447700900001', messageType: 'text' },
				{ channel: 'viber', to: '447700900000', from: '654321', messageType: 'text' },
				{
					channel: 'messenger',
					to: '5473848892683926',
					from: '107083064136738',
					messageType: 'text',
				},
			] as const;
			for (const [i, envelope] of envelopes.entries()) {
				const response = await deliver(
					url,
					channelStatusEvent(
						{ message_uuid: `uuid-${format}-${i}`, clientRef: `ref-${i}` },
						envelope,
						'read',
						undefined,
						format,
					),
				);
				expect(response.status).toBe(200);
			}
			expect(t.executions).toHaveLength(3);
			expect(t.executions.map((run) => run.findIndex((output) => output.length > 0))).toEqual([
				2, 2, 2,
			]);
			expect(t.executions.map((run) => run[2][0].json.client_ref)).toEqual([
				'ref-0',
				'ref-1',
				'ref-2',
			]);
		},
	);

	it('follows a WhatsApp message sent through v1 from submitted to delivered to read, and the channel filter drops SMS', async () => {
		const { t } = await listening(new VonageMessagesStatusTrigger(), {
			splitByStatus: true,
			channels: ['whatsapp'],
		});
		await t.create();
		const wa = await sendOn({
			emulator,
			resource: 'whatsapp',
			parameters: { text: 'Hi', clientRef: 'wa-1', options: { apiVersion: 'v1' } },
		});
		expect(wa.error).toBeUndefined();
		const sms = await sendOn({
			emulator,
			resource: 'sms',
			parameters: { text: 'Hi', clientRef: 'sms-1' },
		});
		expect(sms.error).toBeUndefined();
		await emulator.waitFor(
			() => t.executions.length >= 3 && emulator.webhookDeliveries.length >= 5,
			10_000,
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const seen = t.executions.map((run) => {
			const branch = run.findIndex((output) => output.length > 0);
			return [run[branch][0].json.status, branch, run[branch][0].json.client_ref];
		});
		expect(seen).toEqual([
			['submitted', 0, 'wa-1'],
			['delivered', 1, 'wa-1'],
			['read', 2, 'wa-1'],
		]);
	});
});
