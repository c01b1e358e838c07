// What the triggers remember, and when: a request is recorded (token id, duplicate key) only once
// it has been handed to n8n, so Vonage's retry of a request that failed is processed; an option of
// the wrong type stops activation instead of failing every event; a used token stays used at every
// trigger with the same secret; keys are kept in fixed space, unsigned traffic apart.
import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesInboundTrigger } from '../../../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { seenCounts } from '../../../../nodes/shared/webhooks/seenEvents';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';
import { inboundEvent, post, statusEvent, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator({}, { resetBeforeEach: false });
const open: TriggerHarness[] = [];
afterEach(async () => {
	jest.useRealTimers();
	for (const t of open.splice(0)) await t.close();
});

async function trigger(
	nodeType: INodeType,
	options: IDataObject = {},
	more: { credential?: IDataObject; failedStarts?: number } = {},
) {
	const t = await createTriggerHarness({
		nodeType,
		parameters: { registration: 'manual', options: options as INodeParameters },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', more.credential ?? {}) },
		credentialTypes: [new VonageMessagesApi()],
		failedStarts: more.failedStarts,
	});
	open.push(t);
	return { t, url: (await t.listen()).url };
}

const signature = (body: string, claims: IDataObject = {}) =>
	`Bearer ${vonageSignature(body, emulator.credentials.signatureSecret, claims)}`;

describe('an option of the wrong type', () => {
	const cases: Array<[label: string, node: () => INodeType, options: IDataObject, error: RegExp]> =
		[
			[
				'Only To Number as a number',
				() => new VonageMessagesInboundTrigger(),
				{ toNumber: '={{ 447700900001 }}' },
				/^Only To Number must be text, not the number 447700900001/,
			],
			[
				'Only To Number as an object',
				() => new VonageMessagesInboundTrigger(),
				{ toNumber: '={{ { "n": 1 } }}' },
				/^Only To Number must be text, not an object/,
			],
			[
				'Statuses as one text',
				() => new VonageMessagesStatusTrigger(),
				{ statuses: '={{ "delivered" }}' },
				/^Statuses must be a list of texts, such as \["delivered"\], not the text "delivered"/,
			],
			[
				'Ignore Duplicates as text',
				() => new VonageMessagesStatusTrigger(),
				{ ignoreDuplicates: '={{ "false" }}' },
				/^Ignore Duplicates must be true or false, not the text "false"/,
			],
			[
				'Split by Status as a number',
				() => new VonageMessagesStatusTrigger(),
				{ splitByStatus: '={{ 1 }}' },
				/^Split by Status must be true or false, not the number 1/,
			],
		];

	it.each(cases)(
		'stops activation and a test listen, naming the option (%s)',
		async (_label, node, options, error) => {
			const { t } = await trigger(node(), options);
			await expect(t.checkExists()).rejects.toThrow(error);
			await expect(t.listenForTestEvent()).rejects.toThrow(error);
		},
	);

	it('fails a request before recording it, so the same request is processed once the option is fixed', async () => {
		const broken = await trigger(new VonageMessagesInboundTrigger(), {
			toNumber: '={{ 447700900001 }}',
		});
		const body = JSON.stringify(inboundEvent());
		const auth = signature(body);
		expect((await post(broken.url, body, auth)).status).toBe(500);
		expect(broken.t.errors.map((e) => e.message)).toEqual([
			expect.stringMatching(/^Only To Number must be text/),
		]);
		// Vonage retries the request as it was (same token); the workflow now has a usable option.
		const fixed = await trigger(new VonageMessagesInboundTrigger(), { toNumber: '' });
		const retry = await post(fixed.url, body, auth);
		expect([retry.status, retry.body]).toEqual([200, '']);
		expect(fixed.t.executions).toHaveLength(1);
	});
});

describe('recording once the event is handed to n8n', () => {
	it('processes the retry of a request n8n could not start an execution for (answered 500)', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger(), {}, { failedStarts: 1 });
		const body = JSON.stringify(statusEvent());
		const auth = signature(body);
		expect((await post(url, body, auth)).status).toBe(500);
		expect(t.executions).toHaveLength(0);
		expect((await post(url, body, auth)).status).toBe(200); // Vonage's retry, not signed again
		expect((await post(url, body, signature(body))).status).toBe(200); // and a re-signed one
		expect(t.executions).toHaveLength(1);
	});

	it('records the token of a filtered-out request (answered 200, nothing to retry)', async () => {
		const status = await trigger(new VonageMessagesStatusTrigger(), { statuses: ['read'] });
		const other = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent({ status: 'delivered' }));
		const auth = signature(body);
		expect(JSON.parse((await post(status.url, body, auth)).body)).toEqual({
			status: 'ignored',
			reason: 'status "delivered" is not selected',
		});
		expect(JSON.parse((await post(other.url, body, auth)).body)).toEqual({
			status: 'ignored',
			reason: 'token already used',
		});
		expect(other.t.executions).toHaveLength(0);
	});
});

describe('a used token, at every trigger with the same secret', () => {
	it('starts nothing when replayed at a trigger with a longer Max Signature Age after the first one would refuse it', async () => {
		const strict = await trigger(new VonageMessagesStatusTrigger(), { maxAgeSeconds: 10 });
		const lenient = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent());
		const auth = signature(body, { iat: Math.floor(Date.now() / 1000) - 9 });
		expect((await post(strict.url, body, auth)).status).toBe(200);
		expect(strict.t.executions).toHaveLength(1);
		// 72 s later by the clock (only Date is faked; the first trigger would refuse the token now).
		jest.useFakeTimers({
			doNotFake: [
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'setImmediate',
				'clearImmediate',
				'nextTick',
				'queueMicrotask',
				'hrtime',
				'performance',
			],
		});
		jest.setSystemTime(Date.now() + 72_000);
		expect((await post(strict.url, body, auth)).status).toBe(401);
		const replay = await post(lenient.url, body, auth);
		expect(JSON.parse(replay.body)).toEqual({ status: 'ignored', reason: 'token already used' });
		expect(lenient.t.executions).toHaveLength(0);
	});
});

describe('duplicate keys', () => {
	it('catches a re-signed retry of an event whose message_uuid is 2 MB long', async () => {
		const { t, url } = await trigger(new VonageMessagesStatusTrigger());
		const body = JSON.stringify(statusEvent({ message_uuid: randomUUID().padEnd(2_000_000, 'x') }));
		for (let i = 0; i < 2; i++) expect((await post(url, body, signature(body))).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	it('keeps the keys of triggers without a signature secret apart from signed ones', async () => {
		const unsigned = await trigger(
			new VonageMessagesStatusTrigger(),
			{},
			{ credential: { signatureSecret: '' } },
		);
		const before = seenCounts();
		for (let i = 0; i < 20; i++)
			expect((await post(unsigned.url, JSON.stringify(statusEvent()))).status).toBe(200);
		const after = seenCounts();
		expect([after.signed - before.signed, after.unsigned - before.unsigned]).toEqual([0, 20]);
	});
});
