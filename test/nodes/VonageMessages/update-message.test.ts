// Acting on a message (PATCH /v1/messages/{uuid}) through n8n's engine against the emulator: WhatsApp
// "Mark as Read" and RCS "Revoke". The body Vonage receives, Vonage's refusals said plainly, and every
// refusal before anything is sent.
import type { INodeParameters } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { VonageMessagesApi } from '../../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../../nodes/VonageMessages/VonageMessages.node';
import { sendChannelInbound } from '../../emulator/channel-status';
import { runNode } from '../../harness';
import { useEmulator } from '../../support/emulator-fixture';
import { credentialFor } from '../../support/setup';

const emulator = useEmulator();

async function act(
	resource: 'whatsapp' | 'rcs',
	operation: 'markAsRead' | 'revoke',
	messageUuid: unknown,
	extra: { items?: number; continueOnFail?: boolean; parameters?: INodeParameters } = {},
) {
	return await runNode({
		nodeType: new VonageMessages(),
		parameters: {
			resource,
			operation,
			messageUuid,
			...(extra.parameters ?? {}),
		} as INodeParameters,
		items: Array.from({ length: extra.items ?? 1 }, () => ({})),
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt') },
		credentialTypes: [new VonageMessagesApi()],
		continueOnFail: extra.continueOnFail,
	});
}

/** An inbound message a customer sent, as Vonage recorded it; returns its message_uuid. */
async function inbound(channel: 'whatsapp' | 'sms'): Promise<string> {
	const record = await sendChannelInbound(emulator, {
		channel,
		from: '447700900000',
		to: '447700900001',
		text: 'Hi',
	});
	return JSON.parse(record.body).message_uuid as string;
}

/** An RCS message the emulator accepted earlier (RCS sending is another module's; its record suffices). */
function sentRcs(): string {
	const uuid = randomUUID();
	emulator.accepted.push({
		message_uuid: uuid,
		body: { channel: 'rcs', message_type: 'text', to: '447700900000', from: 'Agent', text: 'x' },
		auth: 'jwt',
		receivedAt: Date.now(),
		version: 'v1',
	});
	return uuid;
}

const patches = () => emulator.requests.filter((r) => r.status !== undefined);

describe('Mark as Read (WhatsApp)', () => {
	it('sends {status: "read"} for an inbound WhatsApp message and outputs it, paired', async () => {
		const uuid = await inbound('whatsapp');
		const { outputs, error } = await act('whatsapp', 'markAsRead', ` ${uuid.toUpperCase()} `);
		expect(error).toBeUndefined();
		expect(emulator.updates).toEqual([
			{ message_uuid: uuid, status: 'read', at: expect.any(Number) },
		]);
		expect(outputs[0]).toEqual([
			{ json: { message_uuid: uuid, status: 'read' }, pairedItem: { item: 0 } },
		]);
	});

	it('says Vonage has no such message on a 404', async () => {
		const uuid = randomUUID();
		const { error } = await act('whatsapp', 'markAsRead', uuid);
		expect(error?.message).toBe(
			`Vonage has no message ${uuid} (404), so it could not be marked as read`,
		);
		expect(emulator.updates).toHaveLength(0);
	});

	it('says only an inbound WhatsApp message can be read when Vonage refuses another channel', async () => {
		const uuid = await inbound('sms');
		const { error } = await act('whatsapp', 'markAsRead', uuid);
		expect(error?.message).toMatch(
			/^Vonage refused to mark as read message .* \(422\): Invalid params/,
		);
		expect((error as { description?: string }).description).toMatch(
			/^Only a message a WhatsApp user sent to you \(inbound\) can be marked as read/,
		);
	});

	it('retries a 429 and then succeeds', async () => {
		const uuid = await inbound('whatsapp');
		emulator.failNext({ kind: 'status', status: 429, retryAfterSeconds: 0 });
		const { error } = await act('whatsapp', 'markAsRead', uuid);
		expect(error).toBeUndefined();
		expect(patches().map((r) => r.status)).toEqual([429, 202]);
	});
});

describe('Revoke (RCS)', () => {
	it('sends {status: "revoked"} for an RCS message not yet delivered', async () => {
		const uuid = sentRcs();
		const { outputs, error } = await act('rcs', 'revoke', uuid);
		expect(error).toBeUndefined();
		expect(emulator.updates.map((u) => u.status)).toEqual(['revoked']);
		expect(outputs[0][0].json).toEqual({ message_uuid: uuid, status: 'revoked' });
	});

	it('says a delivered message cannot be revoked', async () => {
		const uuid = sentRcs();
		emulator.webhookDeliveries.push({
			kind: 'status',
			url: '',
			body: JSON.stringify({ message_uuid: uuid, channel: 'rcs', status: 'delivered' }),
			attempt: 1,
			at: Date.now(),
		});
		const { error } = await act('rcs', 'revoke', uuid);
		expect(error?.message).toMatch(/^Vonage refused to revoke message .* \(422\)/);
		expect((error as { description?: string }).description).toMatch(
			/^Only an RCS message you sent that has not been delivered yet can be revoked.*already been delivered/,
		);
	});

	it('gives one error item per refused item with Continue On Fail, and sends the rest', async () => {
		const ok = sentRcs();
		const { outputs, error } = await act(
			'rcs',
			'revoke',
			'={{ $itemIndex === 0 ? "' + ok + '" : "' + randomUUID() + '" }}',
			{
				items: 2,
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(outputs[0][0]).toEqual({
			json: { message_uuid: ok, status: 'revoked' },
			pairedItem: { item: 0 },
		});
		expect(outputs[0][1].pairedItem).toEqual({ item: 1 });
		expect(outputs[0][1].json.error).toMatch(/\(404\)/);
	});
});

// Refusals before anything is sent: label, Message UUID, error.
const refusals: Array<[string, unknown, RegExp]> = [
	[
		'empty (by expression)',
		'={{ "" }}',
		/^'Message UUID' in item 0 is not a message UUID \(got ""\)/,
	],
	['not a UUID', 'abc-123', /^'Message UUID' in item 0 is not a message UUID \(got "abc-123"\)/],
	[
		'an object',
		'={{ { id: 1 } }}',
		/^'Message UUID' in item 0 is not a message UUID \(got object\)/,
	],
	['a list', '={{ ["x"] }}', /^'Message UUID' in item 0 is not a message UUID \(got a list\)/],
];

describe.each(refusals)('a Message UUID that is %s', (_label, value, message) => {
	it.each([
		['whatsapp', 'markAsRead'],
		['rcs', 'revoke'],
	] as const)('is refused on %s %s before anything is sent', async (resource, operation) => {
		const { error } = await act(resource, operation, value);
		expect(error?.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});
});
