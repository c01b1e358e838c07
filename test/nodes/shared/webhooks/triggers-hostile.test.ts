// Request values that name properties of every JavaScript object (issue 16 item 2), and error codes no
// number holds exactly (item 7), through both triggers over real HTTP: a normalised field is text, a
// number or null, never a function or an object; nothing is written to Object.prototype; an unknown
// status goes to Other; a code is a safe integer or Vonage's own digits.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { useListeningTriggers } from '../../../support/listening-trigger';
import { post, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator();
const listening = useListeningTriggers(emulator);

const deliver = async (url: string, body: string) =>
	await post(url, body, `Bearer ${vonageSignature(body, emulator.credentials.signatureSecret)}`);

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const STATUS_FIELDS = ['channel', 'status', 'error_code', 'error_title', 'error_meaning'];
const INBOUND_FIELDS = ['channel', 'message_type', 'text', 'choice_id', 'media_url', 'latitude'];
const ERRORS = 'https://developer.vonage.com/api-errors/messages';
const at = '2020-01-01T14:00:00.000Z';

/** A JSON body with `name` as a key where the format puts a type's content (JSON.parse keeps it own). */
const json = (value: object) => JSON.stringify(value);
const keyed = (name: string, value: unknown) =>
	JSON.parse(`{${JSON.stringify(name)}: ${JSON.stringify(value)}}`) as object;

const statusBodies = (h: string, i: number): Array<[string, string]> => [
	[
		'v0.1 to.type, status',
		json({
			message_uuid: `s01-${i}`,
			to: { type: h, number: '447700900000' },
			from: { type: h, number: '447700900001' },
			timestamp: at,
			status: h,
			error: { code: 1240, reason: h },
		}),
	],
	[
		'v1 channel, status, error title and type',
		json({
			message_uuid: `s1-${i}`,
			to: '447700900000',
			from: '447700900001',
			timestamp: at,
			status: h,
			channel: h,
			error: { type: `${ERRORS}#${h}`, title: h, detail: h },
		}),
	],
];

const inboundBodies = (h: string, i: number): Array<[string, string]> => [
	[
		'v0.1 to.type, content type and container',
		json({
			message_uuid: `i01-${i}`,
			timestamp: at,
			to: { type: h, number: '447700900000' },
			from: { type: h, number: '447700900001' },
			message: { content: { type: h, ...keyed(h, { url: 'https://example.com/x' }) } },
		}),
	],
	[
		'v1 channel, message_type, containers',
		json({
			channel: h,
			message_type: h,
			message_uuid: `i1-${i}`,
			to: '447700900000',
			from: '447700900001',
			timestamp: at,
			...keyed(h, { url: 'https://example.com/x', text: h }),
			reply: keyed(h, 'x'),
			location: keyed(h, 1),
		}),
	],
];

/** Every normalised field is text, a number or null. */
function plain(item: IDataObject, fields: string[]): Record<string, string> {
	return Object.fromEntries(fields.map((f) => [f, item[f] === null ? 'null' : typeof item[f]]));
}

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() =>
	expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore),
);

const only = (run: INodeExecutionData[][]) =>
	run.flatMap((output, index) => output.map((item) => ({ index, json: item.json })));

describe.each(HOSTILE)('"%s" in a request', (h) => {
	it('Status Trigger: no function or object in the output, status to Other, no known error', async () => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger(), { splitByStatus: true });
		const bodies = statusBodies(h, HOSTILE.indexOf(h));
		for (const [, body] of bodies) expect((await deliver(url, body)).status).toBe(200);
		expect(t.executions).toHaveLength(bodies.length);
		const items = t.executions.map((run) => only(run)[0]);
		const [v01, v1] = items;
		expect(items.map((item) => item.index)).toEqual([4, 4]);
		for (const { json: item } of items) {
			expect(
				Object.values(plain(item, STATUS_FIELDS)).every((k) =>
					['string', 'number', 'null'].includes(k),
				),
			).toBe(true);
			expect(item.status).toBe(h);
		}
		expect(v01.json).toMatchObject({ channel: null, error_code: 1240, error_reason: h });
		// v1's `channel` is Vonage's own field: the output keeps it as sent (text).
		expect(v1.json).toMatchObject({
			channel: h,
			error_code: null,
			error_title: null,
			error_meaning: null,
			error_reason: h,
		});
	});

	it('Inbound Trigger: no function or object in the output; a channel filter lets none pass', async () => {
		const open = await listening(new VonageMessagesInboundTrigger());
		const filtered = await listening(new VonageMessagesInboundTrigger(), {
			channels: ['sms', 'whatsapp', 'mms', 'viber', 'messenger'],
		});
		const bodies = inboundBodies(h, HOSTILE.indexOf(h));
		for (const [, body] of bodies) {
			expect((await deliver(open.url, body)).status).toBe(200);
			const refused = await deliver(filtered.url, body);
			expect([refused.status, refused.body]).toEqual([200, expect.stringMatching(/not selected/)]);
		}
		expect(filtered.t.executions).toHaveLength(0);
		const items = open.t.executions.map((run) => run[0][0].json);
		expect(items).toHaveLength(2);
		for (const item of items) {
			const kinds = plain(item, INBOUND_FIELDS);
			expect(Object.values(kinds).every((k) => ['string', 'number', 'null'].includes(k))).toBe(
				true,
			);
			expect(item).toMatchObject({ media_url: null, choice_id: null, latitude: null });
		}
		expect(items[0]).toMatchObject({ channel: null, message_type: h, text: null });
		expect(items[1]).toMatchObject({ channel: h, message_type: h, text: null });
	});
});

describe('error codes no number holds exactly (item 7)', () => {
	const code = '100000000000000000000000';
	it.each([
		[
			"v1 error.title of 23 digits: Vonage's digits, as text",
			json({
				message_uuid: 'odd-v1',
				to: '447700900000',
				from: '447700900001',
				timestamp: at,
				status: 'rejected',
				channel: 'sms',
				error: { type: `${ERRORS}#${code}`, title: code, detail: 'Odd' },
			}),
			code,
		],
		[
			'v0.1 error.code of 23 digits (rounded by any JSON parser): no code',
			`{"message_uuid":"odd-v01","to":{"type":"sms","number":"447700900000"},"from":{"type":"sms","number":"447700900001"},"timestamp":"${at}","status":"rejected","error":{"code":${code},"reason":"Odd"}}`,
			null,
		],
		[
			'v1 error.title of the largest safe integer: a number',
			json({
				message_uuid: 'safe-v1',
				to: '447700900000',
				from: '447700900001',
				timestamp: at,
				status: 'rejected',
				channel: 'sms',
				error: { type: ERRORS, title: '9007199254740991', detail: 'Odd' },
			}),
			9007199254740991,
		],
	])('%s', async (_label, body, expected) => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger());
		expect((await deliver(url, body)).status).toBe(200);
		const item = t.executions[0][0][0].json;
		expect(item.error_code).toEqual(expected);
		expect(String(item.error_code)).not.toMatch(/e\+/);
		expect(item).toMatchObject({ error_title: null, error_reason: 'Odd' });
	});
});
