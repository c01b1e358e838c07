// What a message's rules refuse or complete before anything is sent (message/rules.ts): a value that is
// not text (issue 16 item 10), a WhatsApp BSUID as recipient (item 14), caption lengths and a Messenger
// tag without its category (item 15). Through n8n's engine against the emulator.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

const v1 = { apiVersion: 'v1' };
const x = (n: number) => 'x'.repeat(n);
const image = { messageType: 'image', mediaUrl: 'https://example.com/a.jpg' };
const template = { messageType: 'template', templateName: 'acme:verify', locale: 'en' };

type Bad = [
	label: string,
	resource: Resource,
	ok: unknown,
	item: IDataObject,
	parameters: INodeParameters,
	message: RegExp,
	fix: RegExp,
];

/** `$json.v` of the first item is fine, of the second is not: the error names item 1. */
const bad: Bad[] = [
	[
		'an object as WhatsApp text',
		'whatsapp',
		'hi',
		{ v: { name: 'Daisy' } },
		{ text: '={{ $json.v }}' },
		/^'Text' in item 1 is an object, not text or a number \[WhatsApp\]$/,
		/\{\{ \$json\.name \}\} rather than \{\{ \$json \}\}/,
	],
	[
		'a list as SMS text',
		'sms',
		'hi',
		{ v: ['a', 'b'] },
		{ text: '={{ $json.v }}' },
		/^'Text' in item 1 is a list \(array\), not text or a number$/,
		/join\(', '\)/,
	],
	[
		'a boolean as Viber text',
		'viber',
		'hi',
		{ v: true },
		{ text: '={{ $json.v }}' },
		/^'Text' in item 1 is the boolean true, not text or a number \[Viber\]$/,
		/Map one text or number into Text/,
	],
	[
		'an object as caption',
		'whatsapp',
		'Hi',
		{ v: { text: 'Hi' } },
		{ ...image, caption: '={{ $json.v }}' },
		/^'Caption' in item 1 is an object/,
		/into Caption/,
	],
	[
		'a list as client reference',
		'mms',
		'order-7',
		{ v: ['order', 7] },
		{ mediaUrl: 'https://example.com/a.jpg', clientRef: '={{ $json.v }}' },
		/^'Client Reference' in item 1 is a list \(array\)/,
		/into Client Reference/,
	],
	[
		'an object as recipient',
		'messenger',
		'5473848892683926',
		{ v: { id: '5473848892683926' } },
		{ to: '={{ $json.v }}', text: 'hi' },
		/^'To' in item 1 is an object/,
		/into To/,
	],
	[
		'an object as sender',
		'sms',
		'447700900001',
		{ v: { number: '447700900001' } },
		{ from: '={{ $json.v }}', text: 'hi' },
		/^'From' in item 1 is an object/,
		/into From/,
	],
	[
		'a list as media URL',
		'whatsapp',
		'https://example.com/a.jpg',
		{ v: ['https://example.com/a.jpg'] },
		{ messageType: 'image', mediaUrl: '={{ $json.v }}' },
		/^'Media URL' in item 1 is a list/,
		/into Media URL/,
	],
	[
		'an object as template name',
		'whatsapp',
		'acme:verify',
		{ v: { name: 'verify' } },
		{ ...template, templateName: '={{ $json.v }}' },
		/^'Template Name' in item 1 is an object/,
		/into Template Name/,
	],
	[
		'an object as locale',
		'whatsapp',
		'en',
		{ v: { code: 'en' } },
		{ ...template, locale: '={{ $json.v }}' },
		/^'Locale' in item 1 is an object/,
		/into Locale/,
	],
	[
		'an object as a template parameter',
		'whatsapp',
		'Daisy',
		{ v: { first: 'Daisy' } },
		{
			...template,
			templateParameters: { parameter: [{ value: 'ok' }, { value: '={{ $json.v }}' }] },
		},
		/^'Template Parameters' in item 1 has an object for parameter 2 \(\{\{2\}\}\), not text or a number/,
		/each parameter/,
	],
	[
		'an object as Messenger tag',
		'messenger',
		'ACCOUNT_UPDATE',
		{ v: { tag: 'ACCOUNT_UPDATE' } },
		{ text: 'hi', options: { tag: '={{ $json.v }}' } },
		/^'Tag' in item 1 is an object/,
		/into Tag/,
	],
	[
		'a BSUID in API v0.1',
		'whatsapp',
		'447700900000',
		{ v: 'US.13491208655302741918' },
		{ to: '={{ $json.v }}', text: 'hi' },
		/^'To' in item 1 is a WhatsApp user ID \(BSUID, got "US\.13491208655302741918"\), which API v0\.1 cannot send to \[WhatsApp\]$/,
		/API Version to v1/,
	],
	[
		'a malformed BSUID in v1',
		'whatsapp',
		'US.13491208655302741918',
		{ v: 'US.abc-123' },
		{ to: '={{ $json.v }}', text: 'hi', options: v1 },
		/^'To' in item 1 is neither a phone number in international format nor a WhatsApp user ID \(BSUID\)/,
		/whatsapp\.sender\.user_id .* US\.13491208655302741918/,
	],
	[
		'an MMS caption over 2000 characters',
		'mms',
		x(2000),
		{ v: x(2001) },
		{ mediaUrl: 'https://example.com/a.jpg', caption: '={{ $json.v }}', options: v1 },
		/^'Caption' in item 1 has 2001 characters; MMS accepts 1 to 2000 in a caption \[MMS\]$/,
		/Shorten the caption/,
	],
	[
		'a WhatsApp image caption over 3000 characters',
		'whatsapp',
		x(3000),
		{ v: x(3001) },
		{ ...image, caption: '={{ $json.v }}', options: v1 },
		/^'Caption' in item 1 has 3001 characters; WhatsApp accepts 1 to 3000 in a caption/,
		/Shorten the caption/,
	],
	[
		'a WhatsApp image caption over 3000 characters in v0.1',
		'whatsapp',
		x(3000),
		{ v: x(3001) },
		{ ...image, caption: '={{ $json.v }}' },
		/^'Caption' in item 1 has 3001 characters; WhatsApp accepts 1 to 3000/,
		/Shorten the caption/,
	],
	[
		'a Messenger tag with the category response',
		'messenger',
		'message_tag',
		{ v: 'response' },
		{ text: 'hi', options: { category: '={{ $json.v }}', tag: 'ACCOUNT_UPDATE' } },
		/^'Tag' in item 1 cannot go with the category response: Facebook reads a tag only with message_tag \[Messenger\]$/,
		/Set Category to Message Tag/,
	],
];

