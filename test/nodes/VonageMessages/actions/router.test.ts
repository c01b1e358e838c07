// The router looks up the operation by own property only: an operation named after an
// Object.prototype member is unsupported, not a call into Object. (n8n itself refuses an unknown
// resource before the node runs: its Operation parameter is not shown for it.)
import { useEmulator } from '../../../support/emulator-fixture';
import { customers, sendSms } from '../../../support/setup';

const emulator = useEmulator();

it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
	'operation %p is refused as unsupported and sends nothing',
	async (operation) => {
		const result = await sendSms({
			emulator,
			authType: 'basic',
			items: customers(1),
			parameters: { operation },
		});
		expect(result.error?.message).toBe(`The operation "${operation}" on "sms" is not supported`);
		expect(emulator.requests).toHaveLength(0);
	},
);
