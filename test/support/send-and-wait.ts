// Send and Wait for Reply through the engine: an Inbound Trigger listening (and registered on the
// emulator's application), a Vonage Messages node run to its wait with the trigger's origin as the
// instance's base URL, and the waiting execution's resume URL served on that origin (harness/waiting.ts).
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../nodes/VonageMessages/VonageMessages.node';
import { VonageMessagesInboundTrigger } from '../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import type { Emulator } from '../emulator';
import { createTriggerHarness, runNode, type TriggerHarness } from '../harness';
import { resumeRoute, type ResumeRouteOptions } from '../harness/waiting';
import { credentialFor } from './setup';

export const FROM = '447700900001';

export const WAIT_SMS: INodeParameters = {
	resource: 'sms',
	operation: 'sendAndWait',
	from: FROM,
	to: '={{ $json.to }}',
	text: 'Your appointment is tomorrow at 10:00. Reply YES to confirm or NO to cancel.',
};

let executions = 0;

export function useSendAndWait(emulator: Emulator) {
	const open: TriggerHarness[] = [];
	afterEach(async () => {
		for (const t of open.splice(0)) await t.close();
	});
	const credentials = (overrides: IDataObject = {}) => ({
		vonageMessagesApi: credentialFor(emulator, 'jwt', overrides),
	});

	/** The Inbound Trigger, listening and (unless register is false) set as the application's Inbound URL. */
	async function trigger(options: IDataObject = {}, register = true) {
		const t = await createTriggerHarness({
			nodeType: new VonageMessagesInboundTrigger(),
			parameters: { registration: 'automatic', options: options as INodeParameters },
			credentials: credentials(),
			credentialTypes: [new VonageMessagesApi()],
		});
		open.push(t);
		const { url } = await t.listen();
		if (register) await t.create();
		return { t, base: new URL(url).origin };
	}

	/** Runs the node to its wait (or its error) with `base` as the instance URL; serves its resume URL on `t`. */
	async function ask(
		t: TriggerHarness,
		base: string,
		parameters: INodeParameters = {},
		items: IDataObject[] = [{ to: '447700900000' }],
		credential: IDataObject = {},
		continueOnFail = false,
		routeOptions: ResumeRouteOptions = {},
	) {
		const executionId = String(1000 + ++executions);
		const run = await runNode({
			nodeType: new VonageMessages(),
			parameters: { ...WAIT_SMS, ...parameters },
			items,
			credentials: credentials(credential),
			credentialTypes: [new VonageMessagesApi()],
			baseUrl: base,
			executionId,
			continueOnFail,
		});
		const route = resumeRoute(run, routeOptions);
		t.route(`/webhook-waiting/${executionId}/`, route.handler);
		return { run, route };
	}

	return { trigger, ask };
}
