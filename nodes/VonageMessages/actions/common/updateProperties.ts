import type { INodeProperties } from 'n8n-workflow';

import { SEND_OPTIONS } from './sendOptions';

/** The parameters of an operation that acts on one message by its UUID (PATCH /v1/messages/{uuid}). */
export function messageUuidProperty(description: string): INodeProperties {
	return {
		displayName: 'Message UUID',
		name: 'messageUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.message_uuid }}',
		description,
		hint: 'Goes through Messages API v1, whatever API Version a Send uses',
	};
}

/** The request options of such an operation: the send options but the API version (PATCH exists in v1 only). */
export function updateOptionsProperty(): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...SEND_OPTIONS].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
