/**
 * Webhook payload variants Vonage sends, in both formats, for every channel, each with the normalised
 * fields the triggers must add. Written from the OpenAPI file messages-v0.1.yml (`MessageStatus`,
 * `inbound-message` and its channel variants), the shared README ("v1 status webhook", "v1 inbound SMS")
 * and the fields Vonage's SDK types map for v1 MessageStatus / InboundMessage. Values are made up.
 */
export type Json = Record<string, any>;

export interface Fixture {
	label: string;
	version: 'v0.1' | 'v1';
	event: Json;
	expected: Json;
}

const uuid = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const at = '2020-01-01T14:00:00.000Z';
const usage = { currency: 'EUR', price: '0.0333' };
const noError = { error_code: null, error_title: null, error_meaning: null, error_reason: null };

export const STATUS_FIXTURES: Fixture[] = [
	{
		label: 'v0.1 SMS delivered (seed page)',
		version: 'v0.1',
		event: { message_uuid: uuid, to: { type: 'sms', number: '447700900000' }, from: { type: 'sms', number: '447700900001' }, timestamp: at, status: 'delivered', usage, client_ref: 'order-1' },
		expected: { webhook_version: 'v0.1', channel: 'sms', sender: '447700900001', recipient: '447700900000', status: 'delivered', client_ref: 'order-1', ...noError },
	},
	{
		label: 'v0.1 SMS rejected, error {code, reason}',
		version: 'v0.1',
		event: { message_uuid: uuid, to: { type: 'sms', number: '447700900666' }, from: { type: 'sms', number: 'AcmeShop' }, timestamp: at, status: 'rejected', error: { code: 1240, reason: 'Illegal Number' } },
		expected: { channel: 'sms', sender: 'AcmeShop', recipient: '447700900666', status: 'rejected', client_ref: null, error_code: 1240, error_title: 'Illegal Number', error_meaning: expect.stringMatching(/blacklisted/), error_reason: 'Illegal Number' },
	},
	{
		label: 'v0.1 MMS undeliverable',
		version: 'v0.1',
		event: { message_uuid: uuid, to: { type: 'mms', number: '14155550100' }, from: { type: 'mms', number: '12345' }, timestamp: at, status: 'undeliverable', error: { code: 1300, reason: 'Not part of the provider network' } },
		expected: { channel: 'mms', sender: '12345', recipient: '14155550100', status: 'undeliverable', error_code: 1300, error_title: 'Not part of the provider network' },
	},
	{
		label: 'v0.1 WhatsApp read',
		version: 'v0.1',
		event: { message_uuid: uuid, to: { type: 'whatsapp', number: '447700900000' }, from: { type: 'whatsapp', number: '447700900001' }, timestamp: at, status: 'read' },
		expected: { channel: 'whatsapp', sender: '447700900001', recipient: '447700900000', status: 'read', ...noError },
	},
	{
		label: 'v0.1 Viber (service ID as sender)',
		version: 'v0.1',
		event: { message_uuid: uuid, to: { type: 'viber_service_msg', number: '447700900000' }, from: { type: 'viber_service_msg', id: '16273' }, timestamp: at, status: 'delivered' },
		expected: { channel: 'viber_service', sender: '16273', recipient: '447700900000', status: 'delivered' },
	},
	{
		label: 'v0.1 Messenger (ids) rejected with a 13xx code',
		version: 'v0.1',
		event: { message_uuid: uuid, to: { type: 'messenger', id: '0123456789' }, from: { type: 'messenger', id: '9876543210' }, timestamp: at, status: 'rejected', error: { code: 1340, reason: 'Outside of the allowed window' } },
		expected: { channel: 'messenger', sender: '9876543210', recipient: '0123456789', status: 'rejected', error_code: 1340, error_title: 'Outside of the allowed window' },
	},
	{
		label: 'v1 SMS delivered (shared README shape)',
		version: 'v1',
		event: { message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, status: 'delivered', channel: 'sms', client_ref: 'order-1', usage, destination: { network_code: '23410' }, sms: { count_total: '1' } },
		expected: { webhook_version: 'v1', channel: 'sms', sender: '447700900001', recipient: '447700900000', status: 'delivered', client_ref: 'order-1', ...noError },
	},
	{
		label: 'v1 SMS rejected, error {type: ...#1320, title: "1320", detail}',
		version: 'v1',
		event: {
			message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, status: 'rejected', channel: 'sms',
			error: { type: 'https://developer.vonage.com/api-errors/messages#1320', title: '1320', detail: 'Message already sent', instance: 'bf0ca0bf-927b-3b52-e58c-4b30d0d2f9a2' },
		},
		expected: { status: 'rejected', error_code: 1320, error_title: 'Message already sent', error_meaning: 'The message was already sent.', error_reason: 'Message already sent' },
	},
	{
		label: 'v1 error whose title is text: the code from type',
		version: 'v1',
		event: { message_uuid: uuid, to: '447700900404', from: '447700900001', timestamp: at, status: 'undeliverable', channel: 'sms', error: { type: 'https://developer.nexmo.com/api-errors/messages-olympus#1300', title: 'Not part of the provider network' } },
		expected: { error_code: 1300, error_title: 'Not part of the provider network', error_reason: 'Not part of the provider network' },
	},
	{
		label: 'v1 error with an unknown code: Vonage\'s own words only',
		version: 'v1',
		event: { message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, status: 'rejected', channel: 'whatsapp', error: { type: 'https://developer.vonage.com/api-errors/messages#1420', title: '1420', detail: 'Template paused' } },
		expected: { channel: 'whatsapp', error_code: 1420, error_title: null, error_meaning: null, error_reason: 'Template paused' },
	},
	{
		label: 'v1 WhatsApp read with conversation',
		version: 'v1',
		event: { message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, status: 'read', channel: 'whatsapp', whatsapp: { conversation: { id: 'c1', origin: { type: 'utility' } } } },
		expected: { channel: 'whatsapp', status: 'read', sender: '447700900001', recipient: '447700900000' },
	},
	{
		label: 'v1 MMS submitted',
		version: 'v1',
		event: { message_uuid: uuid, to: '14155550100', from: '12345', timestamp: at, status: 'submitted', channel: 'mms' },
		expected: { channel: 'mms', status: 'submitted', sender: '12345' },
	},
	{
		label: 'v1 Viber delivered',
		version: 'v1',
		event: { message_uuid: uuid, to: '447700900000', from: '16273', timestamp: at, status: 'delivered', channel: 'viber_service', usage },
		expected: { channel: 'viber_service', sender: '16273', recipient: '447700900000' },
	},
	{
		label: 'v1 Messenger delivered (ids)',
		version: 'v1',
		event: { message_uuid: uuid, to: '0123456789', from: '9876543210', timestamp: at, status: 'delivered', channel: 'messenger' },
		expected: { channel: 'messenger', sender: '9876543210', recipient: '0123456789' },
	},
];

