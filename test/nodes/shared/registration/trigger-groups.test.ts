// Issue 18: several workflows' triggers on one Vonage application. Each trigger runs its webhook methods
// and webhook() in n8n-core's contexts (test/harness); all are served on one origin, as the workflows
// of one n8n are, against the emulator's Applications API and its signed webhooks over real HTTP.
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { signWebhook } from '../../../emulator';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';

const emulator = useEmulator({ statusDelayMs: 100_000 });
const FROM = '447700900000';
const OURS = '447700900001';

const open: TriggerHarness[] = [];
afterEach(async () => {
	for (const t of open.splice(0).reverse()) {
		await t.delete().catch(() => undefined);
		await t.close();
	}
});

const inboundUrl = () =>
	(emulator.application.capabilities as any).messages?.webhooks?.inbound_url?.address as
		| string
		| undefined;

let workflows = 0;
/** Triggers of several workflows served on the first one's origin. */
async function triggers(
	nodeType: () => INodeType,
	optionsList: IDataObject[],
	credential: IDataObject = {},
	failedStarts: number[] = [],
): Promise<TriggerHarness[]> {
	const made: TriggerHarness[] = [];
	let base: string | undefined;
	for (const [index, options] of optionsList.entries()) {
		const t = await createTriggerHarness({
			nodeType: nodeType(),
			parameters: { registration: 'automatic', options: options as INodeParameters },
			credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
			credentialTypes: [new VonageMessagesApi()],
			webhookBaseUrl: base,
			workflowId: `wf-${++workflows}`,
			failedStarts: failedStarts[index] ?? 0,
		});
		open.push(t);
		if (base === undefined) base = new URL((await t.listen()).url).origin;
		else {
			const path = new URL(t.webhookUrl).pathname;
			made[0].route(path.slice(0, path.lastIndexOf('/') + 1), (req, res) => t.serve(req, res));
		}
		made.push(t);
	}
	return made;
}

async function activate(t: TriggerHarness): Promise<void> {
	if (!(await t.checkExists())) await t.create();
}

async function idle(ts: TriggerHarness[]): Promise<void> {
	for (let round = 0; round < 3; round++) for (const t of ts) await t.idle();
}

const texts = (t: TriggerHarness) => t.executions.map(([[item]]) => item.json.text);

describe('Inbound Triggers of three workflows on one application', () => {
	it.each([
		['STOP', ['STOP'], [], []],
		['stop please', ['stop please'], [], []],
		['Order 42', [], ['Order 42'], []],
		['hello', [], [], ['hello']],
		['stopping', [], [], ['stopping']],
	])('%p starts exactly the workflow it is for', async (text, stop, order, rest) => {
		const ts = await triggers(
			() => new VonageMessagesInboundTrigger(),
			[{}, { keywords: 'STOP, unsubscribe' }, { keywords: 'ORDER' }],
		);
		for (const t of ts) await activate(t);
		expect(inboundUrl()).toBe(ts[0].webhookUrl);
		const delivery = await emulator.sendInbound({ from: FROM, to: OURS, text });
		expect(delivery.status).toBe(200);
		await idle(ts);
		expect([texts(ts[1]), texts(ts[2]), texts(ts[0])]).toEqual([stop, order, rest]);
	});

	it('the same event sent twice starts each workflow once', async () => {
		const ts = await triggers(() => new VonageMessagesInboundTrigger(), [{}, {}]);
		for (const t of ts) await activate(t);
		const first = await emulator.sendInbound({ from: FROM, to: OURS, text: 'hi' });
		const res = await fetch(first.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${signWebhook(first.body, emulator.credentials)}`,
			},
			body: first.body,
		});
		expect(res.status).toBe(200);
		await idle(ts);
		expect(ts.map((t) => t.executions.length)).toEqual([1, 1]);
	});

	it('a workflow that could not start once: Vonage is answered 503, and its retry starts each workflow once', async () => {
		const ts = await triggers(() => new VonageMessagesInboundTrigger(), [{}, {}, {}], {}, [0, 1]);
		for (const t of ts) await activate(t);
		await emulator.sendInbound({ from: FROM, to: OURS, text: 'hi' });
		await idle(ts);
		const inbound = emulator.webhookDeliveries.filter((d) => d.kind === 'inbound');
		expect(inbound.map((d) => d.status)).toEqual([503, 200]);
		expect(ts.map((t) => t.executions.length)).toEqual([1, 1, 1]);
	});

	it('without a Signature Secret, a second trigger is refused naming it; the application is unchanged', async () => {
		const ts = await triggers(() => new VonageMessagesInboundTrigger(), [{}, {}], {
			signatureSecret: '',
		});
		await activate(ts[0]);
		await expect(activate(ts[1])).rejects.toThrow(/the credential needs its Signature Secret/);
		expect(inboundUrl()).toBe(ts[0].webhookUrl);
	});
});

describe('deactivating in every order leaves the application as it was found', () => {
	const orders = [
		[0, 1, 2],
		[0, 2, 1],
		[1, 0, 2],
		[1, 2, 0],
		[2, 0, 1],
		[2, 1, 0],
	];
	it.each(orders)('%p, %p, %p; events reach whoever is active meanwhile', async (...order) => {
		const before = structuredClone(emulator.application.capabilities);
		const ts = await triggers(() => new VonageMessagesInboundTrigger(), [{}, {}, {}]);
		for (const t of ts) await activate(t);
		const active = new Set([0, 1, 2]);
		for (const index of order) {
			await ts[index].delete();
			active.delete(index);
			if (active.size > 0) {
				expect(ts.map((t) => t.webhookUrl)).toContain(inboundUrl());
				const counts = ts.map((t) => t.executions.length);
				expect((await emulator.sendInbound({ from: FROM, to: OURS, text: 'x' })).status).toBe(200);
				await idle(ts);
				expect(ts.map((t, i) => t.executions.length - counts[i])).toEqual(
					[0, 1, 2].map((i) => (active.has(i) ? 1 : 0)),
				);
			}
		}
		expect(emulator.application.capabilities).toEqual(before);
	});

	// n8n 2.x unpublishes in the background, several workflows at once (its publication outbox).
	it.each([2, 3])('%p deactivated at the same time', async (count) => {
		const before = structuredClone(emulator.application.capabilities);
		const ts = await triggers(
			() => new VonageMessagesInboundTrigger(),
			Array.from({ length: count }, () => ({})),
		);
		for (const t of ts) await activate(t);
		expect(ts.map((t) => t.webhookUrl)).toContain(inboundUrl());
		const outcomes = await Promise.allSettled(ts.map(async (t) => await t.delete()));
		expect(outcomes.map((o) => o.status)).toEqual(ts.map(() => 'fulfilled'));
		expect(emulator.application.capabilities).toEqual(before);
	});
});

describe('Status Triggers of two workflows', () => {
	it('both get each status event', async () => {
		const ts = await triggers(() => new VonageMessagesStatusTrigger(), [{}, {}]);
		for (const t of ts) await activate(t);
		const body = JSON.stringify({
			message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
			to: FROM,
			from: OURS,
			timestamp: new Date().toISOString(),
			status: 'delivered',
			channel: 'sms',
		});
		const res = await fetch(ts[0].webhookUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${signWebhook(body, emulator.credentials)}`,
			},
			body,
		});
		expect(res.status).toBe(200);
		await idle(ts);
		expect(ts.map((t) => t.executions.length)).toEqual([1, 1]);
	});
});
