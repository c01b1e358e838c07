import type { INodeProperties } from 'n8n-workflow';

import type { MessageType } from '../../../shared/vocabulary/messageModel';
import { RCS_RULES, SUGGESTION_RULES, WEBHOOK_RULES } from '../../message/rulesV1';

/**
 * The editor fields of what only API v1 has, read from the rules (message/rulesV1.ts): RCS
 * suggestions, the card title, a custom message and the per-message webhook options.
 */

type ShowFor = (types: MessageType[]) => object;

/** Each suggestion type and its own fields, from the rules: "dial (phoneNumber, fallbackUrl?)". */
const SUGGESTION_HELP = Object.entries(SUGGESTION_RULES)
	.map(
		([type, rule]) =>
			`${type}${rule.fields.length > 0 ? ` (${rule.fields.map((f) => `${f.name}${f.required ? '' : '?'}`).join(', ')})` : ''}`,
	)
	.join('; ');

export function rcsContentProperties(showFor: ShowFor): INodeProperties[] {
	return [
		{
			displayName: 'Card Title',
			name: 'cardTitle',
			type: 'string',
			required: true,
			default: '',
			description: `The title of the card, up to ${RCS_RULES.cardTitle.max} characters`,
			...showFor(['card']),
		},
		{
			displayName: 'Suggestions',
			name: 'suggestions',
			type: 'json',
			default: '[]',
			placeholder: '[{"type": "reply", "text": "Yes", "postbackData": "yes"}]',
			description: `Buttons under the message, as a JSON list of {type, text (up to ${RCS_RULES.suggestionText.max} characters), postbackData (what the Inbound Trigger outputs as choice_id when tapped)} plus each type's own fields: ${SUGGESTION_HELP}. Empty list for none.`,
			...showFor(['text', 'card']),
		},
	];
}

export function customProperty(showFor: ShowFor, example: string): INodeProperties {
	return {
		displayName: 'Custom Message',
		name: 'custom',
		type: 'json',
		required: true,
		default: '{}',
		description: `The channel's own message as a JSON object, sent as it is, e.g. ${example}`,
		...showFor(['custom']),
	};
}

export const RCS_TTL: INodeProperties = {
	displayName: 'TTL (Seconds)',
	name: 'ttl',
	type: 'number',
	typeOptions: { minValue: RCS_RULES.ttl.min, maxValue: RCS_RULES.ttl.max },
	default: 600,
	description: `How long Vonage tries to deliver the message, ${RCS_RULES.ttl.min} to ${RCS_RULES.ttl.max} seconds`,
};

/** Per-message webhook options, every channel, API v1 only. */
export const WEBHOOK_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Webhook URL (API V1)',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/status',
		description:
			"Where Vonage sends this message's status events instead of the application's Status URL. An https URL (http only to localhost). API Version v1 only.",
	},
	{
		displayName: 'Webhook Version (API V1)',
		name: 'webhookVersion',
		type: 'options',
		options: WEBHOOK_RULES.versions.map((value) => ({ name: value, value })),
		default: 'v1',
		description:
			"The format of this message's status events, instead of the application's. API Version v1 only.",
	},
];
