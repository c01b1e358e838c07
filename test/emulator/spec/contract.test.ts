// The Vonage emulator held to Vonage's published contract: the OpenAPI files in the `shared` folder beside
// the repository (messages-v0.1.yml, application-v2.yml) and the seed page's example request. Requests
// and webhooks go over real HTTP; schemas are checked with test/emulator/schema-check.ts.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import axios, { type AxiosResponse } from 'axios';
import jwt from 'jsonwebtoken';
import { parse } from 'yaml';

import { useEmulator } from '../../support/emulator-fixture';
import { check, deref, fieldsOf, variant, type Schema, type SchemaDoc } from '../schema-check';
import { checkFields, V1_INBOUND, V1_STATUS } from '../v1-fields';
import { startReceiver, type Receiver } from './testkit';
import {
	APPLICATION_V2_YML,
	MESSAGES_V01_YML,
	SHARED_VONAGE as SHARED,
} from '../../support/shared-reference';

const MESSAGES_YML = MESSAGES_V01_YML;
const APPLICATION_YML = APPLICATION_V2_YML;
const REFERENCE = path.join(SHARED, 'messages-api-v0.1-reference.txt');
const present = [MESSAGES_YML, APPLICATION_YML, REFERENCE].every((file) => existsSync(file));
const describeContract = present ? describe : describe.skip;
const title = present
	? 'emulator vs. Vonage OpenAPI contract'
	: `emulator contract SKIPPED: Vonage OpenAPI files not found under ${SHARED}`;

const yamlAt = (file: string): Schema => parse(readFileSync(file, 'utf8')) as Schema;
const jsonSchema = (op: Schema) => op.content['application/json'].schema as Schema;
const firstValue = (node: Schema): Schema => Object.values(node)[0] as Schema;

/** The "Example Request" JSON of the seed page (the Messages API v0.1 reference). */
function seedExample(): Record<string, any> {
	const text = readFileSync(REFERENCE, 'utf8');
	const start = text.indexOf('{', text.indexOf('Example Request'));
	const end = text.lastIndexOf('}', text.indexOf('Responses', start));
	return JSON.parse(text.slice(start, end + 1)) as Record<string, any>;
}

const set = (body: Record<string, any>, dotted: string, value: unknown): Record<string, any> => {
	const copy = structuredClone(body);
	const keys = dotted.split('.');
	const parent = keys.slice(0, -1).reduce((node: any, key) => node[key], copy);
	if (value === undefined) delete parent[keys[keys.length - 1]];
	else parent[keys[keys.length - 1]] = value;
	return copy;
};

