import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_AGE_SECONDS, MAX_AGE_RANGE } from './signature';

/** The Registration parameter and its help, shared by both triggers. `where` names the Dashboard field. */
export function registrationProperties(where: string): INodeProperties[] {
	return [
		{
			displayName: 'Registration',
			name: 'registration',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Automatic',
					value: 'automatic',
					description: `Activating the workflow sets the application's ${where} to this trigger; deactivating puts the old one back`,
				},
				{
					name: 'Manual',
					value: 'manual',
					description:
						'Nothing is changed at Vonage; you paste the URL into the Dashboard yourself',
				},
			],
			default: 'automatic',
			description: 'How Vonage learns where to send the events',
		},
		{
			displayName: `Copy the Production URL above (Webhook URLs) into Vonage Dashboard > Applications > your application > Capabilities > Messages > ${where}, method POST. Use the Test URL there only while you listen for a test event.`,
			name: 'manualNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { registration: ['manual'] } },
		},
		{
			displayName:
				'Automatic registration uses the API Key, API Secret and Application ID of the credential. Events are checked against the Signature Secret of the credential; without one, any request to this URL starts the workflow.',
			name: 'automaticNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { registration: ['automatic'] } },
		},
	];
}

export const maxAgeOption: INodeProperties = {
	displayName: 'Max Signature Age (Seconds)',
	name: 'maxAgeSeconds',
	type: 'number',
	typeOptions: { minValue: MAX_AGE_RANGE.min, maxValue: MAX_AGE_RANGE.max },
	default: DEFAULT_MAX_AGE_SECONDS,
	description:
		"Signed events older than this are refused. The default, 25 hours, covers Vonage's retries (for 24 hours); a token already received starts nothing again. Only applies when the credential has a Signature Secret.",
};

export const ignoreDuplicatesOption = (what: string): INodeProperties => ({
	displayName: 'Ignore Duplicates',
	name: 'ignoreDuplicates',
	type: 'boolean',
	default: true,
	description: `Whether to start no execution for ${what} this trigger has already seen. Vonage resends an event when an answer is slow or fails, so the same event can arrive twice.`,
});
