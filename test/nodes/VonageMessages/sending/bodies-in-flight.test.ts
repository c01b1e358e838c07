// Issue 20: a long send holds no copy of every body until the end. Every item is still checked before
// anything is sent, but a body is built only when a sender takes its item, so at any moment the bodies
// built and not yet received by Vonage are at most the parallel requests.
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../../support/emulator-fixture';
import { customers, sendSms } from '../../../support/setup';

/** For every v0.1 body built: how many bodies were built by then and not yet seen by the emulator. */
const waiting: number[] = [];
let built = 0;
let seen = (): number => 0;

jest.mock('../../../../nodes/VonageMessages/message/wireV01', () => {
	const actual = jest.requireActual('../../../../nodes/VonageMessages/message/wireV01');
	return {
		...actual,
		toV01Body: (...args: unknown[]): IDataObject => {
			built++;
			waiting.push(built - seen());
			return actual.toV01Body(...args);
		},
	};
});

const emulator = useEmulator();

beforeEach(() => {
	waiting.length = 0;
	built = 0;
	seen = () => emulator.requests.length;
});

describe('bodies of a long send', () => {
	it.each([
		['Continue On Fail off', false],
		['Continue On Fail on', true],
	])('are built at their turn, at most one per parallel request (%s)', async (_label, onFail) => {
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'basic',
			items: customers(60),
			continueOnFail: onFail,
			parameters: { options: { concurrency: 4 } },
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(60);
		expect(emulator.accepted).toHaveLength(60);
		expect(built).toBe(60);
		expect(Math.max(...waiting)).toBeLessThanOrEqual(4);
	});

	it('still checks every item before the first is sent', async () => {
		const items = customers(30);
		items[29].to = 'not a number';
		const { error } = await sendSms({
			emulator,
			authType: 'basic',
			items,
			parameters: { options: { concurrency: 4 } },
		});
		expect(error?.message).toMatch(/'To' in item 29/);
		expect(emulator.requests).toHaveLength(0);
		expect(built).toBe(0);
	});
});