describe('refused before anything is sent, naming the field and the item', () => {
	it.each(bad)('%s', async (_label, resource, ok, item, parameters, message, fix) => {
		const { error, outputs } = await sendOn({
			emulator,
			resource,
			items: [{ v: ok } as IDataObject, item],
			parameters,
		});
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toMatch(message);
		expect((error as NodeOperationError).description).toMatch(fix);
		expect(outputs).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});
});

type Good = [
	label: string,
	resource: Resource,
	item: IDataObject,
	parameters: INodeParameters,
	sent: IDataObject,
];

/** What the emulator received (v1 bodies are flat; v0.1 bodies are matched at their own paths). */
const good: Good[] = [
	[
		'a BSUID as WhatsApp recipient in v1',
		'whatsapp',
		{ v: 'US.13491208655302741918' },
		{ to: '={{ $json.v }}', text: 'hi', options: v1 },
		{ to: 'US.13491208655302741918', channel: 'whatsapp' },
	],
	[
		'a parent BSUID in v1',
		'whatsapp',
		{ v: 'US.ENT.11815799212886844830' },
		{ to: '={{ $json.v }}', text: 'hi', options: v1 },
		{ to: 'US.ENT.11815799212886844830' },
	],
	[
		'numbers and booleans as template parameters, and a number as client reference',
		'whatsapp',
		{ v: 7 },
		{
			...template,
			clientRef: '={{ $json.v }}',
			templateParameters: {
				parameter: [
					{ value: '={{ $json.v }}' },
					{ value: '={{ 1e21 }}' },
					{ value: '={{ true }}' },
				],
			},
			options: v1,
		},
		{
			client_ref: '7',
			template: { name: 'acme:verify', parameters: ['7', '1000000000000000000000', 'true'] },
		},
	],
	[
		'a Messenger tag without category, sent as message_tag',
		'messenger',
		{ v: 'ACCOUNT_UPDATE' },
		{ text: 'hi', options: { tag: '={{ $json.v }}', ...v1 } },
		{ messenger: { category: 'message_tag', tag: 'ACCOUNT_UPDATE' } },
	],
];

describe('accepted and sent', () => {
	it.each(good)('%s', async (_label, resource, item, parameters, sent) => {
		const { error, outputs } = await sendOn({ emulator, resource, items: [item], parameters });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		expect(emulator.accepted).toHaveLength(1);
		expect(emulator.accepted[0].body).toMatchObject(sent);
	});

	it('sends a Messenger tag without category as message_tag in v0.1 too', async () => {
		await sendOn({
			emulator,
			resource: 'messenger',
			items: [{}],
			parameters: { text: 'hi', options: { tag: 'ACCOUNT_UPDATE' } },
		});
		expect(emulator.accepted[0].body.message.messenger).toEqual({
			category: 'message_tag',
			tag: 'ACCOUNT_UPDATE',
		});
	});
});
