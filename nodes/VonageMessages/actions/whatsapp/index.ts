import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common/fields';
import * as markAsRead from './markAsRead.operation';
import * as send from './send.operation';

export { markAsRead, send };

const operation = operationProperty('whatsapp');

export const description: INodeProperties[] = [
	{
		...operation,
		options: [
			...(operation.options ?? []),
			{
				name: 'Mark as Read',
				value: 'markAsRead',
				description: 'Show the sender of an inbound WhatsApp message that you read it (API v1)',
				action: 'Mark a WhatsApp message as read',
			},
		].sort((a, b) => String(a.name).localeCompare(String(b.name))),
	},
	...send.description,
	...markAsRead.description,
];
