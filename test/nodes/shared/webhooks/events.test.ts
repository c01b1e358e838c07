// The normalised fields of both triggers (nodes/shared/webhooks/events.ts) over real payload variants of both
// webhook formats and every channel (test/support/event-fixtures.ts). The fixtures themselves are held
// to the published shapes: v0.1 to the OpenAPI schemas, v1 to the field list of test/emulator/v1-fields.ts.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

import {
	comparableAddress,
	inboundDuplicateKey,
	inboundFields,
	inboundOutput,
	statusDuplicateKey,
	statusFields,
	statusOutput,
} from '../../../../nodes/shared/webhooks/events';
import { branchOf, routed } from '../../../../nodes/VonageMessagesStatusTrigger/status';
import { check, type Schema, type SchemaDoc } from '../../../emulator/schema-check';
import { checkFields, V1_INBOUND, V1_STATUS } from '../../../emulator/v1-fields';
import { INBOUND_FIXTURES, STATUS_FIXTURES } from '../../../support/event-fixtures';
import { MESSAGES_V01_YML } from '../../../support/shared-reference';

const STATUS_KEYS = [
	'webhook_version',
	'channel',
	'sender',
	'recipient',
	'client_ref',
	'status',
	'error_code',
	'error_title',
	'error_meaning',
	'error_reason',
	'failover_workflow_id',
	'failover_step',
	'failover_steps',
	'failover_moved_on',
];
const INBOUND_KEYS = [
	'webhook_version',
	'channel',
	'sender',
	'recipient',
	'client_ref',
	'message_type',
	'text',
	'choice_id',
	'media_url',
	'media_caption',
	'latitude',
	'longitude',
	'location_name',
	'location_address',
];

describe.each(STATUS_FIXTURES)('status event: $label', ({ event, expected, version }) => {
	it('has the normalised fields', () => {
		const fields = statusFields(event);
		expect(Object.keys(fields).sort()).toEqual([...STATUS_KEYS].sort());
		expect(fields).toMatchObject({ webhook_version: version, ...expected });
	});
	it('keeps the event as Vonage sent it', () => {
		const output = statusOutput(structuredClone(event));
		for (const [key, value] of Object.entries(event)) {
			if (!STATUS_KEYS.includes(key)) expect(output[key]).toEqual(value);
		}
		// A Vonage field with a normalised name keeps its value: the names never change meaning.
		for (const key of STATUS_KEYS) if (key in event) expect(output[key]).toEqual(event[key]);
	});
});

describe.each(INBOUND_FIXTURES)('inbound message: $label', ({ event, expected, version }) => {
	it('has the normalised fields', () => {
		const fields = inboundFields(event);
		expect(Object.keys(fields).sort()).toEqual([...INBOUND_KEYS].sort());
		expect(fields).toMatchObject({ webhook_version: version, ...expected });
	});
	it('keeps the event as Vonage sent it', () => {
		const output = inboundOutput(structuredClone(event));
		for (const [key, value] of Object.entries(event)) expect(output[key]).toEqual(value);
	});
});

describe('the fixtures are real shapes', () => {
	const yml = MESSAGES_V01_YML;
	const maybe = existsSync(yml) ? it : it.skip;
	maybe('v0.1 ones validate against messages-v0.1.yml (MessageStatus, inbound-message)', () => {
		const doc: SchemaDoc = { doc: parse(readFileSync(yml, 'utf8')) as Schema };
		const status = doc.doc.components.schemas.MessageStatus as Schema;
		const inbound = doc.doc.components.schemas['inbound-message'] as Schema;
		const failures = [
			...STATUS_FIXTURES.filter((f) => f.version === 'v0.1').map((f) => [
				f.label,
				check(f.event, status, doc),
			]),
			...INBOUND_FIXTURES.filter((f) => f.version === 'v0.1').map((f) => [
				f.label,
				check(f.event, inbound, doc),
			]),
		].filter(([, errors]) => errors.length > 0);
		expect(failures).toEqual([]);
	});
	it('v1 ones carry only v1 fields (v1-fields.ts)', () => {
		const failures = [
			...STATUS_FIXTURES.filter((f) => f.version === 'v1').map((f) => [
				f.label,
				checkFields(f.event, V1_STATUS),
			]),
			...INBOUND_FIXTURES.filter((f) => f.version === 'v1').map((f) => [
				f.label,
				checkFields(f.event, V1_INBOUND),
			]),
		].filter(([, errors]) => errors.length > 0);
		expect(failures).toEqual([]);
	});
});

describe('duplicate keys', () => {
	it.each([
		[
			'v0.1 status',
			{ message_uuid: 'u1', status: 'delivered', to: { type: 'sms', number: '1' } },
			'u1:delivered',
		],
		[
			'v1 status',
			{ message_uuid: 'u1', status: 'delivered', to: '1', channel: 'sms' },
			'u1:delivered',
		],
		['a status without message_uuid', { status: 'delivered' }, undefined],
		['a status with an empty message_uuid', { message_uuid: ' ', status: 'delivered' }, undefined],
		[
			'a status with a non-string message_uuid',
			{ message_uuid: 42, status: 'delivered' },
			undefined,
		],
	])('%s', (_label, event, key) => expect(statusDuplicateKey(event)).toBe(key));

	it.each([
		[
			'v0.1 inbound',
			{ message_uuid: 'u2', message: { content: { type: 'text', text: 'x' } } },
			'u2',
		],
		['v1 inbound', { message_uuid: 'u2', channel: 'sms', text: 'x' }, 'u2'],
		['an inbound message without message_uuid', { text: 'x' }, undefined],
	])('%s', (_label, event, key) => expect(inboundDuplicateKey(event)).toBe(key));

	it('the same event in both formats has the same key', () => {
		const [v01, v1] = [STATUS_FIXTURES[0].event, STATUS_FIXTURES[6].event];
		expect(statusDuplicateKey(v01)).toBe(statusDuplicateKey(v1));
	});
});

describe('addresses for "Only To Number"', () => {
	it.each([
		['+44 7700 900001', '447700900001'],
		['0044 7700-900001', '447700900001'],
		['(447) 700.900001', '447700900001'],
		['447700900001', '447700900001'],
		['page-id-abc', 'page-id-abc'],
		['', ''],
	])('%s compares as %s', (value, comparable) => expect(comparableAddress(value)).toBe(comparable));
});

describe('Split by Status (issue 8: an unknown status is not a failure)', () => {
	it.each([
		['submitted', 0],
		['delivered', 1],
		['read', 2],
		['rejected', 3],
		['undeliverable', 3],
		['accepted', 4],
		[null, 4],
		[undefined, 4],
		['failed', 4],
		['other', 4],
	])('%s goes to output %d', (status, index) => {
		expect(branchOf(status)).toBe(index);
		const outputs = routed({ json: {} }, status, true);
		expect(outputs).toHaveLength(5);
		expect(outputs.map((items) => items.length)).toEqual(
			[0, 1, 2, 3, 4].map((i) => (i === index ? 1 : 0)),
		);
	});
	it('without splitting everything goes to the one output', () =>
		expect(routed({ json: {} }, 'accepted', false)).toEqual([[{ json: {} }]]));
});
