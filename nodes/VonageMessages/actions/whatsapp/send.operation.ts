import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendProperties } from '../common/fields';
import { sendMessages } from '../../sending/execute';

export const description = sendProperties('whatsapp');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await sendMessages.call(this, 'whatsapp');
}
