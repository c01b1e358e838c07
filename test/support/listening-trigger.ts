import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import type { Emulator } from '../emulator';
import { createTriggerHarness, type TriggerHarness } from '../harness';
import { credentialFor } from './setup';

/**
 * A trigger listening over real HTTP with automatic registration and the emulator's JWT credential,
 * closed after each test. `register` also runs the activation's create() (the application's URL).
 */
export function useListeningTriggers(emulator: Emulator, { register = false } = {}) {
	const open: TriggerHarness[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});
	return async function listening(nodeType: INodeType, options: IDataObject = {}) {
		const t = await createTriggerHarness({
			nodeType,
			parameters: { registration: 'automatic', options: options as INodeParameters },
			credentials: { vonageMessagesApi: credentialFor(emulator, 'jwt') },
			credentialTypes: [new VonageMessagesApi()],
		});
		open.push(t);
		const { url } = await t.listen();
		if (register) await t.create();
		return { t, url };
	};
}
