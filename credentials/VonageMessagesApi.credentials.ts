import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { assertCredentialTarget, authorizationHeader } from '../nodes/shared/api/auth';
import { readCredentials } from '../nodes/shared/api/credentials';

export class VonageMessagesApi implements ICredentialType {
	name = 'vonageMessagesApi';

	displayName = 'Vonage Messages API';

	icon = {
		light: 'file:../nodes/VonageMessages/vonage.svg',
		dark: 'file:../nodes/VonageMessages/vonage.dark.svg',
	} as const;

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
			description:
				'The content of the private.key file Vonage gave you when you created the application',
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
		// For this credential used in n8n's HTTP Request node: the credential's own authentication. Our nodes
		// state theirs per API client and set the header themselves (nodes/shared/api/requestAuth.ts).
		// Nothing secret leaves unless the request goes over https, or plain http to a loopback host.
		assertCredentialTarget(`${requestOptions.baseURL ?? ''}${requestOptions.url}`);
		const header = authorizationHeader(readCredentials(credentials));
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: header } };
	}

	// Test: no declarative request here; the nodes' `testedBy` (nodes/shared/api/credentialTest.ts) decides by HTTP status.
}
