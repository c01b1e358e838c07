// Bad input on every channel is stopped before anything is sent, with an error that names the field,
// the item, the channel and the fix; with Continue On Fail each bad item becomes an error item.
import type { INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

type Bad = [
	label: string,
	resource: Resource,
	parameters: INodeParameters,
	message: RegExp,
	fix: RegExp,
];

const long = (n: number) => 'x'.repeat(n);
const v1 = { apiVersion: 'v1' };

const bad: Bad[] = [
	[
		'WhatsApp text over 4096 characters',
		'whatsapp',
		{ text: long(4097) },
		/^'Text' in item 0 has 4097 characters; WhatsApp accepts at most 4096 \[WhatsApp\]/,
		/Shorten/,
	],
	[
		'Viber text over 1000 characters',
		'viber',
		{ text: long(1001) },
		/^'Text' in item 0 has 1001 characters; Viber accepts at most 1000 \[Viber\]/,
		/Shorten/,
	],
	[
		'Messenger text over 640 characters',
		'messenger',
		{ text: long(641) },
		/^'Text' in item 0 has 641 characters; Messenger accepts at most 640 \[Messenger\]/,
		/split/,
	],
	[
		'an empty WhatsApp text',
		'whatsapp',
		{ text: '  ' },
		/^'Text' in item 0 is empty \[WhatsApp\]/,
		/Write the message/,
	],
	[
		'a WhatsApp recipient that is not a number',
		'whatsapp',
		{ to: 'call me', text: 'hi' },
		/^'To' in item 0 is not a phone number .*\[WhatsApp\]/,
		/country code/,
	],
	[
		'a phone number as Messenger recipient',
		'messenger',
		{ to: '+44 7700 900000', text: 'hi' },
		/^'To' in item 0 is not a Messenger ID .*\[Messenger\]/,
		/not phone number: use the sender ID/,
	],
	[
		'an empty Messenger page ID',
		'messenger',
		{ from: "={{ '' }}", text: 'hi' },
		/^'From' in item 0 is not a Messenger ID \(it is empty\)/,
		/Facebook page/,
	],
	[
		'a phone number as Viber sender',
		'viber',
		{ from: '+44 7700 900001', text: 'hi' },
		/^'From' in item 0 is not a Viber service message ID/,
		/service message ID .* not a phone number/,
	],
	[
		'an MMS sender that is neither number nor short code',
		'mms',
		{ from: 'ACME', mediaUrl: 'https://example.com/a.jpg' },
		/^'From' in item 0 is not a phone number/,
		/country code/,
	],
	[
		'a relative media URL',
		'mms',
		{ mediaUrl: '/images/cat.jpg' },
		/^'Media URL' in item 0 is not an absolute http\(s\) URL \(got "\/images\/cat.jpg"\) \[MMS\]/,
		/https:\/\//,
	],
	[
		'an ftp media URL',
		'whatsapp',
		{ messageType: 'image', mediaUrl: 'ftp://example.com/a.jpg' },
		/^'Media URL' in item 0 is not an absolute http\(s\) URL/,
		/Vonage downloads/,
	],
	[
		'an empty media URL',
		'messenger',
		{ messageType: 'file', mediaUrl: "={{ '' }}" },
		/^'Media URL' in item 0 is not an absolute http\(s\) URL \(it is empty\)/,
		/https:\/\//,
	],
	[
		'a caption on an MMS image in v0.1',
		'mms',
		{ mediaUrl: 'https://example.com/a.jpg', caption: 'Hi' },
		/^'Caption' in item 0 cannot go with a MMS image in API v0.1/,
		/API Version to v1/,
	],
	[
		'a caption on a WhatsApp video in v0.1',
		'whatsapp',
		{ messageType: 'video', mediaUrl: 'https://example.com/a.mp4', caption: 'Hi' },
		/^'Caption' in item 0 cannot go with a WhatsApp video in API v0.1/,
		/API Version to v1/,
	],
	[
		'a caption on a Viber image in v0.1',
		'viber',
		{ messageType: 'image', mediaUrl: 'https://example.com/a.jpg', caption: 'Hi' },
		/^'Caption' in item 0 cannot go with a Viber image in API v0.1/,
		/API Version to v1/,
	],
	[
		'a template without a name',
		'whatsapp',
		{ messageType: 'template', templateName: "={{ '' }}", locale: 'en' },
		/^'Template Name' in item 0 is not a template name \(it is empty\)/,
		/approved WhatsApp template/,
	],
	[
		'a template with an empty parameter',
		'whatsapp',
		{
			messageType: 'template',
			templateName: 'acme:verify',
			templateParameters: { parameter: [{ value: 'Daisy' }, { value: '' }] },
			locale: 'en',
		},
		/^'Template Parameters' in item 0 has no text for parameter 2/,
		/\{\{1\}\}, \{\{2\}\}/,
	],
	[
		'a template without a locale',
		'whatsapp',
		{ messageType: 'template', templateName: 'acme:verify', locale: "={{ '' }}" },
		/^'Locale' in item 0 is not a language code \(it is empty\)/,
		/en-GB/,
	],
	[
		'a template with the fallback policy',
		'whatsapp',
		{ messageType: 'template', templateName: 'acme:verify', locale: 'en', policy: 'fallback' },
		/^'Policy' in item 0 cannot be used \(WhatsApp withdrew the fallback policy/,
		/Deterministic/,
	],
	[
		'a type the channel does not take',
		'viber',
		{ messageType: 'audio', mediaUrl: 'https://example.com/a.mp3' },
		/^'Message Type' in item 0 is not a Viber message type \(got "audio"\)/,
		/text, image/,
	],
	[
		'a Viber TTL under 30 seconds',
		'viber',
		{ text: 'hi', options: { ttl: 10 } },
		/^'TTL \(Seconds\)' in item 0 is not a whole number of seconds from 30 to 259200/,
		/600/,
	],
	[
		'a Messenger message tag category without a tag',
		'messenger',
		{ text: 'hi', options: { category: 'message_tag' } },
		/^'Tag' in item 0 is required with the category message_tag/,
		/CONFIRMED_EVENT_UPDATE/,
	],
	[
		'a Messenger tag in lower case',
		'messenger',
		{ text: 'hi', options: { category: 'message_tag', tag: 'confirmed event' } },
		/^'Tag' in item 0 is not a Messenger message tag/,
		/capitals/,
	],
	[
		'a client reference over 100 characters in v1',
		'viber',
		{ text: 'hi', clientRef: long(101), options: v1 },
		/^'Client Reference' in item 0 has 101 characters; Vonage accepts at most 100/,
		/shorter/,
	],
];

describe('validation before anything is sent, every channel', () => {
	it.each(bad)('stops on %s', async (_label, resource, parameters, message, fix) => {
		const { error, outputs } = await sendOn({ emulator, resource, items: [{}], parameters });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect((error as NodeOperationError).description).toMatch(fix);
		expect(outputs).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it('stops the whole batch when one item in the middle is bad, naming that item', async () => {
		const items = [
			{ to: '447700900010' },
			{ to: '447700900011' },
			{ to: 'nobody' },
			{ to: '447700900013' },
		];
		const { error } = await sendOn({
			emulator,
			resource: 'whatsapp',
			items,
			parameters: { to: '={{ $json.to }}', text: 'hi' },
		});
		expect(error!.message).toMatch(/^'To' in item 2 is not a phone number .*\[WhatsApp\]$/);
		expect(emulator.requests).toHaveLength(0);
	});
});

it('Continue On Fail: bad items become error items with pairedItem, good ones are sent, in order', async () => {
	const items = [
		{ url: 'https://example.com/1.jpg' },
		{ url: 'not a url' },
		{ url: 'https://example.com/3.jpg' },
	];
	const { outputs, error } = await sendOn({
		emulator,
		resource: 'whatsapp',
		items,
		continueOnFail: true,
		parameters: { messageType: 'image', mediaUrl: '={{ $json.url }}', caption: 'Photo' },
	});
	expect(error).toBeUndefined();
	expect(outputs[0].map((o) => o.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
	expect(outputs[0][1].json).toEqual({
		error: expect.stringMatching(/^'Media URL' in item 1 .*\[WhatsApp\]$/),
		description: expect.any(String),
	});
	expect([0, 2].map((i) => outputs[0][i].json.channel)).toEqual(['whatsapp', 'whatsapp']);
	// Sends run in parallel, so they may reach Vonage in any order; the output keeps input order.
	const received = emulator.accepted.map(
		(m) => (m.body.message.content.image as { url: string }).url,
	);
	expect(received.sort()).toEqual(['https://example.com/1.jpg', 'https://example.com/3.jpg']);
	expect([0, 2].map((i) => outputs[0][i].json.message_uuid)).toEqual(
		[0, 2].map(
			(i) =>
				emulator.accepted.find(
					(m) => (m.body.message.content.image as { url: string }).url === items[i].url,
				)?.message_uuid,
		),
	);
});
