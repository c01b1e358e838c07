// Vonage's recorded 429 body (shared README "Real error answers": title "Rate Limit Hit", type ending
// #1010) must not be explained to the user as error 1010 "Missing params": a 429 is throttling.
import { useEmulator } from '../../../support/emulator-fixture';
import { AUTH_TYPES, customers, sendSms } from '../../../support/setup';

const emulator = useEmulator();

it.each(AUTH_TYPES)(
	'a 429 with the recorded body is described as throttling (%s)',
	async (authType) => {
		emulator.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 });
		const { outputs } = await sendSms({
			emulator,
			authType,
			items: customers(1),
			continueOnFail: true,
			parameters: { options: { maxRetries: 0 } },
		});
		const item = outputs[0][0].json;
		expect(String(item.error)).toMatch(/429: Rate Limit Hit/);
		expect(String(item.description)).toMatch(/Throttled/);
		expect(String(item.description)).not.toMatch(/Missing params/);
	},
);
