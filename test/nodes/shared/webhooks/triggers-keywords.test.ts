// The Inbound Trigger's Keywords option (issue 18), through n8n-core's engine over real HTTP: the emulator
// sends customers' messages (v0.1 and v1, SMS and WhatsApp, text, button, reply and media) to the
// registered trigger; only a message whose first word is a keyword starts the workflow, with that keyword
// in `keyword` as the option wrote it. An unusable option is refused at activation, naming the fix.
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import {
	channelInboundEvent,
	type InboundSpec,
	type WebhookFormat,
} from '../../../emulator/channel-events';
import { sendChannelInbound } from '../../../emulator/channel-status';
import { useEmulator } from '../../../support/emulator-fixture';
import { useListeningTriggers } from '../../../support/listening-trigger';
import { post, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator();
const listening = useListeningTriggers(emulator, { register: true });

const SMS = { channel: 'sms', from: '447700900555', to: '447700900001' } as const;
const WA = { channel: 'whatsapp', from: '447700900555', to: '447700900001' } as const;
const text = (base: typeof SMS | typeof WA, words: string): InboundSpec => ({
	...base,
	text: words,
});

/** label, Keywords option, format, the customer's message, whether it starts, and the output's `keyword`. */
const CASES: Array<[string, string, WebhookFormat, InboundSpec, boolean, string | undefined]> = [
	['SMS keyword, v1', 'STOP, UNSUBSCRIBE', 'v1', text(SMS, 'STOP'), true, 'STOP'],
	['SMS keyword, v0.1', 'STOP, UNSUBSCRIBE', 'v0.1', text(SMS, 'unsubscribe'), true, 'UNSUBSCRIBE'],
	['WhatsApp keyword, v1', 'ORDER', 'v1', text(WA, 'order 42 please'), true, 'ORDER'],
	['WhatsApp keyword, v0.1', 'ORDER', 'v0.1', text(WA, 'Order 42'), true, 'ORDER'],
	['case and final punctuation', 'Stop', 'v1', text(SMS, 'STOP!'), true, 'Stop'],
	['a full stop', 'STOP', 'v0.1', text(SMS, 'Stop.'), true, 'STOP'],
	['leading spaces', 'STOP', 'v1', text(WA, '   stop  now'), true, 'STOP'],
	['an emoji after the word', 'STOP', 'v1', text(WA, 'Stop 🙏'), true, 'STOP'],
	['the first spelling of a repeated keyword', 'Stop, STOP', 'v1', text(SMS, 'stop'), true, 'Stop'],
	['empty entries are skipped', 'STOP,,ORDER', 'v1', text(SMS, 'order'), true, 'ORDER'],
	['a word that starts with the keyword', 'STOP', 'v1', text(SMS, 'stopping'), false, undefined],
	['the keyword later in the text', 'STOP', 'v0.1', text(WA, 'please stop'), false, undefined],
	['another word', 'STOP, ORDER', 'v1', text(SMS, 'hello'), false, undefined],
	[
		'a WhatsApp button: its text',
		'YES',
		'v1',
		{ ...WA, type: 'button', text: 'Yes please', id: 'y' },
		true,
		'YES',
	],
	[
		'a WhatsApp reply: its title',
		'LATER',
		'v1',
		{ ...WA, type: 'reply', text: 'Later', id: 'l1' },
		true,
		'LATER',
	],
	[
		'an image: its caption does not count',
		'STOP',
		'v1',
		{ ...WA, type: 'image', caption: 'STOP' },
		false,
		undefined,
	],
	[
		'an image, v0.1: its caption does not count',
		'STOP',
		'v0.1',
		{ ...WA, type: 'image', caption: 'STOP' },
		false,
		undefined,
	],
	['a location has no text', 'STOP', 'v1', { ...WA, type: 'location' }, false, undefined],
];

describe('Inbound Trigger: Keywords', () => {
	it.each(CASES)(
		'%s (Keywords %p, %s)',
		async (_label, keywords, format, spec, starts, keyword) => {
			const { t } = await listening(new VonageMessagesInboundTrigger(), { keywords });
			expect(await t.checkExists()).toBe(true);
			const record = await sendChannelInbound(emulator, spec, format);
			expect(record.status).toBe(200);
			expect(t.executions).toHaveLength(starts ? 1 : 0);
			if (starts)
				expect(t.executions[0][0][0].json).toMatchObject({ webhook_version: format, keyword });
		},
	);

	it.each([
		['no option', {}],
		['an empty option', { keywords: '' }],
		['only commas', { keywords: ' , ' }],
	])('%s: every message starts, with no keyword field', async (_label, options) => {
		const { t } = await listening(new VonageMessagesInboundTrigger(), options);
		for (const spec of [text(SMS, 'hello'), { ...WA, type: 'image' as const }])
			expect((await sendChannelInbound(emulator, spec)).status).toBe(200);
		expect(t.executions).toHaveLength(2);
		for (const run of t.executions) expect(run[0][0].json).not.toHaveProperty('keyword');
	});

	it('answers a filtered-out message 200 saying why, quoting at most 40 characters', async () => {
		const { t, url } = await listening(new VonageMessagesInboundTrigger(), { keywords: 'STOP' });
		const long = `${'x'.repeat(60)} and more`;
		const body = JSON.stringify(channelInboundEvent(text(SMS, long), 'v1'));
		const response = await post(
			url,
			body,
			`Bearer ${vonageSignature(body, emulator.credentials.signatureSecret)}`,
		);
		expect(response.status).toBe(200);
		expect(response.body).toContain(`first word \\"${'x'.repeat(40)}\\" is not a keyword`);
		expect(response.body).not.toContain('x'.repeat(41));
		expect(t.executions).toHaveLength(0);
	});
});

describe('Keywords that are not usable', () => {
	it.each([
		['a number by expression', '={{ 5 }}', /Keywords must be text, not the number 5/],
		['a list by expression', '={{ ["STOP", "ORDER"] }}', /Keywords must be text, not a list/],
		['an object by expression', '={{ { a: 1 } }}', /Keywords must be text, not an object/],
		[
			'a keyword of two words',
			'STOP, stop please',
			/Keywords: "stop please" is more than one word/,
		],
	])(
		'%s: refused at activation naming the fix; per request a 500 that starts nothing',
		async (_label, keywords, message) => {
			const { t } = await listening(new VonageMessagesInboundTrigger(), { keywords });
			await expect(t.checkExists()).rejects.toThrow(message);
			await expect(t.checkExists()).rejects.toThrow(/such as "STOP, UNSUBSCRIBE"/);
			expect((await sendChannelInbound(emulator, text(SMS, 'STOP'))).status).toBe(500);
			// Vonage (the emulator) retries a 500; every try fails the same way
			expect(t.errors.length).toBeGreaterThan(0);
			for (const error of t.errors) expect(error.message).toMatch(message);
			expect(t.executions).toHaveLength(0);
		},
	);
});
