// Issue 20: a 401 on a reused JWT means Vonage did not accept the message (it may have refused the token:
// a regenerated key, a clock ahead of ours). It is sent once more with a fresh token, never more.
import { tokenClock } from '../../../../nodes/shared/api/tokenCache';
import { useEmulator } from '../../../support/emulator-fixture';
import { customers, sendSms } from '../../../support/setup';

const emulator = useEmulator();

let later = Date.now() + 24 * 3600_000;
/** Runs with the cache's clock `jump` past every token cached so far (a fresh token), or where it was. */
async function send(opts: { fresh?: boolean; count?: number; continueOnFail?: boolean } = {}) {
	if (opts.fresh) later += 24 * 3600_000;
	const clock = jest.spyOn(tokenClock, 'now').mockReturnValue(later);
	try {
		return await sendSms({
			emulator,
			authType: 'jwt',
			items: customers(opts.count ?? 1),
			continueOnFail: opts.continueOnFail,
			parameters: { options: { concurrency: 1, maxRetries: 0 } },
		});
	} finally {
		clock.mockRestore();
	}
}

const statuses = () => emulator.requests.map((r) => r.status);
const unauthorized = { kind: 'status', status: 401 } as const;

describe('a 401 on a reused token', () => {
	it('is sent once more with a fresh token, which later requests reuse', async () => {
		// A 401 on a token signed for the request is final: a fresh token would be no different.
		emulator.failNext(unauthorized);
		const first = await send({ fresh: true, continueOnFail: true });
		expect(statuses()).toEqual([401]);
		expect(first.outputs[0][0].json).toMatchObject({ may_have_been_sent: false });

		emulator.reset();
		await send();
		const warm = emulator.accepted[0].jti;
		emulator.reset();
		emulator.failNext(unauthorized);
		const { outputs, error } = await send({ count: 3 });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(3);
		expect(statuses()).toEqual([401, 202, 202, 202]);
		const used = new Set(emulator.accepted.map((m) => m.jti));
		expect(used.size).toBe(1);
		expect(used.has(warm)).toBe(false);
	});

	it('is not retried a second time when the fresh token is refused too', async () => {
		await send({ fresh: true });
		emulator.reset();
		emulator.failNext(unauthorized);
		emulator.failNext(unauthorized);
		const { outputs } = await send({ continueOnFail: true });
		expect(statuses()).toEqual([401, 401]);
		expect(emulator.accepted).toHaveLength(0);
		expect(outputs[0][0].json).toMatchObject({ may_have_been_sent: false });
	});
});
