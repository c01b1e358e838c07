import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common/fields';
import * as revoke from './revoke.operation';
import * as send from './send.operation';

export { revoke, send };

const operation = operationProperty('rcs');

export const description: INodeProperties[] = [
	{
		...operation,
		options: [
			...(operation.options ?? []),
			{
				name: 'Revoke',
				value: 'revoke',
				description: 'Withdraw an RCS message you sent that has not been delivered yet (API v1)',
				action: 'Revoke an RCS message',
			},
		].sort((a, b) => String(a.name).localeCompare(String(b.name))),
	},
	...send.description,
	...revoke.description,
];
