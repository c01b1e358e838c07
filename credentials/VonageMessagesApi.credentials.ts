import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authorizationHeader, readCredentials, requiresBasicAuth } from '../nodes/shared/auth';

export class VonageMessagesApi implements ICredentialType {
	name = 'vonageMessagesApi';

	displayName = 'Vonage Messages API';

	icon = { light: 'file:../nodes/VonageMessages/vonage.svg', dark: 'file:../nodes/VonageMessages/vonage.dark.svg' } as const;

	documentationUrl = 'https://developer.vonage.com/en/messages/technical-details';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'JWT (Application ID + Private Key)',
					value: 'jwt',
					description: 'Recommended. Status webhooks go to your Vonage application.',
				},
				{
					name: 'Basic (API Key + Secret)',
					value: 'basic',
					description: 'Quickest to set up; Vonage sends status webhooks to the account-level URL',
				},
			],
			default: 'jwt',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: 'Top of the Vonage API Dashboard. Also needed with JWT for the triggers to register their webhook URLs.',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			placeholder: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
			hint: 'Dashboard > Applications. Needed for JWT and for the triggers.',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: 'Paste the whole private.key file here',
			description: 'The content of the private.key file Vonage gave you when you created the application',
			displayOptions: { show: { authType: ['jwt'] } },
		},
		{
			displayName: 'Signature Secret',
			name: 'signatureSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Dashboard > API Settings > Signature secret. The triggers use it to reject webhooks that Vonage did not sign. Without it, anyone who knows the webhook URL can start your workflow.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.nexmo.com',
			description:
				'https://api.nexmo.com, a regional host such as https://api-eu.vonage.com or https://api-us.vonage.com, or the local emulator (http://127.0.0.1:3999)',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const header = authorizationHeader(readCredentials(credentials), requiresBasicAuth(requestOptions.url));
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: header } };
	}

	// Vonage checks credentials before it reads the body: an empty message gets a 401 problem
	// ("title": "Unauthorized") when they are wrong and 400/422 when they are right; nothing is sent.
	// n8n hands the rules the response body, so they match on the problem's title.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.nexmo.com").replace(/\\/+$/, "") }}',
			url: '/v0.1/messages',
			method: 'POST',
			body: {},
			json: true,
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'title',
					value: 'Unauthorized',
					message:
						'Vonage rejected these credentials (401). Check the API key and secret, or the application ID and private key.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'title',
					value: 'Not Found',
					message: 'No Vonage Messages API at this Base URL (404). Check the Base URL.',
				},
			},
		],
	};
}
