// Both triggers against a v0.1 and a v1 application (issue 7 point 1), through n8n-core's engine and the
// emulator: the same normalised fields, filters, duplicate keys, split outputs and error explanation in
// both formats; and (issue 8) an unknown status goes to the Other output, never to Failed.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { useListeningTriggers } from '../../../support/listening-trigger';
import { sendSms } from '../../../support/setup';
import { post, vonageSignature } from '../../../support/webhooks';

// Reset in each version's beforeEach, which also sets the application's webhook version.
const emulator = useEmulator({ statusDelayMs: 5 }, { resetBeforeEach: false });
const listening = useListeningTriggers(emulator, { register: true });

const signed = (body: string) =>
	`Bearer ${vonageSignature(body, emulator.credentials.signatureSecret)}`;
/** Re-posts a body the emulator delivered, newly signed (as a Vonage retry would come). */
const repost = async (url: string, body: string) => await post(url, body, signed(body));
const items = (run: INodeExecutionData[][]) =>
	run.flatMap((output, index) => output.map((item) => ({ index, json: item.json })));
const pick = (json: IDataObject, keys: string[]) =>
	Object.fromEntries(keys.map((k) => [k, json[k]]));
const STATUS_KEYS = [
	'channel',
	'sender',
	'recipient',
	'status',
	'client_ref',
	'error_code',
	'error_title',
	'error_meaning',
];
const INBOUND_KEYS = [
	'channel',
	'sender',
	'recipient',
	'text',
	'message_type',
	'client_ref',
	'media_url',
];

/** The normalised fields every status execution emitted for one run, per application version. */
const seen: Record<string, unknown[]> = {};
const seenInbound: Record<string, unknown> = {};

describe.each(['v0.1', 'v1'] as const)('application webhook version %s', (version) => {
	beforeEach(() => {
		emulator.reset();
		emulator.configure({ applicationWebhookVersion: version });
	});

	it('status trigger: split outputs, client_ref and the error explanation of sent messages', async () => {
		const { t } = await listening(new VonageMessagesStatusTrigger(), { splitByStatus: true });
		const customers = [
			{ to: '447700900123', text: 'ok', ref: 'ok-1' },
			{ to: '447700900666', text: 'barred', ref: 'barred-1' },
			{ to: '447700900404', text: 'gone', ref: 'gone-1' },
		];
		await sendSms({ emulator, authType: 'jwt', items: customers });
		await emulator.waitFor(() => t.executions.length >= 6, 10_000);
		const all = t.executions.flatMap(items);
		expect(all.every(({ json }) => json.webhook_version === version)).toBe(true);
		const outcome = (ref: string) =>
			all.find(({ json }) => json.client_ref === ref && json.status !== 'submitted')!;
		expect(outcome('ok-1').index).toBe(1);
		expect(outcome('barred-1')).toMatchObject({
			index: 3,
			json: {
				error_code: 1240,
				error_title: 'Illegal Number',
				error_meaning: expect.stringMatching(/blacklisted/),
			},
		});
		expect(outcome('gone-1')).toMatchObject({
			index: 3,
			json: {
				status: 'undeliverable',
				error_code: 1300,
				error_reason: 'Not part of the provider network',
			},
		});
		expect(
			all.filter(({ json }) => json.status === 'submitted').every(({ index }) => index === 0),
		).toBe(true);
		seen[version] = all
			.map(({ index, json }) => ({ index, ...pick(json, STATUS_KEYS) }))
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
	});

	it('status trigger: a Vonage retry is a duplicate; the Statuses filter reads the status', async () => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger(), {
			statuses: ['delivered'],
		});
		await sendSms({
			emulator,
			authType: 'jwt',
			items: [{ to: '447700900123', text: 'ok', ref: 'dup-1' }],
		});
		await emulator.waitFor(
			() => emulator.webhookDeliveries.length >= 2 && t.executions.length >= 1,
			10_000,
		);
		expect(t.executions.flatMap(items).map(({ json }) => json.status)).toEqual(['delivered']);
		const delivered = emulator.webhookDeliveries.find((d) => d.body.includes('"delivered"'))!;
		expect((await repost(url, delivered.body)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('status trigger: an unknown or missing status goes to Other, not Failed; without message_uuid never a duplicate', async () => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger(), { splitByStatus: true });
		const base =
			version === 'v0.1'
				? {
						to: { type: 'sms', number: '447700900000' },
						from: { type: 'sms', number: '447700900001' },
					}
				: { to: '447700900000', from: '447700900001', channel: 'sms' };
		const accepted = JSON.stringify({
			...base,
			message_uuid: 'aaaaaaaa-0000-4000-8000-000000000001',
			timestamp: new Date().toISOString(),
			status: 'accepted',
		});
		const missing = JSON.stringify({ ...base, timestamp: new Date().toISOString() });
		for (const body of [accepted, missing, missing])
			expect((await repost(url, body)).status).toBe(200);
		expect(t.executions.map((run) => run.map((output) => output.length))).toEqual([
			[0, 0, 0, 0, 1],
			[0, 0, 0, 0, 1],
			[0, 0, 0, 0, 1],
		]);
		expect(t.executions[1][4][0].json).toMatchObject({
			status: null,
			webhook_version: version,
			recipient: '447700900000',
		});
	});

	it('inbound trigger: normalised fields, Only To Number and duplicates', async () => {
		const { t, url } = await listening(new VonageMessagesInboundTrigger(), {
			toNumber: '+44 7700 900001',
		});
		const mine = await emulator.sendInbound({
			from: '447700900555',
			to: '447700900001',
			text: 'Is my order ready?',
		});
		const other = await emulator.sendInbound({
			from: '447700900555',
			to: '447700900002',
			text: 'not for this trigger',
		});
		expect([mine.status, other.status]).toEqual([200, 200]);
		expect(t.executions).toHaveLength(1);
		const json = t.executions[0][0][0].json;
		expect(json).toMatchObject({
			webhook_version: version,
			text: 'Is my order ready?',
			recipient: '447700900001',
			sender: '447700900555',
			channel: 'sms',
			message_type: 'text',
		});
		expect((await repost(url, mine.body)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		seenInbound[version] = pick(json, INBOUND_KEYS);
	});
});

it('both formats give the same normalised fields for the same events', () => {
	expect(seen['v0.1']).toHaveLength(6);
	expect(seen['v0.1']).toEqual(seen.v1);
	expect(seenInbound['v0.1']).toEqual(seenInbound.v1);
});
