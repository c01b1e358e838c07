import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { updateMessages } from '../../sending/updateMessage';
import { messageUuidProperty, updateOptionsProperty } from '../common/updateProperties';

const properties: INodeProperties[] = [
	messageUuidProperty(
		'The message_uuid Vonage gave the RCS message when it was sent (the Send output or the Status Trigger)',
	),
	updateOptionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['rcs'], operation: ['revoke'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await updateMessages.call(this, {
		status: 'revoked',
		label: 'Revoke',
		requirement:
			'Only an RCS message you sent that has not been delivered yet can be revoked; a delivered message, or one on another channel, cannot.',
	});
}
