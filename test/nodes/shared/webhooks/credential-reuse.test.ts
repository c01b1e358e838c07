// The triggers reuse the credential they read for a few seconds (reading it is the dearest step of
// an event in n8n 2.x). An edited credential must still apply to the next event: each harness below
// saves its credential under the same id ("cred-1"), so a second harness is the same credential
// after an edit, while the trigger still holds the first version.
import type { IDataObject } from 'n8n-workflow';

import { VonageMessagesApi } from '../../../../credentials/VonageMessagesApi.credentials';
import { VonageMessagesStatusTrigger } from '../../../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { useEmulator } from '../../../support/emulator-fixture';
import { createTriggerHarness, type TriggerHarness } from '../../../harness';
import { credentialFor } from '../../../support/setup';
import { post, statusEvent, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator({}, { resetBeforeEach: false });
const open: TriggerHarness[] = [];
afterEach(async () => {
	for (const t of open.splice(0)) await t.close();
});

async function listening(credential: IDataObject) {
	const t = await createTriggerHarness({
		nodeType: new VonageMessagesStatusTrigger(),
		parameters: { registration: 'manual', options: {} },
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

	it('accepts unsigned events from the next event on once the secret is removed', async () => {
		const before = await listening({ signatureSecret: OLD });
		expect(await send(before.url, OLD)).toBe(200);
		const after = await listening({ signatureSecret: '' });
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
