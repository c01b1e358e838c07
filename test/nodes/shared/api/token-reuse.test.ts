// Issue 20: one signed application JWT per credential for many requests, through n8n's engine against the
// emulator (which accepts a token until its exp, as Vonage does). Only the cache's clock is moved.
import { startEmulator, type Emulator } from '../../../emulator';
import {
	CLOCK_ALLOWANCE_MS,
	TOKEN_TTL_SECONDS,
	cachedTokenCount,
	tokenClock,
} from '../../../../nodes/shared/api/tokenCache';
import { useEmulator } from '../../../support/emulator-fixture';
import { customers, sendSms } from '../../../support/setup';

const emulator = useEmulator();

const jtis = (emu: Emulator): Array<string | undefined> => emu.accepted.map((m) => m.jti);

/** Runs with the cache's clock at `at` (the signing and the emulator keep the real clock). */
async function sendAt(at: number, emu: Emulator, count: number, timeoutSeconds = 30) {
	const clock = jest.spyOn(tokenClock, 'now').mockReturnValue(at);
	try {
		return await sendSms({
			emulator: emu,
			authType: 'jwt',
			items: customers(count),
			parameters: { options: { concurrency: 1, timeout: timeoutSeconds } },
		});
	} finally {
		clock.mockRestore();
	}
}

/** A moment past every token cached so far, so that the next run signs a fresh one there. */
let later = Date.now() + 24 * 3600_000;
const freshStart = () => (later += 24 * 3600_000);

describe('one JWT per credential', () => {
	it('is reused by every request of a run and by the next run', async () => {
		const start = freshStart();
		expect((await sendAt(start, emulator, 5)).error).toBeUndefined();
		expect((await sendAt(start + 1000, emulator, 3)).error).toBeUndefined();
		expect(emulator.accepted).toHaveLength(8);
		expect(new Set(jtis(emulator)).size).toBe(1);
	});

	// Reused while it outlives the request's deadline (the Timeout option) plus the clock allowance.
	const lastReuse = (timeoutSeconds: number) =>
		TOKEN_TTL_SECONDS * 1000 - timeoutSeconds * 1000 - CLOCK_ALLOWANCE_MS - 1000;
	it.each([
		['reused just before its margin', 30, lastReuse(30), 1],
		['replaced once less than the margin is left', 30, lastReuse(30) + 2000, 2],
		['replaced sooner when the request may take longer (Timeout 300 s)', 300, lastReuse(30), 2],
	])('is %s', async (_label, timeoutSeconds, offset, expectedTokens) => {
		const start = freshStart();
		await sendAt(start, emulator, 1);
		const { error } = await sendAt(start + offset, emulator, 2, timeoutSeconds);
		expect(error).toBeUndefined();
		expect(emulator.accepted).toHaveLength(3);
		expect(new Set(jtis(emulator)).size).toBe(expectedTokens);
	});

	it('is never shared between two credentials, and a changed credential drops its token', async () => {
		const other = await startEmulator();
		try {
			const start = freshStart();
			await sendAt(start, emulator, 2);
			await sendAt(start + 1000, other, 2);
			await sendAt(start + 2000, emulator, 2);
			// Each account accepted only tokens signed by its own key, one per credential.
			expect(other.accepted).toHaveLength(2);
			expect(emulator.accepted).toHaveLength(4);
			expect(new Set(jtis(emulator)).size).toBe(1);
			expect(new Set(jtis(other)).size).toBe(1);
			expect(jtis(other)[0]).not.toBe(jtis(emulator)[0]);

			// The same application with another key (the key was regenerated): its own token, refused
			// by Vonage, and the old key's token is gone from memory.
			const changed = await sendSms({
				emulator,
				authType: 'jwt',
				items: customers(1),
				credential: { privateKey: other.credentials.privateKey },
				parameters: { options: { concurrency: 1 } },
			});
			expect(changed.error?.message).toMatch(/401|credentials|Authorization/i);
			await sendAt(start + 3000, emulator, 1);
			expect(new Set(jtis(emulator)).size).toBe(2);
			expect(cachedTokenCount()).toBeLessThanOrEqual(2);
		} finally {
			await other.close();
		}
	});
});
