import type { INodeProperties } from 'n8n-workflow';

import * as revoke from './revoke.operation';

export { revoke };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rcs'] } },
		options: [
			{
				name: 'Revoke',
				value: 'revoke',
				description: 'Withdraw an RCS message you sent that has not been delivered yet (API v1)',
				action: 'Revoke an RCS message',
			},
		],
		default: 'revoke',
	},
	...revoke.description,
];
