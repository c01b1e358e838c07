import { NodeOperationError } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { AUTH_TYPES, customers, secretsOf, sendSms } from '../../support/setup';

const emulator = useEmulator();

const bad: Array<
	[
		label: string,
		item: Record<string, string>,
		parameters: Record<string, string>,
		message: RegExp,
		fix: RegExp,
	]
> = [
	[
		'a recipient that is too short',
		{ to: '12345' },
		{},
		/^'To' in item 2 is not a phone number/,
		/7 to 15 digits/,
	],
	[
		'a recipient with letters',
		{ to: 'call me' },
		{},
		/^'To' in item 2 is not a phone number/,
		/country code/,
	],
	['an empty recipient', { to: '' }, {}, /^'To' in item 2 .*it is empty/, /country code/],
	[
		'a sender ID that is too long',
		{},
		{ from: 'MyVeryLongShopName' },
		/^'From' in item 0 is neither a phone number nor an alphanumeric sender ID/,
		/1 to 11 letters/,
	],
	['an empty text', { text: '   ' }, {}, /^'Text' in item 2 is empty/, /Write the message/],
	[
		'a text over 1000 characters',
		{ text: 'x'.repeat(1001) },
		{},
		/^'Text' in item 2 has 1001 characters; Vonage accepts at most 1000/,
		/Shorten/,
	],
	[
		'a client reference over 40 characters',
		{ ref: 'r'.repeat(41) },
		{},
		/^'Client Reference' in item 2 has 41 characters/,
		/shorter value/,
	],
];

describe.each(AUTH_TYPES)('validation before anything is sent (%s)', (authType) => {
	it.each(bad)(
		'stops on %s, naming field, item and fix, and sends nothing',
		async (_label, item, parameters, message, fix) => {
			const items = customers(4);
			Object.assign(items[2], item);
			const { error, outputs } = await sendSms({ emulator, authType, items, parameters });
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error!.message).toMatch(message);
			expect((error as NodeOperationError).description).toMatch(fix);
			expect(outputs).toEqual([]);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});

describe('Continue On Fail', () => {
	it('turns each bad item into an error item with pairedItem and sends the rest, in order', async () => {
		const items = customers(5);
		items[1].to = 'nope';
		items[3].text = '';
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'jwt',
			items,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(outputs[0][1].json).toEqual({
			error: expect.stringMatching(/^'To' in item 1/),
			description: expect.any(String),
		});
		expect(outputs[0][3].json.error).toMatch(/^'Text' in item 3 is empty/);
		expect([0, 2, 4].map((i) => outputs[0][i].json.client_ref)).toEqual([
			'order-0',
			'order-2',
			'order-4',
		]);
		expect(emulator.accepted.map((m) => m.body.client_ref).sort()).toEqual([
			'order-0',
			'order-2',
			'order-4',
		]);
	});
});

describe('credential problems are caught before sending, without leaking secrets', () => {
	const cases: Array<
		[label: string, authType: 'jwt' | 'basic', credential: Record<string, string>, message: RegExp]
	> = [
		['JWT without a private key', 'jwt', { privateKey: '' }, /missing Private Key/],
		['JWT without an application ID', 'jwt', { applicationId: '' }, /missing Application ID/],
		['Basic without a secret', 'basic', { apiSecret: '' }, /missing API Secret/],
		[
			'a private key that is not a key',
			'jwt',
			{
				privateKey:
					'-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1icm9rZW4=\n-----END PRIVATE KEY-----',
			},
			/private key .* cannot sign/,
		],
	];
	it.each(cases)('%s', async (_label, authType, credential, message) => {
		const { error } = await sendSms({ emulator, authType, items: customers(2), credential });
		expect(error!.message).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
		const text = JSON.stringify({
			message: error!.message,
			description: (error as NodeOperationError).description,
		});
		expect(text).not.toContain('c2VjcmV0LWJ1dC1icm9rZW4=');
		expect(secretsOf(emulator).filter((s) => s.length > 8 && text.includes(s))).toEqual([]);
	});

	it('keeps every secret out of outputs and stored workflow data', async () => {
		const result = await sendSms({ emulator, authType: 'basic', items: customers(3) });
		const text = JSON.stringify({
			outputs: result.outputs,
			runData: result.runData,
			workflow: result.workflowJson,
		});
		expect(secretsOf(emulator).filter((s) => s.length > 8 && text.includes(s))).toEqual([]);
	});
});
