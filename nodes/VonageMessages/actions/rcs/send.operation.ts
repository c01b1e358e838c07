import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendProperties } from '../common/fields';
import { send } from '../common/statusRouting';

/** RCS exists only in API v1: with no API Version option it sends through v1; v0.1 is refused. */
export const description = sendProperties('rcs');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await send.call(this, 'rcs');
}
