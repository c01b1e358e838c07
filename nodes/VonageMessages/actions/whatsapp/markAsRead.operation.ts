import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateMessages } from '../../sending/updateMessage';
import { messageUuidProperty, updateOptionsProperty } from '../common/updateProperties';

const properties: INodeProperties[] = [
	messageUuidProperty(
		'The message_uuid of the inbound WhatsApp message to mark as read, e.g. from the Inbound Trigger',
	),
	updateOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsapp'], operation: ['markAsRead'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await updateMessages.call(this, {
		status: 'read',
		label: 'Mark as Read',
		requirement:
			'Only a message a WhatsApp user sent to you (inbound) can be marked as read; messages you sent, and other channels, cannot.',
	});
}
