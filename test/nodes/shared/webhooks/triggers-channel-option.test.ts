// The Channels option set by expression (issue 16 item 5): one name or a comma-separated list filters like
// the list does; anything else (an object, a number, a name that is no channel) is refused at activation
// (and by the editor's Listen for Test Event, the same check), and per request starts nothing with a 200
// that says why: never a 500 per event, never an open filter.
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { channelsFromOption } from '../../../../nodes/shared/webhooks/channelFilter';
import { channelInboundEvent, channelStatusEvent } from '../../../emulator/channel-events';
import { useEmulator } from '../../../support/emulator-fixture';
import { useListeningTriggers } from '../../../support/listening-trigger';
import { post, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator();
const listening = useListeningTriggers(emulator);

const deliver = async (url: string, event: object) => {
	const body = JSON.stringify(event);
	return await post(
		url,
		body,
		`Bearer ${vonageSignature(body, emulator.credentials.signatureSecret)}`,
	);
};
const inbound = (channel: 'sms' | 'whatsapp' | 'mms') =>
	channelInboundEvent(
		channel === 'mms'
			? {
					channel,
					from: '12015550124',
					to: '12345',
					type: 'image',
					url: 'https://example.com/a.jpg',
				}
			: { channel, from: '447700900000', to: '447700900001', text: 'Hi' },
		'v1',
	);

describe('Channels by expression that the filter reads', () => {
	it.each([
		['one name', '={{ "whatsapp" }}', ['whatsapp']],
		['one name, any case and spaces', '={{ " WhatsApp " }}', ['whatsapp']],
		['a comma-separated list', '={{ "whatsapp, sms" }}', ['whatsapp', 'sms']],
		['a list', '={{ ["whatsapp"] }}', ['whatsapp']],
	])(
		'%s: activates, and only the chosen channels start the workflow',
		async (_l, value, chosen) => {
			const { t, url } = await listening(new VonageMessagesInboundTrigger(), { channels: value });
			expect(await t.checkExists()).toBe(false);
			for (const channel of ['sms', 'whatsapp', 'mms'] as const) {
				const response = await deliver(url, inbound(channel));
				expect(response.status).toBe(200);
				if (!chosen.includes(channel)) expect(response.body).toMatch(/is not selected/);
			}
			expect(t.executions.map((run) => run[0][0].json.channel)).toEqual(
				['sms', 'whatsapp', 'mms'].filter((c) => chosen.includes(c)),
			);
		},
	);

	it('an empty string means all channels, as an empty list does', async () => {
		const { t, url } = await listening(new VonageMessagesInboundTrigger(), {
			channels: '={{ "" }}',
		});
		for (const channel of ['sms', 'mms'] as const) await deliver(url, inbound(channel));
		expect(t.executions).toHaveLength(2);
	});
});

describe('Channels by expression that is no list of channels', () => {
	it.each([
		[
			'an object',
			'={{ Object.fromEntries([["a", 1]]) }}',
			/Channels must be channel names, not an object/,
		],
		['a number', '={{ 5 }}', /Channels must be channel names, not a number/],
		['a name that is no channel', '={{ "telegram" }}', /Channels: "telegram" is not a channel/],
		['a list holding a number', '={{ ["sms", 5] }}', /not a list holding a number/],
		['a prototype name', '={{ "constructor" }}', /"constructor" is not a channel/],
	])(
		'%s: refused at activation naming the fix; per request a 500 that starts nothing (Vonage retries it)',
		async (_l, value, message) => {
			for (const node of [new VonageMessagesInboundTrigger(), new VonageMessagesStatusTrigger()]) {
				const { t, url } = await listening(node, { channels: value });
				await expect(t.checkExists()).rejects.toThrow(message);
				await expect(t.checkExists()).rejects.toThrow(/messenger, mms, rcs, sms, viber, whatsapp/);
				const event =
					node instanceof VonageMessagesInboundTrigger
						? inbound('sms')
						: channelStatusEvent(
								{ message_uuid: 'u-1' },
								{ channel: 'sms', to: '447700900000', from: '447700900001', messageType: 'text' },
								'delivered',
								undefined,
								'v1',
							);
				const response = await deliver(url, event);
				expect(response.status).toBe(500);
				expect(t.executions).toHaveLength(0);
				expect(t.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
			}
		},
	);
});

describe('channelsFromOption (what the activation check and the filter share)', () => {
	it.each([
		[undefined, []],
		[null, []],
		['', []],
		[[], []],
		['sms,,whatsapp,sms', ['sms', 'whatsapp']],
		['viber_service', ['viber']],
		[
			['MMS', 'messenger'],
			['mms', 'messenger'],
		],
	])('%j reads as %j', (value, channels) => expect(channelsFromOption(value)).toEqual(channels));
	it.each([[true], [{}], [7], [['sms', null]], ['__proto__'], ['hasOwnProperty, sms']])(
		'%j is refused',
		(value) => expect(() => channelsFromOption(value)).toThrow(/^Channels/),
	);
});
