// Every refusal of what only API v1 has, before anything is sent: one row a case (the parameters, the
// start of the error naming the field and item). The limits are those of message/rules.ts and
// message/rulesV1.ts, each with its source there.
import type { INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

const reply = (extra: object = {}) => ({ type: 'reply', text: 'Yes', postbackData: 'y', ...extra });
const list = (...items: unknown[]) => JSON.stringify(items);
const text = (suggestions: string): INodeParameters => ({ text: 'Pick', suggestions });
const URL = 'https://example.com/a.jpg';
const UUID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const v1 = { apiVersion: 'v1' };
const card = { messageType: 'card', cardTitle: 'T', text: 'x', mediaUrl: URL };

const cases: Array<
	[label: string, resource: Resource, parameters: INodeParameters, error: RegExp]
> = [
	[
		'RCS through v0.1',
		'rcs',
		{ text: 'Hi', options: { apiVersion: 'v0.1' } },
		/^'API Version' in item 0 is v0\.1, which has no RCS/,
	],
	[
		'MMS vCard through v0.1',
		'mms',
		{ messageType: 'vcard', mediaUrl: URL },
		/^'Message Type' in item 0 vcard exists only in API v1/,
	],
	[
		'Viber file through v0.1',
		'viber',
		{ messageType: 'file', mediaUrl: URL },
		/^'Message Type' in item 0 file exists only in API v1/,
	],
	[
		'a webhook URL through v0.1',
		'sms',
		{ text: 'Hi', options: { webhookUrl: 'https://example.com/s' } },
		/^'Webhook URL' in item 0 is an option of API v1 only/,
	],
	[
		'a webhook version through v0.1',
		'whatsapp',
		{ text: 'Hi', options: { webhookVersion: 'v1' } },
		/^'Webhook Version' in item 0 is an option of API v1 only/,
	],
	[
		'a plain-http webhook URL',
		'sms',
		{ text: 'Hi', options: { apiVersion: 'v1', webhookUrl: 'http://example.com/s' } },
		/^'Webhook URL' in item 0 is not an https URL/,
	],
	[
		'a webhook URL that is no URL',
		'rcs',
		{ text: 'Hi', options: { webhookUrl: 'status' } },
		/^'Webhook URL' in item 0 is not an https URL/,
	],
	[
		'a webhook version that does not exist',
		'rcs',
		{ text: 'Hi', options: { webhookVersion: 'v2' } },
		/^'Webhook Version' in item 0 is not a webhook format \(got "v2"\)/,
	],
	[
		'RCS text over 3072 characters',
		'rcs',
		{ text: 'x'.repeat(3073) },
		/^'Text' in item 0 has 3073 characters; RCS accepts at most 3072/,
	],
	[
		'RCS from an agent ID with a space',
		'rcs',
		{ from: 'My Agent', text: 'Hi' },
		/^'From' in item 0 is not an RCS agent ID/,
	],
	[
		'an RCS TTL under 20 seconds',
		'rcs',
		{ text: 'Hi', options: { ttl: 10 } },
		/^'TTL \(Seconds\)' in item 0 is not a whole number of seconds from 20 to 259200/,
	],
	[
		'12 suggestions on a text',
		'rcs',
		text(list(...Array.from({ length: 12 }, () => reply()))),
		/^'Suggestions' in item 0 has 12 suggestions; an RCS text message takes at most 11/,
	],
	[
		'5 suggestions on a card',
		'rcs',
		{
			messageType: 'card',
			cardTitle: 'T',
			text: 'x',
			mediaUrl: URL,
			suggestions: list(reply(), reply(), reply(), reply(), reply()),
		},
		/^'Suggestions' in item 0 has 5 suggestions; an RCS card message takes at most 4/,
	],
	[
		'suggestions that are not JSON',
		'rcs',
		text('[{type: reply}'),
		/^'Suggestions' in item 0 is not valid JSON/,
	],
	[
		'suggestions that are an object',
		'rcs',
		text('{"type": "reply"}'),
		/^'Suggestions' in item 0 is not a list of suggestions/,
	],
	[
		'a suggestion that is text',
		'rcs',
		text(list('Yes')),
		/^'Suggestions' in item 0 has suggestion 1 that is not an object/,
	],
	[
		'a suggestion of an unknown type',
		'rcs',
		text(list(reply({ type: 'buy' }))),
		/^'Suggestions' in item 0 has suggestion 1 that has the type "buy"/,
	],
	[
		'a suggestion with 26 characters',
		'rcs',
		text(list(reply({ text: 'y'.repeat(26) }))),
		/^'Suggestions' in item 0 has suggestion 1 \(Reply\) with 26 characters of text; RCS shows 1 to 25/,
	],
	[
		'a suggestion with an object as text',
		'rcs',
		text(list(reply({ text: { a: 1 } }))),
		/^'Suggestions \(suggestion 1\)' in item 0 is an object, not text or a number/,
	],
	[
		'a suggestion without postback data',
		'rcs',
		text(list(reply({ postbackData: '' }))),
		/^'Suggestions' in item 0 has suggestion 1 \(Reply\) without Postback Data/,
	],
	[
		'a reply with a URL',
		'rcs',
		text(list(reply({ url: URL }))),
		/^'Suggestions' in item 0 has suggestion 1 that has "url", which a Reply suggestion does not take/,
	],
	[
		'a dial without a number',
		'rcs',
		text(list(reply({ type: 'dial' }))),
		/^'Suggestions' in item 0 has suggestion 1 \(Dial\) without Phone Number/,
	],
	[
		'a dial with a bad number',
		'rcs',
		text(list(reply({ type: 'dial', phoneNumber: '12' }))),
		/^'Suggestions' in item 0 has suggestion 1 \(Dial\) whose Phone Number/,
	],
	[
		'a location at latitude 91',
		'rcs',
		text(list(reply({ type: 'view_location', latitude: '91', longitude: '0', pinLabel: 'P' }))),
		/whose Latitude is not a latitude from -90 to 90/,
	],
	[
		'a location at longitude 181',
		'rcs',
		text(list(reply({ type: 'view_location', latitude: '1', longitude: '181', pinLabel: 'P' }))),
		/whose Longitude is not a longitude from -180 to 180/,
	],
	[
		'a location without a pin label',
		'rcs',
		text(list(reply({ type: 'view_location', latitude: '1', longitude: '1' }))),
		/\(View Location\) without Pin Label/,
	],
	[
		'an open URL that is no URL',
		'rcs',
		text(list(reply({ type: 'open_url', url: 'example.com' }))),
		/\(Open URL\) whose URL is not an absolute http\(s\) URL/,
	],
	[
		'a webview with an unknown view mode',
		'rcs',
		text(list(reply({ type: 'open_url_in_webview', url: URL, viewMode: 'WIDE' }))),
		/whose View Mode is not a view mode/,
	],
	[
		'a calendar event without a time zone',
		'rcs',
		text(
			list(
				reply({
					type: 'create_calendar_event',
					startTime: '2026-10-15T10:00',
					endTime: '2026-10-15T11:00Z',
					title: 'T',
				}),
			),
		),
		/whose Start Time is not a date and time with its time zone/,
	],
	[
		'a calendar event that ends before it starts',
		'rcs',
		text(
			list(
				reply({
					type: 'create_calendar_event',
					startTime: '2026-10-15T11:00:00Z',
					endTime: '2026-10-15T10:00:00Z',
					title: 'T',
				}),
			),
		),
		/\(Create Calendar Event\) that ends before it starts/,
	],
	[
		'a card with a blank title',
		'rcs',
		{ messageType: 'card', cardTitle: '  ', text: 'x', mediaUrl: URL },
		/^'Card Title' in item 0 has 0 characters; an RCS card takes 1 to 200/,
	],
	[
		'a card title of 201 characters',
		'rcs',
		{ messageType: 'card', cardTitle: 't'.repeat(201), text: 'x', mediaUrl: URL },
		/^'Card Title' in item 0 has 201 characters/,
	],
	[
		'a card text of 2001 characters',
		'rcs',
		{ messageType: 'card', cardTitle: 'T', text: 'x'.repeat(2001), mediaUrl: URL },
		/^'Text' in item 0 has 2001 characters; RCS accepts at most 2000/,
	],
	[
		'an RCS category that does not exist',
		'rcs',
		{ text: 'Hi', options: { category: '={{ "marketing" }}' } },
		/^'Category' in item 0 is not one of authentication, transaction, promotion, service-request, acknowledgement \(got "marketing"\)/,
	],
	[
		'a media height LARGE',
		'rcs',
		{ ...card, options: { mediaHeight: '={{ "LARGE" }}' } },
		/^'Media Height' in item 0 is not one of SHORT, MEDIUM, TALL \(got "LARGE"\)/,
	],
	[
		'a card orientation DIAGONAL',
		'rcs',
		{ ...card, options: { cardOrientation: '={{ "DIAGONAL" }}' } },
		/^'Card Orientation' in item 0 is not one of VERTICAL, HORIZONTAL/,
	],
	[
		'a horizontal card without image alignment (.NET RcsCardRequest)',
		'rcs',
		{ ...card, options: { cardOrientation: 'HORIZONTAL' } },
		/^'Image Alignment' in item 0 is required with a HORIZONTAL card/,
	],
	[
		'an image alignment CENTER',
		'rcs',
		{ ...card, options: { cardOrientation: 'HORIZONTAL', imageAlignment: '={{ "CENTER" }}' } },
		/^'Image Alignment' in item 0 is not one of LEFT, RIGHT/,
	],
	[
		'a card thumbnail that is not a URL',
		'rcs',
		{ ...card, options: { cardThumbnailUrl: 'thumb.jpg' } },
		/^'Card Thumbnail URL' in item 0 is not an absolute http\(s\) URL/,
	],
	[
		'a card orientation that is an object',
		'rcs',
		{ ...card, options: { cardOrientation: '={{ {"a": 1} }}' } },
		/^'Card Orientation' in item 0 /,
	],
	[
		'a custom message that is a list',
		'rcs',
		{ messageType: 'custom', custom: '[1]' },
		/^'Custom Message' in item 0 is a list \(array\), not a JSON object/,
	],
	[
		'a custom message that is not JSON',
		'rcs',
		{ messageType: 'custom', custom: '{text: 1' },
		/^'Custom Message' in item 0 is not valid JSON/,
	],
	[
		'an empty custom message',
		'rcs',
		{ messageType: 'custom', custom: '{}' },
		/^'Custom Message' in item 0 is an empty object, not a JSON object/,
	],
	[
		'a WhatsApp sticker through v0.1',
		'whatsapp',
		{ messageType: 'sticker', sticker: 'id1' },
		/^'Message Type' in item 0 sticker exists only in API v1/,
	],
	[
		'a reply context through v0.1',
		'whatsapp',
		{ text: 'Hi', options: { context: UUID } },
		/^'Reply To \(Message UUID\)' in item 0 is an option of API v1 only/,
	],
	[
		'a reply context that is no message UUID',
		'whatsapp',
		{ text: 'Hi', options: { ...v1, context: 'abc' } },
		/^'Reply To \(Message UUID\)' in item 0 is not a message_uuid \(got "abc"\)/,
	],
	[
		'a reaction without the message it reacts to',
		'whatsapp',
		{ messageType: 'reaction', emoji: '👍', options: v1 },
		/^'Reply To \(Message UUID\)' in item 0 is required with a WhatsApp reaction/,
	],
	[
		'a reaction that is not an emoji',
		'whatsapp',
		{ messageType: 'reaction', emoji: 'ok', options: { ...v1, context: UUID } },
		/^'Emoji' in item 0 is not an emoji \(got "ok"\)/,
	],
	[
		'a sticker that is neither URL nor ID',
		'whatsapp',
		{ messageType: 'sticker', sticker: 'my sticker', options: v1 },
		/^'Sticker' in item 0 is neither a sticker URL nor a sticker ID/,
	],
	[
		'a location at latitude 95',
		'whatsapp',
		{ messageType: 'location', latitude: '95', longitude: '0', options: v1 },
		/^'Latitude' in item 0 is not a latitude from -90 to 90 \(got "95"\)/,
	],
	[
		'a location with a text longitude',
		'whatsapp',
		{ messageType: 'location', latitude: '1', longitude: 'east', options: v1 },
		/^'Longitude' in item 0 is not a longitude from -180 to 180/,
	],
	[
		'a WhatsApp custom message that is a list',
		'whatsapp',
		{ messageType: 'custom', custom: '[{"type": "text"}]', options: v1 },
		/^'Custom Message' in item 0 is a list \(array\), not a JSON object/,
	],
	[
		'an SMS encoding type through v0.1',
		'sms',
		{ text: 'Hi', options: { encodingType: 'unicode' } },
		/^'Encoding Type' in item 0 is an option of API v1 only/,
	],
	[
		'an SMS TTL through v0.1',
		'sms',
		{ text: 'Hi', options: { ttl: 600 } },
		/^'TTL \(Seconds\)' in item 0 is an option of API v1 only/,
	],
	[
		'an SMS encoding type that does not exist',
		'sms',
		{ text: 'Hi', options: { ...v1, encodingType: '={{ "binary" }}' } },
		/^'Encoding Type' in item 0 is not an SMS encoding \(got "binary"\)/,
	],
	[
		'an SMS TTL of 0',
		'sms',
		{ text: 'Hi', options: { ...v1, ttl: 0 } },
		/^'TTL \(Seconds\)' in item 0 is not a whole number of seconds from 1 to 259200/,
	],
	[
		'a blank SMS entity ID',
		'sms',
		{ text: 'Hi', options: { ...v1, entityId: ' ' } },
		/^'Entity ID' in item 0 is blank or starts or ends with a space/,
	],
	[
		'a trusted recipient that is text',
		'sms',
		{ text: 'Hi', options: { ...v1, trustedRecipient: '={{ "yes" }}' } },
		/^'Trusted Recipient' in item 0 is not true or false/,
	],
];

it.each(cases)('refuses %s before sending', async (_label, resource, parameters, error) => {
	const result = await sendOn({ emulator, resource, parameters });
	expect(result.error?.message).toMatch(error);
	expect(emulator.accepted).toHaveLength(0);
});
