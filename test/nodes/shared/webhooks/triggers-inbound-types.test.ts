// Inbound messages beyond text and media (issue 16 item 16), sent by the emulator (test/emulator/inbound-types.ts
// cites the source of each shape) to the Inbound Trigger over real HTTP: a button's text, a reply's title and
// id, a location's own fields, an order as sent, the first attachment of a multi-part MMS.
import type { IDataObject } from 'n8n-workflow';

import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { useListeningTriggers } from '../../../support/listening-trigger';
import { sendChannelInbound } from '../../../emulator/channel-status';
import type { InboundSpec, WebhookFormat } from '../../../emulator/channel-events';

const emulator = useEmulator();
const listening = useListeningTriggers(emulator, { register: true });

const WA = { channel: 'whatsapp', from: '447700900000', to: '447700900001' } as const;
const RCS = { channel: 'rcs', from: '447700900000', to: 'Vonage' } as const;
const NONE = {
	text: null,
	choice_id: null,
	media_url: null,
	media_caption: null,
	latitude: null,
	longitude: null,
	location_name: null,
	location_address: null,
};

const CASES: Array<[string, WebhookFormat, InboundSpec, IDataObject]> = [
	[
		'WhatsApp button: its text, its payload the choice',
		'v1',
		{ ...WA, type: 'button', text: 'Yes please', id: 'confirm-42' },
		{ message_type: 'button', text: 'Yes please', choice_id: 'confirm-42' },
	],
	[
		'RCS tapped suggestion (button): its text, its postbackData the choice',
		'v1',
		{ ...RCS, type: 'button', text: 'Yes please', id: 'confirm_42' },
		{ channel: 'rcs', message_type: 'button', text: 'Yes please', choice_id: 'confirm_42' },
	],
	[
		'RCS tapped suggestion (reply): its title the text, its id the choice',
		'v1',
		{ ...RCS, type: 'reply', text: 'Later', id: 'later' },
		{ channel: 'rcs', message_type: 'reply', text: 'Later', choice_id: 'later' },
	],
	[
		'RCS text',
		'v1',
		{ ...RCS, type: 'text', text: 'Hello' },
		{ channel: 'rcs', message_type: 'text', text: 'Hello' },
	],
	[
		'WhatsApp reply: its title the text, its id the choice',
		'v1',
		{ ...WA, type: 'reply', text: '9am', id: 'row1', description: 'Select 9am' },
		{ message_type: 'reply', text: '9am', choice_id: 'row1' },
	],
	[
		'WhatsApp location (v1 lat/long numbers)',
		'v1',
		{
			...WA,
			type: 'location',
			location: { lat: 40.34772, long: -74.18847, name: 'Vonage', address: '23 Main St' },
		},
		{
			message_type: 'location',
			latitude: 40.34772,
			longitude: -74.18847,
			location_name: 'Vonage',
			location_address: '23 Main St',
		},
	],
	[
		'WhatsApp location (v0.1 latitude/longitude text)',
		'v0.1',
		{ ...WA, type: 'location', location: { lat: 51.5072, long: -0.1276, name: 'London' } },
		{ message_type: 'location', latitude: 51.5072, longitude: -0.1276, location_name: 'London' },
	],
	[
		'WhatsApp order: no text, media or place; the order as sent',
		'v1',
		{ ...WA, type: 'order' },
		{ message_type: 'order', order: expect.objectContaining({ catalog_id: expect.any(String) }) },
	],
	[
		'MMS with several attachments: the first is the media',
		'v1',
		{
			channel: 'mms',
			from: '14155550100',
			to: '12345',
			type: 'content',
			content: [
				{ type: 'image', url: 'https://example.com/one.jpg', caption: 'Front' },
				{ type: 'video', url: 'https://example.com/two.mp4' },
			],
		},
		{
			channel: 'mms',
			message_type: 'content',
			media_url: 'https://example.com/one.jpg',
			media_caption: 'Front',
		},
	],
];

describe('Inbound Trigger: message types beyond text and media', () => {
	it.each(CASES)('%s (%s)', async (_label, format, spec, expected) => {
		const { t } = await listening(new VonageMessagesInboundTrigger());
		const record = await sendChannelInbound(emulator, spec, format);
		expect(record.status).toBe(200);
		expect(t.executions).toHaveLength(1);
		const json = t.executions[0][0][0].json;
		expect(json).toMatchObject({
			webhook_version: format,
			sender: spec.from,
			recipient: spec.to,
			...NONE,
			...expected,
		});
	});
});
