import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor, customers, sendSms } from '../../../support/setup';
import { inboundEvent, post, statusEvent, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator({ statusDelayMs: 5 });
const open: TriggerHarness[] = [];
afterEach(async () => {
	for (const t of open.splice(0)) await t.close();
});

async function listening(
	nodeType: INodeType,
	options: IDataObject = {},
	credential: IDataObject = {},
) {
	const t = await createTriggerHarness({
		nodeType,
		parameters: { registration: 'automatic', options: options as INodeParameters },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
		credentialTypes: [new VonageMessagesApi()],
	});
	open.push(t);
	const { url } = await t.listen();
	return { t, url };
}

const signed = (body: string, claims = {}) =>
	`Bearer ${vonageSignature(body, emulator.credentials.signatureSecret, claims)}`;

// Signature, replay, content-type and option checks: test/nodes/shared/webhooks/triggers-signature.test.ts.
describe('a signed event', () => {
	it('accepts a correctly signed event and passes it through untouched, plus the normalised fields', async () => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger());
		const event = statusEvent({
			status: 'rejected',
			error: { code: 1240, reason: 'Illegal Number' },
		});
		const body = JSON.stringify(event);
		const response = await post(url, body, signed(body));
		expect(response.status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0][0].json).toEqual({
			...event,
			webhook_version: 'v0.1',
			channel: 'sms',
			sender: '447700900001',
			recipient: '447700900000',
			error_code: 1240,
			error_title: 'Illegal Number',
			error_meaning: expect.stringMatching(/blacklisted phone number/),
			error_reason: 'Illegal Number',
			failover_workflow_id: null,
			failover_step: null,
			failover_steps: null,
			failover_moved_on: null,
		});
	});
});

describe('status trigger', () => {
	it('keeps only the chosen statuses and drops duplicates, answering 200 either way', async () => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger(), {
			statuses: ['delivered'],
		});
		const submitted = JSON.stringify(statusEvent({ status: 'submitted' }));
		const delivered = JSON.stringify(statusEvent());
		expect((await post(url, submitted, signed(submitted))).status).toBe(200);
		expect((await post(url, delivered, signed(delivered))).status).toBe(200);
		expect((await post(url, delivered, signed(delivered))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0][0].json.status).toBe('delivered');
	});

	it('lets duplicates through when asked to', async () => {
		const { t, url } = await listening(new VonageMessagesStatusTrigger(), {
			ignoreDuplicates: false,
		});
		const body = JSON.stringify(statusEvent());
		await post(url, body, signed(body));
		await post(url, body, signed(body));
		expect(t.executions).toHaveLength(2);
	});

	it('follows a sent message: its status events carry client_ref into the right split output', async () => {
		const { t } = await listening(new VonageMessagesStatusTrigger(), { splitByStatus: true });
		await t.create();
		const items = [
			...customers(1),
			{ to: '447700900666', text: 'to a barred number', ref: 'order-barred' },
		];
		const { outputs } = await sendSms({ emulator, authType: 'jwt', items });
		expect(outputs[0]).toHaveLength(2);
		await emulator.waitFor(() => t.executions.length >= 4, 10_000);
		const branches = t.executions.map((run) => run.findIndex((output) => output.length > 0));
		const seen = t.executions.map((run, i) => [
			run[branches[i]][0].json.client_ref,
			run[branches[i]][0].json.status,
			branches[i],
		]);
		expect(seen).toEqual(
			expect.arrayContaining([
				['order-0', 'submitted', 0],
				['order-0', 'delivered', 1],
				['order-barred', 'submitted', 0],
				['order-barred', 'rejected', 3],
			]),
		);
		const failed = t.executions.find((run) => run[3].length > 0)![3][0].json;
		expect(failed).toMatchObject({
			error: { title: '1240' },
			error_code: 1240,
			error_title: 'Illegal Number',
		});
		expect(t.executions.every((run) => run.length === 5)).toBe(true);
	});
});

describe('inbound trigger', () => {
	it('emits an inbound message as Vonage sent it, plus the normalised fields', async () => {
		const { t } = await listening(new VonageMessagesInboundTrigger());
		await t.create();
		const delivery = await emulator.sendInbound({
			from: '447700900555',
			to: '447700900001',
			text: 'Is my order ready?',
		});
		expect(delivery.status).toBe(200);
		expect(t.executions).toHaveLength(1);
		const event = t.executions[0][0][0].json;
		expect(event).toEqual({
			...JSON.parse(delivery.body as string),
			webhook_version: 'v1',
			sender: '447700900555',
			recipient: '447700900001',
			client_ref: null,
			choice_id: null,
			media_url: null,
			media_caption: null,
			latitude: null,
			longitude: null,
			location_name: null,
			location_address: null,
		});
		expect(event).toMatchObject({
			text: 'Is my order ready?',
			sms: { num_messages: expect.any(String) },
			usage: expect.any(Object),
		});
	});

	it('filters on the receiving number', async () => {
		const { t, url } = await listening(new VonageMessagesInboundTrigger(), {
			toNumber: '+44 7700 900002',
		});
		const other = JSON.stringify(inboundEvent());
		const mine = JSON.stringify(inboundEvent({ to: { type: 'sms', number: '447700900002' } }));
		expect((await post(url, other, signed(other))).status).toBe(200);
		expect((await post(url, mine, signed(mine))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0][0][0].json.to).toEqual({ type: 'sms', number: '447700900002' });
	});
});
