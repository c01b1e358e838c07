// "Status Events to This Workflow Only" through the engine: a Status Trigger listening (and registered on
// the emulator's application), and a Send run with the trigger's origin as the instance's base URL, so
// that the application's Status URL is a production trigger URL of "this n8n".
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../nodes/VonageMessages/VonageMessages.node';
import { VonageMessagesStatusTrigger } from '../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { tagQuery } from '../../nodes/shared/handover/statusTag';
import type { Emulator } from '../emulator';
import { createTriggerHarness, runNode, type TriggerHarness } from '../harness';
import { WORKFLOW_ID } from '../harness/workflow';
import { ADDRESSES, type Resource } from './channels';
import { credentialFor } from './setup';

/** What each channel needs besides its addresses for a text message. */
const CONTENT: Partial<Record<Resource, INodeParameters>> = {
	sms: { text: 'Hi' },
	whatsapp: { messageType: 'text', text: 'Hi' },
	rcs: { messageType: 'text', text: 'Hi' },
};

export function useStatusRouting(emulator: Emulator) {
	const open: TriggerHarness[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});

	/** A Status Trigger listening, set as the application's Status URL unless `register` is false. */
	async function statusTrigger(credential: IDataObject = {}, register = true, workflowId?: string) {
		const t = await createTriggerHarness({
			workflowId,
			nodeType: new VonageMessagesStatusTrigger(),
			parameters: { registration: 'automatic', options: {} },
			credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
			credentialTypes: [new VonageMessagesApi()],
		});
		open.push(t);
		const { url } = await t.listen();
		if (register) await t.create();
		return { t, url, base: new URL(url).origin };
	}

	/** Runs Send on `resource` (one item) with `options`, on an instance at `base`. */
	async function send(
		base: string,
		options: IDataObject,
		{ resource = 'sms', credential = {} }: { resource?: Resource; credential?: IDataObject } = {},
	) {
		return await runNode({
			nodeType: new VonageMessages(),
			parameters: {
				resource,
				operation: 'send',
				...ADDRESSES[resource],
				...CONTENT[resource],
				options: options as INodeParameters,
			},
			items: [{}],
			credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt', credential) },
			credentialTypes: [new VonageMessagesApi()],
			baseUrl: base,
		});
	}

	/** The query a message of `workflowId` carries (the harness's workflow unless named). */
	const tagged = (workflowId = WORKFLOW_ID, secret = emulator.credentials.signatureSecret) =>
		tagQuery(secret, emulator.credentials.applicationId, workflowId);

	return { statusTrigger, send, tagged };
}
