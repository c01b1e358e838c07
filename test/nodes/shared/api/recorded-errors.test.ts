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
		expect(String(item.description)).toMatch(/Vonage throttled the requests/);
		expect(String(item.description)).not.toMatch(/Missing params/);
	},
);

// Issue 16 item 13: synchronous refusals are explained by Vonage's own title, detail and
// invalid_parameters, never by the webhook error table (where 1150 is "Invalid Message class" and
// 1110 has no entry). Bodies as recorded (shared README "Synchronous errors are not webhook errors").
const refusals: Array<[label: string, body: Record<string, unknown>, title: string]> = [
	[
		'v1 #1150 (Python SDK invalid_error.json)',
		{
			type: 'https://developer.vonage.com/api-errors/messages#1150',
			title: 'Invalid params',
			detail: 'The value of one or more parameters is invalid.',
			instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf',
			invalid_parameters: [{ name: 'messenger.tag', reason: 'invalid value' }],
		},
		'Invalid params',
	],
	[
		'#1110 (Java SDK)',
		{
			type: 'https://developer.vonage.com/api-errors/messages#1110',
			title: 'Invalid channel parameters',
			detail: 'The value of one or more parameters is invalid.',
			instance: '00000000-0000-4000-8000-000000000000',
			invalid_parameters: [{ name: 'messenger.tag', reason: 'invalid value' }],
		},
		'Invalid channel parameters',
	],
];
it.each(refusals)('a 422 %s is explained in its own words', async (_label, body, title) => {
	emulator.failNext({ kind: 'status', status: 422, body });
	const { outputs } = await sendSms({
		emulator,
		authType: 'jwt',
		items: customers(1),
		continueOnFail: true,
	});
	const item = outputs[0][0].json;
	expect(item.error).toBe(
		`Vonage answered 422: ${title} - The value of one or more parameters is invalid.`,
	);
	const description = String(item.description);
	expect(description).toMatch(/Invalid parameters: messenger\.tag: invalid value\./);
	expect(description).toMatch(/Vonage refused the parameters of the message, so nothing was sent/);
	expect(description).not.toMatch(/Message class|out of range|Vonage error 1[01][15]0/);
	expect(item.may_have_been_sent).toBe(false);
});
