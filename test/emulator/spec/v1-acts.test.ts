// The emulator's failover workflows and PATCH /v1/messages/{uuid}, as modelled from Vonage's node SDK
// (MessageWithFailover, updateMessage and its fixtures) and the failover guide (see failover.ts and
// update-message.ts for the sources).
import { randomUUID } from 'node:crypto';
import axios, { type AxiosResponse } from 'axios';

import { useEmulator } from '../../support/emulator-fixture';
import { sendChannelInbound } from '../channel-status';
import { bearer } from './testkit';

const emu = useEmulator();

const post = async (body: unknown): Promise<AxiosResponse> =>
	await axios.post(`${emu.url}/v1/messages`, body, {
		headers: { authorization: bearer(emu.credentials) },
		validateStatus: () => true,
	});
const patch = async (uuid: string, body: unknown, auth = bearer(emu.credentials)) =>
	await axios.patch(`${emu.url}/v1/messages/${uuid}`, body, {
		headers: { authorization: auth },
		validateStatus: () => true,
	});

const whatsapp = (to: string) => ({
	channel: 'whatsapp',
	message_type: 'text',
	to,
	from: '447700900001',
	text: 'Your table is ready',
	client_ref: 'order-1',
});
const sms = (to: string) => ({
	channel: 'sms',
	message_type: 'text',
	to,
	from: '447700900001',
	text: 'Table ready',
	client_ref: 'order-1',
});

const statuses = () =>
	emu.webhookDeliveries
		.filter((d) => d.kind === 'status')
		.map((d) => JSON.parse(d.body) as Record<string, any>);

describe('failover', () => {
	it('answers one message_uuid (SDK fixtures) and refuses a bad step by its place', async () => {
		const bad = await post({ ...whatsapp('447700900000'), failover: [{ ...sms('x'), text: '' }] });
		expect(bad.status).toBe(422);
		expect(bad.data.invalid_parameters.map((p: { name: string }) => p.name)).toEqual(
			expect.arrayContaining(['failover[0].to']),
		);
		expect((await post({ ...whatsapp('447700900000'), failover: [] })).status).toBe(422);
		const nested = await post({
			...whatsapp('447700900000'),
			failover: [{ ...sms('447700900000'), failover: [sms('447700900000')] }],
		});
		expect(nested.status).toBe(422);
		expect(emu.accepted).toHaveLength(0);
	});

	it('fails step 1 (no WhatsApp for a number ending 777), sends step 2 by SMS and delivers it, every status carrying the workflow', async () => {
		const res = await post({ ...whatsapp('447700900777'), failover: [sms('447700900777')] });
		expect(res.status).toBe(202);
		expect(Object.keys(res.data)).toEqual(['message_uuid']);
		await emu.waitFor(() => statuses().length === 4);
		const events = statuses();
		expect(events.map((e) => [e.channel, e.status, e.workflow.items_number])).toEqual([
			['whatsapp', 'submitted', '1'],
			['whatsapp', 'rejected', '1'],
			['sms', 'submitted', '2'],
			['sms', 'delivered', '2'],
		]);
		expect(events[1].error).toMatchObject({ title: '1310' });
		expect(events[0].message_uuid).toBe(res.data.message_uuid);
		expect(events[2].message_uuid).not.toBe(res.data.message_uuid);
		expect(new Set(events.map((e) => e.workflow.workflow_id)).size).toBe(1);
		expect(events.every((e) => e.workflow.items_total === '2' && e.client_ref === 'order-1')).toBe(
			true,
		);
	});

	it('fails over past every failing step and ends with the last one rejected', async () => {
		await post({ ...whatsapp('447700900777'), failover: [sms('447700900666')] });
		await emu.waitFor(() => statuses().length === 4);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(statuses().map((e) => [e.channel, e.status])).toEqual([
			['whatsapp', 'submitted'],
			['whatsapp', 'rejected'],
			['sms', 'submitted'],
			['sms', 'rejected'],
		]);
	});

	it('stops at the first step that is delivered', async () => {
		await post({ ...whatsapp('447700900000'), failover: [sms('447700900000')] });
		await emu.waitFor(() => statuses().some((e) => e.status === 'read'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(statuses().map((e) => e.status)).toEqual(['submitted', 'delivered', 'read']);
	});
});

describe('PATCH /v1/messages/{uuid}', () => {
	const inbound = async (channel: 'whatsapp' | 'sms') => {
		const record = await sendChannelInbound(emu, {
			channel,
			from: '447700900000',
			to: '447700900001',
			text: 'Hi',
		});
		return JSON.parse(record.body).message_uuid as string;
	};
	const rcs = () => {
		const uuid = randomUUID();
		emu.accepted.push({
			message_uuid: uuid,
			body: { channel: 'rcs', to: '447700900000', from: 'Agent', message_type: 'text', text: 'x' },
			auth: 'jwt',
			receivedAt: Date.now(),
			version: 'v1',
		});
		return uuid;
	};

	it('marks an inbound WhatsApp message read: 202 without a body (SDK fixture)', async () => {
		const uuid = await inbound('whatsapp');
		const res = await patch(uuid, { status: 'read' });
		expect(res.status).toBe(202);
		expect(res.data).toBe('');
		expect(emu.updates).toMatchObject([{ message_uuid: uuid, status: 'read' }]);
	});

	it('revokes an RCS message not yet delivered', async () => {
		expect((await patch(rcs(), { status: 'revoked' })).status).toBe(202);
	});

	const refused: Array<[string, () => Promise<string> | string, unknown, number, RegExp]> = [
		['an unknown UUID', () => randomUUID(), { status: 'read' }, 404, /was not found/],
		['read on an SMS inbound', () => inbound('sms'), { status: 'read' }, 422, /inbound WhatsApp/],
		['read on a message you sent', rcs, { status: 'read' }, 422, /inbound WhatsApp/],
		[
			'revoked on an inbound message',
			() => inbound('whatsapp'),
			{ status: 'revoked' },
			422,
			/outbound RCS/,
		],
		['another status', () => inbound('whatsapp'), { status: 'deleted' }, 422, /Invalid params/],
	];
	it.each(refused)('refuses %s', async (_label, make, body, status, detail) => {
		const res = await patch(await make(), body);
		expect(res.status).toBe(status);
		expect(JSON.stringify(res.data)).toMatch(detail);
		expect(emu.updates).toHaveLength(0);
	});

	it('refuses to revoke a delivered RCS message', async () => {
		const uuid = rcs();
		emu.webhookDeliveries.push({
			kind: 'status',
			url: '',
			body: JSON.stringify({ message_uuid: uuid, channel: 'rcs', status: 'delivered' }),
			attempt: 1,
			at: Date.now(),
		});
		const res = await patch(uuid, { status: 'revoked' });
		expect(res.status).toBe(422);
		expect(res.data.detail).toMatch(/already been delivered/);
	});

	it('needs credentials and takes PATCH only', async () => {
		const uuid = await inbound('whatsapp');
		expect((await patch(uuid, { status: 'read' }, 'Bearer nope')).status).toBe(401);
		const get = await axios.get(`${emu.url}/v1/messages/${uuid}`, { validateStatus: () => true });
		expect(get.status).toBe(405);
	});
});
