// Send and Wait for Reply through n8n's engine: the message sent as Send sends it after the wait is
// registered at the application's Inbound Trigger, the execution put to wait with the time-out output,
// a reply from the recipient matched at the trigger and handed over to the waiting node's resume URL.
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { useEmulator } from '../../../support/emulator-fixture';
import { FROM, useSendAndWait } from '../../../support/send-and-wait';
import { sendReply } from '../../../emulator/reply';
import { forwardPauses } from '../../../../nodes/shared/webhooks/waitHandover';

const emulator = useEmulator({ statusDelayMs: 100_000 });
const { trigger, ask } = useSendAndWait(emulator);
const TO = '447700900000';

const sent = {
	message_uuid: expect.any(String),
	channel: 'sms',
	message_type: 'text',
	to: TO,
	from: FROM,
};

describe('approval', () => {
	it.each([
		['Yes!', 'v1', true],
		[' ok ', 'v0.1', true],
		['confirm.', 'v1', true],
		['NO', 'v0.1', false],
		['cancel', 'v1', false],
	] as const)(
		'%p (%s webhook) resumes with approved %p and starts no trigger execution',
		async (text, format, approved) => {
			const { t, base } = await trigger();
			const { run, route } = await ask(t, base);
			expect(run.error).toBeUndefined();
			expect(run.waitTill).toEqual(WAIT_INDEFINITELY);
			expect(run.outputs[0]).toEqual([
				{
					json: {
						...sent,
						encoding: 'GSM-7',
						characters: expect.any(Number),
						parts: 1,
						reply: null,
						approved: null,
						timed_out: true,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(emulator.accepted).toHaveLength(1);
			await sendReply(emulator, { to: TO, text, format });
			const [[item]] = await route.whenResumed();
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ ...sent, approved, timed_out: false });
			expect(item.json.reply).toMatchObject({
				text,
				sender: TO,
				recipient: FROM,
				channel: 'sms',
				webhook_version: format,
			});
			await t.idle();
			expect(t.executions).toHaveLength(0);
		},
	);

	it('a reply that matches no keyword starts the workflow as an ordinary message and leaves the wait open', async () => {
		const { t, base } = await trigger();
		const { route } = await ask(t, base);
		await sendReply(emulator, { to: TO, text: 'maybe tomorrow' });
		await t.idle();
		expect(t.executions).toHaveLength(1);
		expect(route.resumed).toBeUndefined();
		await sendReply(emulator, { to: TO, text: 'y' });
		const [[item]] = await route.whenResumed();
		expect(item.json).toMatchObject({ approved: true });
		expect(t.executions).toHaveLength(1);
	});

	it('custom keywords, compared without case or final punctuation', async () => {
		const { t, base } = await trigger();
		const options = { approveKeywords: 'Ja, Sí', declineKeywords: 'Nein' };
		const { route } = await ask(t, base, { options });
		await sendReply(emulator, { to: TO, text: 'yes' }); // not a keyword any more
		await sendReply(emulator, { to: TO, text: 'NEIN!!' });
		const [[item]] = await route.whenResumed();
		expect(item.json).toMatchObject({
			approved: false,
			reply: expect.objectContaining({ text: 'NEIN!!' }),
		});
		expect(t.executions).toHaveLength(1);
	});
});

it('free text: the first reply resumes, approved null', async () => {
	const { t, base } = await trigger();
	const { route } = await ask(t, base, { responseType: 'freeText' });
	await sendReply(emulator, { to: TO, text: 'Can we make it 11?' });
	const [[item]] = await route.whenResumed();
	expect(item.json).toMatchObject({
		...sent,
		approved: null,
		timed_out: false,
		reply: expect.objectContaining({ text: 'Can we make it 11?' }),
	});
});

it('two waits for one recipient: the newest question gets the next reply, the older one the one after', async () => {
	const { t, base } = await trigger();
	const older = await ask(t, base, { responseType: 'freeText' });
	const newer = await ask(t, base, { responseType: 'freeText' });
	await sendReply(emulator, { to: TO, text: 'first' });
	expect((await newer.route.whenResumed())[0][0].json.reply).toMatchObject({ text: 'first' });
	expect(older.route.resumed).toBeUndefined();
	await sendReply(emulator, { to: TO, text: 'second' });
	expect((await older.route.whenResumed())[0][0].json.reply).toMatchObject({ text: 'second' });
});

it('a reply from another number, or to another of our numbers, does not resume', async () => {
	const { t, base } = await trigger();
	const { route } = await ask(t, base, { responseType: 'freeText' });
	await emulator.sendInbound({ from: '447700900099', to: FROM, text: 'yes' });
	await emulator.sendInbound({ from: TO, to: '447700900002', text: 'yes' });
	await t.idle();
	expect(t.executions).toHaveLength(2);
	expect(route.resumed).toBeUndefined();
});

it("a reply resumes its wait before the trigger's own filters: Keywords STOP, reply YES", async () => {
	const { t, base } = await trigger({ keywords: 'STOP' });
	const to = '447700900031';
	const { route } = await ask(t, base, {}, [{ to }]);
	await sendReply(emulator, { to, text: 'YES' });
	const [[item]] = await route.whenResumed();
	expect(item.json).toMatchObject({ approved: true });
	await t.idle();
	expect(t.executions).toHaveLength(0);
});

it('with the trigger option on, a reply that resumes also starts the workflow', async () => {
	const { t, base } = await trigger({ startForWaitReplies: true });
	const { route } = await ask(t, base);
	await sendReply(emulator, { to: TO, text: 'yes' });
	await route.whenResumed();
	await t.idle();
	expect(t.executions).toHaveLength(1);
});

it('one recipient per wait: only item 0 is sent and output', async () => {
	const { t, base } = await trigger();
	const { run } = await ask(t, base, {}, [
		{ to: TO },
		{ to: '447700900003' },
		{ to: '447700900004' },
	]);
	expect(emulator.accepted).toHaveLength(1);
	expect(run.outputs[0]).toHaveLength(1);
	expect(run.outputs[0][0].json).toMatchObject({ to: TO, timed_out: true });
});

it('Limit Wait Time: the execution waits until the limit', async () => {
	const { t, base } = await trigger();
	const before = Date.now();
	const limit = {
		values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
	};
	const { run } = await ask(t, base, { options: { limitWaitTime: limit } });
	const waitTill = run.waitTill!.getTime();
	expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
	expect(waitTill).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
	const at = '2099-01-31T18:00:00.000Z';
	const fixed = await ask(t, base, {
		options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: at } } },
	});
	expect(fixed.run.waitTill).toEqual(new Date(at));
});