const noMedia = { media_url: null, media_caption: null };

export const INBOUND_FIXTURES: Fixture[] = [
	{
		label: 'v0.1 SMS (seed page)',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'sms', number: '447700900000' }, from: { type: 'sms', number: '447700900001' }, message: { content: { type: 'text', text: 'Hello From Vonage!' }, sms: { num_messages: '1' } }, usage },
		expected: { webhook_version: 'v0.1', channel: 'sms', sender: '447700900001', recipient: '447700900000', message_type: 'text', text: 'Hello From Vonage!', client_ref: null, ...noMedia },
	},
	{
		label: 'v0.1 MMS image',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'mms', number: '12345' }, from: { type: 'mms', number: '14155550100' }, message: { content: { type: 'image', image: { url: 'https://example.com/image.jpg' } } } },
		expected: { channel: 'mms', sender: '14155550100', recipient: '12345', message_type: 'image', text: null, media_url: 'https://example.com/image.jpg', media_caption: null },
	},
	{
		label: 'v0.1 WhatsApp text',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'whatsapp', number: '447700900000' }, from: { type: 'whatsapp', number: '447700900001' }, message: { content: { type: 'text', text: 'Hi' } } },
		expected: { channel: 'whatsapp', message_type: 'text', text: 'Hi', ...noMedia },
	},
	{
		label: 'v0.1 WhatsApp image with caption',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'whatsapp', number: '447700900000' }, from: { type: 'whatsapp', number: '447700900001' }, message: { content: { type: 'image', image: { url: 'https://example.com/a.jpg', caption: 'My receipt' } } } },
		expected: { message_type: 'image', text: null, media_url: 'https://example.com/a.jpg', media_caption: 'My receipt' },
	},
	{
		label: 'v0.1 WhatsApp file with caption',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'whatsapp', number: '447700900000' }, from: { type: 'whatsapp', number: '447700900001' }, message: { content: { type: 'file', file: { url: 'https://example.com/r.pdf', caption: 'An important report' } } } },
		expected: { message_type: 'file', media_url: 'https://example.com/r.pdf', media_caption: 'An important report' },
	},
	{
		label: 'v0.1 WhatsApp location (no media)',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'whatsapp', number: '447700900000' }, from: { type: 'whatsapp', number: '447700900001' }, message: { content: { type: 'location', location: { longitude: '-2.1', latitude: '51.5' } } } },
		expected: { message_type: 'location', text: null, ...noMedia },
	},
	{
		label: 'v0.1 Viber text (to a service ID)',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'viber_service_msg', id: '16273' }, from: { type: 'viber_service_msg', number: '447700900001' }, message: { content: { type: 'text', text: 'Hola' } } },
		expected: { channel: 'viber_service', sender: '447700900001', recipient: '16273', text: 'Hola' },
	},
	{
		label: 'v0.1 Messenger image (ids)',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'messenger', id: '0123456789' }, from: { type: 'messenger', id: '9876543210' }, message: { content: { type: 'image', image: { url: 'https://example.com/m.png' } } } },
		expected: { channel: 'messenger', sender: '9876543210', recipient: '0123456789', message_type: 'image', media_url: 'https://example.com/m.png' },
	},
	{
		label: 'v0.1 unsupported content',
		version: 'v0.1',
		event: { message_uuid: uuid, timestamp: at, to: { type: 'messenger', id: '0123456789' }, from: { type: 'messenger', id: '9876543210' }, message: { content: { type: 'unsupported' } } },
		expected: { message_type: 'unsupported', text: null, ...noMedia },
	},
	{
		label: 'v1 SMS (shared README shape)',
		version: 'v1',
		event: { channel: 'sms', message_type: 'text', message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, text: 'Hello From Vonage!', sms: { num_messages: '1', total_count: '1', keyword: 'HELLO' }, usage, origin: { network_code: '23410' } },
		expected: { webhook_version: 'v1', channel: 'sms', sender: '447700900001', recipient: '447700900000', message_type: 'text', text: 'Hello From Vonage!', client_ref: null, ...noMedia },
	},
	{
		label: 'v1 MMS image with caption',
		version: 'v1',
		event: { channel: 'mms', message_type: 'image', message_uuid: uuid, to: '12345', from: '14155550100', timestamp: at, image: { url: 'https://example.com/image.jpg', caption: 'Look' } },
		expected: { channel: 'mms', message_type: 'image', text: null, media_url: 'https://example.com/image.jpg', media_caption: 'Look' },
	},
	{
		label: 'v1 WhatsApp text with profile',
		version: 'v1',
		event: { channel: 'whatsapp', message_type: 'text', message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, text: 'Hi', profile: { name: 'Jane Doe' }, context_status: 'none' },
		expected: { channel: 'whatsapp', text: 'Hi', sender: '447700900001', ...noMedia },
	},
	{
		label: 'v1 WhatsApp video',
		version: 'v1',
		event: { channel: 'whatsapp', message_type: 'video', message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, video: { url: 'https://example.com/v.mp4' } },
		expected: { message_type: 'video', media_url: 'https://example.com/v.mp4', media_caption: null },
	},
	{
		label: 'v1 WhatsApp audio',
		version: 'v1',
		event: { channel: 'whatsapp', message_type: 'audio', message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, audio: { url: 'https://example.com/a.mp3' } },
		expected: { message_type: 'audio', media_url: 'https://example.com/a.mp3' },
	},
	{
		label: 'v1 WhatsApp sticker',
		version: 'v1',
		event: { channel: 'whatsapp', message_type: 'sticker', message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, sticker: { url: 'https://example.com/s.webp' } },
		expected: { message_type: 'sticker', media_url: 'https://example.com/s.webp' },
	},
	{
		label: 'v1 WhatsApp reply (no text, no media)',
		version: 'v1',
		event: { channel: 'whatsapp', message_type: 'reply', message_uuid: uuid, to: '447700900000', from: '447700900001', timestamp: at, reply: { id: 'row1', title: 'Yes' } },
		expected: { message_type: 'reply', text: null, ...noMedia },
	},
	{
		label: 'v1 Viber text',
		version: 'v1',
		event: { channel: 'viber_service', message_type: 'text', message_uuid: uuid, to: '16273', from: '447700900001', timestamp: at, text: 'Hola' },
		expected: { channel: 'viber_service', recipient: '16273', text: 'Hola' },
	},
	{
		label: 'v1 Messenger file (ids)',
		version: 'v1',
		event: { channel: 'messenger', message_type: 'file', message_uuid: uuid, to: '0123456789', from: '9876543210', timestamp: at, file: { url: 'https://example.com/f.pdf' } },
		expected: { channel: 'messenger', sender: '9876543210', recipient: '0123456789', message_type: 'file', media_url: 'https://example.com/f.pdf' },
	},
];
