// Issue 16 item 11: cancelling a run (n8n's Stop: the engine's cancel, which aborts the execution's
// cancel signal) stops it at once, gives its place in the account's rate limit back, and reports the
// items it never sent as not sent. Each run goes through n8n-core's engine against the emulator.
import { customers, sendSms } from '../../../support/setup';
import { useEmulator } from '../../../support/emulator-fixture';
import type { Emulator } from '../../../emulator';

const emulator = useEmulator({ latencyMs: 20 });

const refOf = (body: Record<string, any>) => String(body.client_ref ?? '');

/** Resolves once the emulator has accepted `count` messages whose client_ref starts with `prefix`. */
async function accepted(emu: Emulator, prefix: string, count: number): Promise<void> {
	while (emu.accepted.filter((m) => refOf(m.body).startsWith(prefix)).length < count)
		await new Promise((resolve) => setTimeout(resolve, 10));
}

const ITEMS = 40;

/** How many items "0-2, 5, 7-8" names. */
const count = (ranges: string): number =>
	ranges
		.split(', ')
		.filter(Boolean)
		.map((part) => part.split('-').map(Number))
		.reduce((sum, [from, to = from]) => sum + to - from + 1, 0);
const PER_SECOND = 2;

describe('a cancelled run', () => {
	it('sends nothing more, reports what it never sent as not sent, and only a request in flight as "may have been sent"', async () => {
		const items = customers(ITEMS).map((item, i) => ({ ...item, ref: `a-${i}` }));
		const run = await sendSms({
			emulator,
			authType: 'jwt',
			credential: { apiKey: 'account-cancel-report' },
			items,
			continueOnFail: true,
			parameters: { options: { maxPerSecond: PER_SECOND } },
			cancelWhen: accepted(emulator, 'a-', 2),
		});
		const output = run.outputs[0].map((item) => item.json);
		expect(output).toHaveLength(ITEMS);
		const received = new Set(emulator.requests.map((r) => refOf((r.body ?? {}) as object)));
		const sent = output.filter((json) => typeof json.message_uuid === 'string');
		const maybe = output.filter((json) => json.may_have_been_sent === true);
		const notSent = output.filter((json) => json.may_have_been_sent === false);
		// The emulator accepted two before the cancel; their answers and at most one more request
		// were in flight. Only those may be reported as "may have been sent"; every other item was not
		// sent, and no item reported so reached Vonage.
		expect(sent.length + maybe.length).toBeGreaterThanOrEqual(2);
		expect(sent.length + maybe.length).toBeLessThanOrEqual(3);
		expect(emulator.accepted.length).toBeLessThanOrEqual(3);
		expect(notSent.length).toBe(ITEMS - sent.length - maybe.length);
		for (const json of notSent) expect(received.has(String(json.client_ref))).toBe(false);
		expect(notSent[0]).toMatchObject({
			error: 'The execution was cancelled before this message was sent',
			description: 'Nothing was sent for this item.',
		});
	}, 60_000);

	it('without Continue On Fail, fails naming the items that were sent and those that were not', async () => {
		const items = customers(ITEMS).map((item, i) => ({ ...item, ref: `b-${i}` }));
		const run = await sendSms({
			emulator,
			authType: 'jwt',
			credential: { apiKey: 'account-cancel-error' },
			items,
			parameters: { options: { maxPerSecond: PER_SECOND } },
			cancelWhen: accepted(emulator, 'b-', 2),
		});
		expect(run.error?.message).toMatch(/cancelled/);
		const description = String((run.error as { description?: string }).description);
		expect(description).toMatch(/Vonage accepted the messages of items [\d, -]+ \([12] in all\)\./);
		// Every item but the two or three that left, including those already waiting for a slot (the
		// order in which items reach their slot is not their index order).
		const notSent = description.match(/Items ([\d, -]+) were not sent\./)?.[1] ?? '';
		expect(count(notSent)).toBeGreaterThanOrEqual(ITEMS - 4);
	}, 60_000);

	// The window is the account's: a run cancelled with many items queued must not hold back the next
	// run of the account. Before, each queued item still waited for its slot (at 2 per second, 38 items
	// held the account for 19 s) and only then failed. The bound below is a quarter of that.
	it('leaves the rate limit to the next run of the account at once', async () => {
		const credential = { apiKey: 'account-cancel-release' };
		const cancelled = accepted(emulator, 'c-', 2);
		const first = sendSms({
			emulator,
			authType: 'jwt',
			credential,
			items: customers(ITEMS).map((item, i) => ({ ...item, ref: `c-${i}` })),
			continueOnFail: true,
			// Every item waits for its slot at once, as a large batch does.
			parameters: { options: { maxPerSecond: PER_SECOND, concurrency: ITEMS } },
			cancelWhen: cancelled,
		});
		await cancelled;
		const cancelledAt = Date.now();
		const next = await sendSms({
			emulator,
			authType: 'jwt',
			credential,
			items: [{ ...customers(1, 100)[0], ref: 'next-0' }],
			parameters: { options: { maxPerSecond: PER_SECOND } },
		});
		await first;
		expect(next.error).toBeUndefined();
		const nextAt = emulator.accepted.find((m) => refOf(m.body) === 'next-0')!.receivedAt;
		expect(nextAt - cancelledAt).toBeLessThan(((ITEMS - 2) * 1000) / PER_SECOND / 4);
	}, 60_000);
});