describe('an execution still saving its waiting state (n8n answers 409 "running already")', () => {
	const saved = { ...forwardPauses };
	beforeEach(() => Object.assign(forwardPauses, { busyMs: [5, 5, 5], uncertainMs: [5] }));
	afterEach(() => Object.assign(forwardPauses, saved));
	// A recipient of its own per test: earlier tests leave waits open for TO in the process-wide registry.
	let n = 10;
	const recipient = () => `4477009000${++n}`;

	it('is tried again, and resumed by the reply', async () => {
		const { t, base } = await trigger();
		const to = recipient();
		const { route } = await ask(t, base, {}, [{ to }], undefined, undefined, { runningFor: 3 });
		await sendReply(emulator, { to, text: 'yes' });
		const [[item]] = await route.whenResumed();
		expect(item.json).toMatchObject({ approved: true, timed_out: false });
		expect(route.calls.map((c) => c.status)).toEqual([409, 409, 409, 200]);
		await t.idle();
		expect(t.executions).toHaveLength(0);
	});

	it('still running after every pause: the reply is answered 503, the wait stays open, and Vonage sending it again resumes it', async () => {
		const { t, base } = await trigger();
		const to = recipient();
		const { route } = await ask(t, base, {}, [{ to }], undefined, undefined, { runningFor: 4 });
		await sendReply(emulator, { to, text: 'yes' });
		const [[item]] = await route.whenResumed();
		expect(item.json).toMatchObject({ approved: true });
		const inbound = emulator.webhookDeliveries.filter((d) => d.kind === 'inbound');
		expect(inbound.map((d) => d.status)).toEqual([503, 200]);
		expect(inbound[0].body).toBe(inbound[1].body);
		await t.idle();
		expect(t.executions).toHaveLength(0);
	});

	it('one that then finished with an error closes the wait: the reply, and the next, start the workflow', async () => {
		const { t, base } = await trigger();
		const to = recipient();
		const { route } = await ask(t, base, {}, [{ to }], undefined, undefined, {
			runningFor: 1,
			finishedWithError: true,
		});
		await sendReply(emulator, { to, text: 'yes' });
		await t.idle();
		expect(t.executions).toHaveLength(1);
		expect(route.calls.map((c) => c.status)).toEqual([409, 409]);
		await sendReply(emulator, { to, text: 'yes' });
		await t.idle();
		expect(t.executions).toHaveLength(2);
		expect(route.calls).toHaveLength(2);
	});
});
