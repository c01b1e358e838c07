// Issue 20: a long send holds no copy of every body until the end. Every item is still checked before
// anything is sent; the first BODIES_KEPT_AHEAD bodies are built then and kept for their turn (each item's
// parameters read once), later ones only when a sender takes their item, so at any moment the bodies
// built and not yet received by Vonage are at most BODIES_KEPT_AHEAD plus the parallel requests.
import type { IDataObject } from 'n8n-workflow';

import { BODIES_KEPT_AHEAD } from '../../../../nodes/VonageMessages/sending/execute';
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
	it('a run within the bodies kept ahead builds each body once, all in the checking pass', async () => {
		const { outputs, error } = await sendSms({
			emulator,
			authType: 'basic',
			items: customers(60),
			parameters: { options: { concurrency: 4 } },
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(60);
		expect(emulator.accepted).toHaveLength(60);
		expect(built).toBe(60);
		expect(waiting).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
	});

	it.each([
		['Continue On Fail off', false],
		['Continue On Fail on', true],
	])(
		'beyond them, are built at their turn: never more waiting than those kept plus the parallel requests (%s)',
		async (_label, onFail) => {
			const count = BODIES_KEPT_AHEAD + 60;
			const { outputs, error } = await sendSms({
				emulator,
				authType: 'basic',
				items: customers(count),
				continueOnFail: onFail,
				parameters: { options: { concurrency: 4, maxPerSecond: 1000 } },
			});
			expect(error).toBeUndefined();
			expect(outputs[0]).toHaveLength(count);
			expect(emulator.accepted).toHaveLength(count);
			expect(built).toBe(count);
			expect(Math.max(...waiting)).toBeLessThanOrEqual(BODIES_KEPT_AHEAD + 4);
			expect(Math.max(...waiting.slice(BODIES_KEPT_AHEAD + 4))).toBeLessThan(BODIES_KEPT_AHEAD);
		},
	);

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
		expect(built).toBe(29);
	});
});
