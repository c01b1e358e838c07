import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../nodes/VonageMessages/VonageMessages.node';
import type { Emulator } from '../emulator';
import { runNode } from '../harness';
import { credentialFor, type AuthType } from './setup';

export type Resource = 'sms' | 'mms' | 'whatsapp' | 'viber' | 'messenger' | 'rcs';

/** Sender and recipient that each channel takes (Viber: a service ID; Messenger: IDs). */
export const ADDRESSES: Record<Resource, { from: string; to: string }> = {
	sms: { from: '447700900001', to: '447700900000' },
	mms: { from: '12345', to: '12015550124' },
	whatsapp: { from: '447700900001', to: '447700900000' },
	viber: { from: '654321', to: '447700900000' },
	messenger: { from: '107083064136738', to: '5473848892683926' },
	rcs: { from: 'Vonage', to: '447700900000' },
};

/** Runs the Vonage Messages node on any channel through n8n's engine against the emulator. */
export async function sendOn(options: {
	emulator: Emulator;
	resource: Resource;
	authType?: AuthType;
	items?: IDataObject[];
	parameters?: INodeParameters;
	continueOnFail?: boolean;
}) {
	return await runNode({
		nodeType: new VonageMessages(),
		parameters: {
			resource: options.resource,
			operation: 'send',
			...ADDRESSES[options.resource],
			...(options.parameters ?? {}),
		},
		items: options.items ?? [{}],
		credentials: { vonageMessagesApi: credentialFor(options.emulator, options.authType ?? 'jwt') },
		credentialTypes: [new VonageMessagesApi()],
		continueOnFail: options.continueOnFail,
	});
}
