import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as messenger from './messenger';
import * as mms from './mms';
import * as rcs from './rcs';
import * as sms from './sms';
import * as viber from './viber';
import * as whatsapp from './whatsapp';
import { sendAndWait } from './common/sendAndWait';
import type { WaitChannel } from '../../shared/handover/messages';

type Operation = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> };

const waitFor = (channel: WaitChannel): Operation => ({
	async execute(this: IExecuteFunctions) {
		return await sendAndWait.call(this, channel);
	},
});

const resources: Record<string, Record<string, Operation>> = {
	sms: { send: sms.send, sendAndWait: waitFor('sms') },
	mms: { send: mms.send },
	whatsapp: {
		send: whatsapp.send,
		sendAndWait: waitFor('whatsapp'),
		markAsRead: whatsapp.markAsRead,
	},
	viber: { send: viber.send, sendAndWait: waitFor('viber') },
	messenger: { send: messenger.send, sendAndWait: waitFor('messenger') },
	rcs: { send: rcs.send, revoke: rcs.revoke },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	// Own properties only: a resource named "constructor" must not reach Object's.
	const operations = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
	const handler =
		operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this)];
}
