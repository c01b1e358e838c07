import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendMessages } from '../message/execute';
import { withApiVersion } from '../message/shared';
import { sendDescription } from './send.description';

export const description = withApiVersion(sendDescription);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendMessages.call(this, 'sms');
}
