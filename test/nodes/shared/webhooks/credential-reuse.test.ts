// The triggers reuse the credential they read for a few seconds (reading it is the dearest step of
// an event in n8n 2.x). An edited credential must still apply to the next event: each harness below
// saves its credential under the same id ("cred-1"), so a second harness is the same credential
// after an edit, while the trigger still holds the first version.
import type { IDataObject } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import {
	createTriggerHarness,
	HarnessCredentialsHelper,
	type TriggerHarness,
} from '../../../harness';
import {
	CREDENTIAL_REUSE_MS,
	credentialsHeld,
} from '../../../../nodes/shared/webhooks/webhookCredentials';
import { credentialFor } from '../../../support/setup';
import { post, statusEvent, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator({}, { resetBeforeEach: false });
const open: TriggerHarness[] = [];
afterEach(async () => {
	jest.restoreAllMocks();
	jest.useRealTimers();
	for (const t of open.splice(0)) await t.close();
});

/** Only the clock is faked (frozen, then moved by hand); real timers keep HTTP going. */
const REAL_TIMERS = [
	'setImmediate',
	'clearImmediate',
	'nextTick',
	'queueMicrotask',
	'hrtime',
	'performance',
] as const;

async function listening(credential: IDataObject, registration = 'manual') {
	const t = await createTriggerHarness({
		nodeType: new VonageMessagesStatusTrigger(),
		parameters: { registration, options: {} },
		credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
		credentialTypes: [new VonageMessagesApi()],
	});
	open.push(t);
	return { t, url: (await t.listen()).url };
}

async function send(url: string, secret?: string) {
	const body = JSON.stringify(statusEvent());
	return (await post(url, body, secret ? `Bearer ${vonageSignature(body, secret)}` : undefined))
		.status;
}

/** Counts the credential reads (decryptions) n8n makes for the triggers. */
const countReads = () => jest.spyOn(HarnessCredentialsHelper.prototype, 'getDecrypted');

/** Moves the clock (and its timers) past the holding window. */
async function windowPasses() {
	jest.advanceTimersByTime(CREDENTIAL_REUSE_MS + 1);
	for (let i = 0; i < 3; i++) await Promise.resolve();
}

const OLD = 'the-old-signature-secret-0123456789';
const NEW = 'the-new-signature-secret-9876543210';

describe('a trigger that reuses its credential', () => {
	it('checks against a changed signature secret from the next event on', async () => {
		const before = await listening({ signatureSecret: OLD });
		expect(await send(before.url, OLD)).toBe(200);
		const after = await listening({ signatureSecret: NEW });
		expect(await send(after.url, NEW)).toBe(200);
		expect(await send(after.url, 'a-wrong-signature-secret-000000000')).toBe(401);
		expect(after.t.executions).toHaveLength(1);
	});

	it('accepts signed events from the next event on once the secret is removed', async () => {
		const before = await listening({ signatureSecret: OLD });
		expect(await send(before.url, OLD)).toBe(200);
		const after = await listening({ signatureSecret: '' });
		expect(await send(after.url, NEW)).toBe(200);
		expect(after.t.executions).toHaveLength(1);
	});

	it('answers unsigned events 503 (Vonage retries) while the removed secret is held, then accepts them', async () => {
		jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], advanceTimers: true });
		const before = await listening({ signatureSecret: OLD });
		expect(await send(before.url, OLD)).toBe(200);
		const after = await listening({ signatureSecret: '' });
		expect(await send(after.url)).toBe(503);
		await windowPasses();
		expect(await send(after.url)).toBe(200);
		expect(after.t.executions).toHaveLength(1);
	});

	it('refuses unsigned events from the next event on once a secret is added', async () => {
		const before = await listening({ signatureSecret: '' });
		expect(await send(before.url)).toBe(200);
		const after = await listening({ signatureSecret: NEW });
		expect(await send(after.url)).not.toBe(200);
		expect(await send(after.url, NEW)).toBe(200);
		expect(after.t.executions).toHaveLength(1);
	});
});

describe('the credential a trigger holds', () => {
	it('is dropped when its window has passed, without waiting for another request', async () => {
		jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], advanceTimers: true });
		const { url } = await listening({ signatureSecret: OLD });
		expect(await send(url, OLD)).toBe(200);
		expect(credentialsHeld()).toBe(1);
		await windowPasses();
		expect(credentialsHeld()).toBe(0);
	});

	it('is dropped when the workflow is deactivated', async () => {
		const { t, url } = await listening({ signatureSecret: OLD });
		expect(await send(url, OLD)).toBe(200);
		expect(credentialsHeld()).toBe(1);
		expect(await t.delete()).toBe(true);
		expect(credentialsHeld()).toBe(0);
	});

	it('is read once for 30 requests without a token (each answered 503)', async () => {
		jest.useFakeTimers({ doNotFake: [...REAL_TIMERS, 'setTimeout', 'clearTimeout'] });
		const { t, url } = await listening({ signatureSecret: OLD });
		const reads = countReads();
		for (let i = 0; i < 30; i++) expect(await send(url)).toBe(503);
		expect(reads).toHaveBeenCalledTimes(1);
		expect(t.executions).toHaveLength(0);
	});

	it('is read again at most once per window for 30 forged requests (each answered 401)', async () => {
		jest.useFakeTimers({ doNotFake: [...REAL_TIMERS, 'setTimeout', 'clearTimeout'] });
		const { t, url } = await listening({ signatureSecret: OLD });
		const reads = countReads();
		for (let i = 0; i < 30; i++)
			expect(await send(url, 'a-forged-signature-secret-00000000')).toBe(401);
		expect(reads).toHaveBeenCalledTimes(2);
		expect(await send(url, OLD)).toBe(200); // the genuine secret still passes, from what is held
		expect(reads).toHaveBeenCalledTimes(2);
		expect(t.executions).toHaveLength(1);
	});
});
