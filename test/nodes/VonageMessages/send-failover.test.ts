// Failover on Send (Messages API v1): the steps the editor collected become v1's `failover` array, each
// step checked by the same message checker with the rules of its own channel, before anything is sent.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { ADDRESSES, sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

const wa = ADDRESSES.whatsapp;
const IMG = 'https://example.com/cat.jpg';

const withFailover = (steps: IDataObject[], options: IDataObject = {}): INodeParameters =>
	({
		options: { apiVersion: 'v1', failover: { steps }, ...options },
	}) as unknown as INodeParameters;

interface Case {
	label: string;
	resource: Resource;
	parameters: INodeParameters;
	failover: IDataObject[];
	/** The `failover` array Vonage receives. */
	body: IDataObject[];
}

const cases: Case[] = [
	{
		label: 'WhatsApp, then SMS to the same number',
		resource: 'whatsapp',
		parameters: { messageType: 'text', text: 'Your table is ready' },
		failover: [{ channel: 'sms', from: 'Bistro', messageType: 'text', text: 'Table ready' }],
		body: [
			{ channel: 'sms', message_type: 'text', to: wa.to, from: 'Bistro', text: 'Table ready' },
		],
	},
	{
		label: 'SMS, then MMS with its own recipient, then Viber',
		resource: 'sms',
		parameters: { text: 'Hello' },
		failover: [
			{ channel: 'mms', from: '12345', to: '+1 201 555 0124', messageType: 'image', mediaUrl: IMG },
			{ channel: 'viber', from: '654321', messageType: 'text', text: 'Hello on Viber' },
		],
		body: [
			{
				channel: 'mms',
				message_type: 'image',
				to: '12015550124',
				from: '12345',
				image: { url: IMG },
			},
			{
				channel: 'viber_service',
				message_type: 'text',
				to: ADDRESSES.sms.to,
				from: '654321',
				text: 'Hello on Viber',
			},
		],
	},
	{
		label: 'every step carries the message’s Client Reference',
		resource: 'whatsapp',
		parameters: { messageType: 'text', text: 'x', clientRef: 'order-7' },
		failover: [{ channel: 'sms', from: '447700900001', messageType: 'text', text: 'y' }],
		body: [
			{
				channel: 'sms',
				message_type: 'text',
				to: wa.to,
				from: '447700900001',
				text: 'y',
				client_ref: 'order-7',
			},
		],
	},
];

describe.each(cases)('$label', ({ resource, parameters, failover, body }) => {
	it('sends the steps as v1 failover messages, in order, and says which step is which', async () => {
		const { outputs, error } = await sendOn({
			emulator,
			resource,
			parameters: { ...parameters, ...withFailover(failover) },
		});
		expect(error).toBeUndefined();
		expect(emulator.accepted).toHaveLength(1);
		expect(emulator.accepted[0].body.failover).toEqual(body);
		const json = outputs[0][0].json;
		expect(json.message_uuid).toBe(emulator.accepted[0].message_uuid);
		expect(json.failover).toEqual(
			body.map((step, index) => ({
				step: index + 2,
				channel: failover[index].channel,
				message_type: step.message_type,
				to: step.to,
				from: step.from,
			})),
		);
	});
});

it('sends no failover without steps', async () => {
	const { error } = await sendOn({
		emulator,
		resource: 'sms',
		parameters: { text: 'x', ...withFailover([]) },
	});
	expect(error).toBeUndefined();
	expect(emulator.accepted[0].body).not.toHaveProperty('failover');
});

it('sends no failover through API v0.1, where the editor hides the option', async () => {
	const { error } = await sendOn({
		emulator,
		resource: 'sms',
		parameters: {
			text: 'x',
			...withFailover([{ channel: 'sms', from: '447700900001', messageType: 'text', text: 'y' }], {
				apiVersion: 'v0.1',
			}),
		},
	});
	expect(error).toBeUndefined();
	expect(emulator.accepted[0].version).toBeUndefined();
	expect(JSON.stringify(emulator.accepted[0].body)).not.toContain('failover');
});

// Refusals before anything is sent: label, main parameters, steps, options, error message.
const refusals: Array<[string, INodeParameters, IDataObject[], IDataObject, RegExp]> = [
	[
		'a step with an empty text',
		{ text: 'x' },
		[{ channel: 'sms', from: '447700900001', messageType: 'text', text: '' }],
		{},
		/^'Failover 1 \(SMS\) > Text' in item 0 /,
	],
	[
		'a step type its channel does not take',
		{ text: 'x' },
		[{ channel: 'sms', from: '447700900001', messageType: 'image', mediaUrl: IMG }],
		{},
		/^'Failover 1 \(SMS\) > Message Type' in item 0 is not a SMS message type \(got "image"\)/,
	],
	[
		'a second step with a bad sender',
		{ text: 'x' },
		[
			{ channel: 'sms', from: '447700900001', messageType: 'text', text: 'ok' },
			{ channel: 'whatsapp', from: 'not a number', messageType: 'text', text: 'y' },
		],
		{},
		/^'Failover 2 \(WhatsApp\) > From' in item 0 /,
	],
	[
		'a step on no channel',
		{ text: 'x' },
		[{ channel: 'pigeon', from: '1', messageType: 'text', text: 'y' }],
		{},
		/^'Failover 1 > Channel' in item 0 is not a channel \(got "pigeon"\)/,
	],
	[
		'a step text that is an object',
		{ text: 'x' },
		[{ channel: 'sms', from: '447700900001', messageType: 'text', text: '={{ { a: 1 } }}' }],
		{},
		/^'Failover 1 \(SMS\) > Text' in item 0 /,
	],
];

describe.each(refusals)('%s', (_label, parameters, steps, options, message) => {
	it('is refused before anything is sent', async () => {
		const { error } = await sendOn({
			emulator,
			resource: 'sms',
			parameters: { ...parameters, ...withFailover(steps, options) },
		});
		expect(error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});
});
