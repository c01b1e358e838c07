import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendProperties } from '../message/fields';
import { sendMessages } from '../message/execute';

export const description = sendProperties('mms');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendMessages.call(this, 'mms');
}
