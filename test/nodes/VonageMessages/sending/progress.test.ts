// Issue 20: a long send tells its progress in n8n's log (info), at most once every few seconds, with counts
// only. The progress clock is moved by hand: each reading is one second later than the one before.
import {
	PROGRESS_INTERVAL_MS,
	progressClock,
} from '../../../../nodes/VonageMessages/sending/progress';
import { captureLogs } from '../../../harness';
import { useEmulator } from '../../../support/emulator-fixture';
import { AUTH_TYPES, customers, secretsOf, sendSms, type AuthType } from '../../../support/setup';

const emulator = useEmulator();

async function sendLogged(count: number, tickMs: number, authType: AuthType, failFirst = false) {
	let now = 1_000_000;
	const clock = jest.spyOn(progressClock, 'now').mockImplementation(() => (now += tickMs));
	const logs = captureLogs();
	try {
		if (failFirst) emulator.failNext({ kind: 'status', status: 422 });
		const run = await sendSms({
			emulator,
			authType,
			items: customers(count),
			continueOnFail: true,
			parameters: { options: { concurrency: 1 } },
		});
		return { run, lines: logs.lines.filter((line) => line.message.includes('messages sent')) };
	} finally {
		logs.restore();
		clock.mockRestore();
	}
}

describe('progress of a long send', () => {
	it('is logged at info level at most once per interval: sent, failed, remaining, rate', async () => {
		// One second per clock reading: a reading at the start and one per item.
		const { run, lines } = await sendLogged(20, 1000, 'jwt', true);
		expect(run.outputs[0]).toHaveLength(20);
		expect(lines.length).toBe(Math.floor(20 / (PROGRESS_INTERVAL_MS / 1000)));
		expect(lines.every((line) => line.level === 'info')).toBe(true);
		expect(lines[0].message).toBe(
			'Vonage Messages: 4 of 20 messages sent, 1 failed, 15 remaining, 1.0 per second',
		);
		expect(lines.at(-1)?.message).toMatch(/: 19 of 20 messages sent, 1 failed, 0 remaining/);
		const text = JSON.stringify(lines);
		for (const secret of secretsOf(emulator)) expect(text.includes(secret)).toBe(false);
		expect(text).not.toMatch(/Bearer|eyJ/);
	});

	it.each(AUTH_TYPES)(
		'is logged for a long send and not for one shorter than the interval (%s)',
		async (authType) => {
			expect((await sendLogged(20, 1, authType)).lines).toEqual([]);
			expect((await sendLogged(6, 1000, authType)).lines).toHaveLength(1);
		},
	);
});
