import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sms'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Send an SMS to a phone number',
				action: 'Send an SMS',
			},
			{
				name: 'Send and Wait for Reply',
				value: 'sendAndWait',
				description: 'Send an SMS, then wait until the recipient answers',
				action: 'Send an SMS and wait for reply',
			},
		],
		default: 'send',
	},
	...send.description,
];
