import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendProperties } from '../common/fields';
import { send } from '../common/statusRouting';

export const description = sendProperties('messenger');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await send.call(this, 'messenger');
}