describeContract(title, () => {
	let msg: SchemaDoc;
	let app: SchemaDoc;
	const emu = useEmulator({ statusDelayMs: 5, webhookRetryDelaysMs: [20, 40] });
	let example: Record<string, any>;
	const schemas: Record<string, Schema> = {};

	const valid = (value: unknown, schema: Schema, doc: SchemaDoc = msg) =>
		expect(check(value, schema, doc)).toEqual([]);
	const bearer = () =>
		`Bearer ${jwt.sign({ application_id: emu.credentials.applicationId, jti: randomUUID() }, emu.credentials.privateKey, { algorithm: 'RS256', expiresIn: 300 })}`;
	const basic = () =>
		`Basic ${Buffer.from(`${emu.credentials.apiKey}:${emu.credentials.apiSecret}`).toString('base64')}`;
	const send = async (
		body: unknown,
		authorization: string | null = bearer(),
	): Promise<AxiosResponse> =>
		await axios.post(`${emu.url}/v0.1/messages`, body, {
			headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
			validateStatus: () => true,
		});
	const apps = async (
		method: 'GET' | 'PUT',
		id: string,
		data?: unknown,
		authorization = basic(),
	): Promise<AxiosResponse> =>
		await axios.request({
			method,
			url: `${emu.url}/v2/applications/${id}`,
			data,
			headers: { authorization },
			validateStatus: () => true,
		});

	beforeAll(async () => {
		msg = { doc: yamlAt(MESSAGES_YML) };
		app = {
			doc: yamlAt(APPLICATION_YML),
			load: (file) => yamlAt(path.join(path.dirname(APPLICATION_YML), file)),
		};
		example = seedExample();
		const send_ = msg.doc.paths['/'].post;
		schemas.request = jsonSchema(send_.requestBody);
		schemas.sms = variant(schemas.request, 'SMS', msg);
		schemas.accepted = jsonSchema(send_.responses['202']);
		schemas.badRequest = jsonSchema(send_.responses['400']);
		schemas.error = msg.doc.components.schemas.Error;
		schemas.status = jsonSchema(firstValue(send_.callbacks['message-status']).post.requestBody);
		schemas.inbound = jsonSchema(
			firstValue(msg.doc['x-webhooks']['inbound-message']).post.requestBody,
		);
		const one = app.doc.paths['/{id}'];
		for (const [name, op] of [
			['appGet', one.get],
			['appPut', one.put],
		] as const) {
			schemas[`${name}200`] = jsonSchema(op.responses['200']);
			for (const status of ['400', '401', '404'])
				if (op.responses[status]) schemas[`${name}${status}`] = op.responses[status];
		}
		schemas.appPutRequest = jsonSchema(one.put.requestBody);
	});

	describe('POST /v0.1/messages', () => {
		it('the seed example is an SMS request by the schema (exactly one variant of `message`)', () => {
			expect(example).toMatchObject({
				to: { type: 'sms' },
				from: { type: 'sms' },
				message: { content: { type: 'text' } },
			});
			valid(example, schemas.sms);
			valid(example, schemas.request);
		});

		it.each(['jwt', 'basic'])(
			'accepts the seed example (%s) with a 202 body matching `Response`',
			async (kind) => {
				const res = await send(example, kind === 'jwt' ? bearer() : basic());
				expect(res.status).toBe(202);
				expect(res.headers['content-type']).toMatch(/^application\/json/);
				valid(res.data, schemas.accepted);
				expect(emu.accepted.map((m) => m.body)).toEqual([example]);
			},
		);

		it('answers every error with an RFC 7807 body matching `Error` (and the documented 400 schema)', async () => {
			const cases: Array<[string, () => Promise<AxiosResponse>, number]> = [
				['no credentials', () => send(example, null), 401],
				['missing fields', () => send({}), 400],
				['a bad to.number', () => send(set(example, 'to.number', '+44 7700')), 422],
				['a queued 500', () => (emu.failNext({ kind: 'status', status: 500 }), send(example)), 500],
				[
					'a queued 429',
					() => (
						emu.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }),
						send(example)
					),
					429,
				],
			];
			emu.configure({ rateLimitPerSecond: 1 });
			cases.push([
				'over the rate limit',
				async () => (await send(example), await send(example)),
				429,
			]);
			for (const [label, request, status] of cases) {
				const res = await request();
				expect({ label, status: res.status, type: res.headers['content-type'] }).toEqual({
					label,
					status,
					type: expect.stringMatching(/^application\/problem\+json/),
				});
				valid(res.data, schemas.error);
				valid(res.data, schemas.badRequest);
			}
		});
	});

	it('the schema checker is not vacuous: it refuses broken payloads', () => {
		const status = {
			message_uuid: 'u',
			to: { type: 'sms', number: '1' },
			from: { type: 'sms', number: '2' },
			timestamp: 't',
			status: 'delivered',
		};
		expect(check(status, schemas.status, msg)).toEqual([]);
		expect(
			check({ ...status, status: 'lost', error: { code: '1300' } }, schemas.status, msg).map(
				(e) => e.path,
			),
		).toEqual(['$.status', '$.error.code']);
		expect(check({ title: 1 }, schemas.error, msg).map((e) => e.path)).toEqual([
			'$.type',
			'$.detail',
			'$.instance',
			'$.title',
		]);
		expect(check(set(example, 'to.type', 'whatsapp'), schemas.request, msg)).toEqual([
			{ path: '$', message: expect.stringMatching(/matches 0 of oneOf/) },
		]);
		expect(check({ ...example, client_ref: 7 }, schemas.sms, msg)).toEqual([
			{ path: '$.client_ref', message: 'expected string, got integer' },
		]);
	});

	describe('validation is at least as strict as the schema', () => {
		it('the SMS schema describes the fields the emulator validates', () => {
			const fields = fieldsOf(schemas.sms, msg);
			expect(
				fields
					.filter((f) => f.required)
					.map((f) => f.path)
					.sort(),
			).toEqual(
				[
					'from.number',
					'from.type',
					'message.content.text',
					'message.content.type',
					'to.number',
					'to.type',
				].sort(),
			);
			expect(fields.find((f) => f.path === 'client_ref')).toMatchObject({
				required: false,
				schema: { type: 'string' },
			});
		});

		it('refuses whatever the schema refuses: each required field missing, each enum or type broken', async () => {
			const mismatches: string[] = [];
			const expectRefused = async (
				label: string,
				body: Record<string, any>,
				statuses: number[],
			) => {
				const schemaErrors = check(body, schemas.sms, msg);
				const res = await send(body);
				if (schemaErrors.length === 0)
					mismatches.push(`${label}: the schema accepts it (the case is wrong)`);
				if (!statuses.includes(res.status))
					mismatches.push(`${label}: emulator answered ${res.status}, want ${statuses.join('/')}`);
			};
			for (const field of fieldsOf(schemas.sms, msg)) {
				if (field.required)
					await expectRefused(`${field.path} missing`, set(example, field.path, undefined), [400]);
				if (Array.isArray(field.schema.enum))
					await expectRefused(
						`${field.path} outside ${field.schema.enum}`,
						set(example, field.path, 'not-in-enum'),
						[422],
					);
				if (field.schema.type === 'string')
					await expectRefused(`${field.path} as a number`, set(example, field.path, 4477009), [
						422,
					]);
				if (field.schema.type === 'object' || field.schema.type === 'string')
					await expectRefused(`${field.path} as null`, set(example, field.path, null), [400, 422]);
			}
			expect(mismatches).toEqual([]);
			expect(emu.accepted).toHaveLength(0);
		});

		it('every enum value for SMS is accepted, and so are bodies at the README limits', async () => {
			const enums = fieldsOf(schemas.sms, msg).filter((f) => Array.isArray(f.schema.enum));
			expect(enums.map((f) => f.path).sort()).toEqual([
				'from.type',
				'message.content.type',
				'to.type',
			]);
			const bodies = [
				...enums.flatMap((f) =>
					(f.schema.enum as string[]).map((value) => set(example, f.path, value)),
				),
				set(example, 'message.content.text', 'x'.repeat(1000)),
				set(example, 'client_ref', 'r'.repeat(40)),
				set(example, 'client_ref', undefined),
				set(example, 'from.number', 'MyShop'),
			];
			for (const body of bodies) {
				valid(body, schemas.sms);
				expect((await send(body)).status).toBe(202);
			}
		});

		it.each([
			['text over 1000 characters', 'message.content.text', 'x'.repeat(1001)],
			['client_ref over 40 characters', 'client_ref', 'r'.repeat(41)],
			['to.number with a leading +', 'to.number', '+447700900000'],
			['to.number with spaces', 'to.number', '44 7700 900000'],
		])(
			'goes beyond the schema (shared README rules): %s is schema-valid yet 422',
			async (_label, field, value) => {
				const body = set(example, field, value);
				valid(body, schemas.sms);
				const res = await send(body);
				expect(res.status).toBe(422);
				expect(res.data.invalid_parameters).toEqual([{ name: field, reason: expect.any(String) }]);
			},
		);
	});

	describe('webhooks and the Applications API', () => {
		let receiver: Receiver;
		const bodies = () => receiver.received.map((r) => r.body);

		beforeAll(async () => {
			receiver = await startReceiver([204]);
		});
		afterAll(async () => await receiver.close());
		beforeEach(() => void receiver.received.splice(0));

		/**
		 * Points the Messages webhooks at the receiver the way a trigger does: GET, change, PUT back; with
		 * `version` the application's webhook format too (as set in the Dashboard or the Applications API).
		 */
		async function register(version?: 'v0.1' | 'v1'): Promise<void> {
			const got = await apps('GET', emu.credentials.applicationId);
			expect(got.status).toBe(200);
			valid(got.data, schemas.appGet200, app);
			const { _links: _unused, ...current } = got.data;
			current.capabilities.messages.webhooks = {
				status_url: { address: `${receiver.url}/status`, http_method: 'POST' },
				inbound_url: { address: `${receiver.url}/inbound`, http_method: 'POST' },
			};
			if (version) current.capabilities.messages.version = version;
			valid(current, schemas.appPutRequest, app);
			const put = await apps('PUT', emu.credentials.applicationId, current);
			expect(put.status).toBe(200);
			valid(put.data, schemas.appPut200, app);
			expect(put.data.capabilities.voice).toEqual(got.data.capabilities.voice);
		}

		it('GET/PUT answers match `ApplicationResponse`; their errors match the documented 400/401/404 bodies', async () => {
			await register();
			const id = emu.credentials.applicationId;
			const errors: Array<[string, Promise<AxiosResponse>, number, Schema]> = [
				['GET with a Bearer token', apps('GET', id, undefined, bearer()), 401, schemas.appGet401],
				['GET an unknown id', apps('GET', randomUUID()), 404, schemas.appGet404],
				['PUT an unknown id', apps('PUT', randomUUID(), { name: 'x' }), 404, schemas.appPut404],
				['PUT without a name', apps('PUT', id, { capabilities: {} }), 400, schemas.appPut400],
				[
					'PUT a non-http webhook',
					apps('PUT', id, {
						name: 'x',
						capabilities: { messages: { webhooks: { status_url: { address: 'ftp://x' } } } },
					}),
					400,
					schemas.appPut400,
				],
			];
			for (const [label, request, status, response] of errors) {
				const res = await request;
				expect({ label, status: res.status }).toEqual({ label, status });
				// 401 and 404 are $refs into common/common_errors.yml: check in that file's context.
				const documented = deref(response, app);
				valid(res.data, jsonSchema(documented.schema), documented.ctx);
				valid(res.data, schemas.error);
			}
		});

		it('v0.1 application: status webhooks match `MessageStatus`: submitted, then delivered / rejected 1240 / undeliverable 1300', async () => {
			await register('v0.1');
			const sent: Record<string, string> = {};
			for (const to of ['447700900000', '447700900666', '447700900404']) {
				const res = await send(set(set(example, 'to.number', to), 'client_ref', `ref-${to}`));
				expect(res.status).toBe(202);
				sent[res.data.message_uuid] = to;
			}
			await emu.waitFor(() => bodies().length >= 6);
			const events = bodies().map((body) => JSON.parse(body) as Record<string, any>);
			for (const event of events) valid(event, schemas.status);
			const outcome = (to: string) =>
				events.find((e) => sent[e.message_uuid] === to && e.status !== 'submitted');
			expect(events.filter((e) => e.status === 'submitted')).toHaveLength(3);
			expect(outcome('447700900000')).toMatchObject({
				status: 'delivered',
				client_ref: 'ref-447700900000',
			});
			expect(outcome('447700900666')).toMatchObject({ status: 'rejected', error: { code: 1240 } });
			expect(outcome('447700900404')).toMatchObject({
				status: 'undeliverable',
				error: { code: 1300 },
			});
			expect(events.every((e) => e.client_ref === `ref-${sent[e.message_uuid]}`)).toBe(true);
		});

		it('v0.1 application: inbound webhooks match `inbound-message` (its SMS variant and no other)', async () => {
			await register('v0.1');
			const cases = [
				{ from: '447700900001', to: '447700900000', text: 'Hi' },
				{ from: '447700900001', to: '447700900000', text: '€'.repeat(200) },
			];
			for (const inbound of cases) {
				const record = await emu.sendInbound(inbound);
				expect(record.status).toBe(204);
			}
			expect(bodies()).toHaveLength(2);
			for (const body of bodies()) {
				const event = JSON.parse(body) as Record<string, any>;
				valid(event, variant(schemas.inbound, 'SMS', msg));
				valid(event, schemas.inbound);
			}
			expect(JSON.parse(bodies()[1]).message).toMatchObject({
				content: { type: 'text', text: '€'.repeat(200) },
				sms: { num_messages: '3' },
			});
		});

		it.each([undefined, 'v1'] as const)(
			'application version %s: status and inbound webhooks carry the v1 fields (shared README, Vonage SDK types)',
			async (version) => {
				await register(version);
				const sent: Record<string, string> = {};
				for (const to of ['447700900000', '447700900666', '447700900404']) {
					const res = await send(set(set(example, 'to.number', to), 'client_ref', `ref-${to}`));
					sent[res.data.message_uuid] = to;
				}
				await emu.sendInbound({ from: '447700900001', to: '447700900000', text: 'Hi there' });
				await emu.waitFor(() => bodies().length >= 7);
				const events = bodies().map((body) => JSON.parse(body) as Record<string, any>);
				const statuses = events.filter((e) => 'status' in e);
				const [inbound] = events.filter((e) => !('status' in e));
				expect(statuses.flatMap((e) => checkFields(e, V1_STATUS))).toEqual([]);
				expect(checkFields(inbound, V1_INBOUND)).toEqual([]);
				const outcome = (to: string) =>
					statuses.find((e) => sent[e.message_uuid] === to && e.status !== 'submitted');
				expect(outcome('447700900000')).toMatchObject({
					status: 'delivered',
					to: '447700900000',
					channel: 'sms',
					client_ref: 'ref-447700900000',
				});
				expect(outcome('447700900666')).toMatchObject({
					status: 'rejected',
					error: { type: expect.stringMatching(/#1240$/), title: '1240' },
				});
				expect(outcome('447700900404')).toMatchObject({
					status: 'undeliverable',
					error: { type: expect.stringMatching(/#1300$/), title: '1300' },
				});
				expect(inbound).toMatchObject({
					channel: 'sms',
					message_type: 'text',
					to: '447700900000',
					from: '447700900001',
					text: 'Hi there',
				});
				// Neither format's schema accepts the other: the two are really different.
				expect(check(statuses[0], schemas.status, msg)).not.toEqual([]);
				expect(check(inbound, schemas.inbound, msg)).not.toEqual([]);
			},
		);

		it('the v1 field list is not vacuous: it refuses v0.1 events and unknown fields', () => {
			const v01 = {
				message_uuid: 'u',
				to: { type: 'sms', number: '1' },
				from: { type: 'sms', number: '2' },
				timestamp: 't',
				status: 'delivered',
			};
			expect(checkFields(v01, V1_STATUS)).toEqual([
				'$.channel: is required',
				'$.to: expected string',
				'$.from: expected string',
			]);
			expect(
				checkFields(
					{ ...v01, to: '1', from: '2', channel: 'sms', status: 'lost', extra: 1 },
					V1_STATUS,
				),
			).toEqual([
				'$.status: must be one of submitted, delivered, rejected, undeliverable, read',
				'$.extra: is not a v1 field',
			]);
		});
	});
});
