import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { channelsOption } from '../shared/webhooks/channelFilter';
import {
	KEYWORDS_OPTION,
	hasKeywords,
	keywordEntriesOf,
	keywordMatch,
	keywordsOption,
} from '../shared/webhooks/keywordFilter';
import { answerHandover, isHandover, resumeWaitingReply } from '../shared/webhooks/waitHandover';
import { registrationMethods } from '../shared/registration/registration';
import {
	acceptEvent,
	type TriggerOptions,
	type TriggerSpec,
} from '../shared/webhooks/triggerEvent';
import {
	COMMON_OPTION_RULES,
	checkedWebhookMethods,
	type OptionRules,
} from '../shared/webhooks/triggerOptions';
import {
	ignoreDuplicatesOption,
	maxAgeOption,
	registrationProperties,
} from '../shared/webhooks/triggerProperties';
import { comparableAddress, inboundDuplicateKey, inboundOutput } from '../shared/webhooks/events';
import { testVonageCredential } from '../shared/api/credentialTest';

interface InboundOptions extends TriggerOptions {
	toNumber?: string;
	keywords?: string;
	startForWaitReplies?: boolean;
}

const OPTION_RULES: OptionRules = {
	...COMMON_OPTION_RULES,
	toNumber: { label: 'Only To Number', kind: 'text' },
	keywords: { label: KEYWORDS_OPTION, kind: 'keywords' },
	startForWaitReplies: { label: 'Start for Replies That Resume a Wait', kind: 'yes/no' },
};

/** Whether the Keywords option is set (the group offers such a trigger each message first). */
function hasKeywordsOption(ctx: IHookFunctions): boolean {
	try {
		return hasKeywords(ctx.getNodeParameter('options', {}) as IDataObject);
	} catch {
		return false; // an unusable value is refused by the option checks, with its own message
	}
}

const INBOUND_TRIGGER: TriggerSpec<InboundOptions> = {
	options: OPTION_RULES,
	read(event, options) {
		const json = inboundOutput(event);
		const wanted = comparableAddress(options.toNumber ?? '');
		const to = comparableAddress(String(json.recipient ?? ''));
		const duplicateKey = inboundDuplicateKey(event);
		if (wanted !== '' && to !== wanted)
			return { json, duplicateKey, filteredOut: `sent to ${to || 'no recipient'}, not ${wanted}` };
		const keywords = keywordEntriesOf(options.keywords);
		if (keywords.length === 0) return { json, duplicateKey };
		const match = keywordMatch(json.text, keywords);
		if ('refusal' in match) return { json, duplicateKey, filteredOut: match.refusal };
		return { json: { ...json, keyword: match.keyword.written }, duplicateKey };
	},
	output: (json) => [[{ json }]],
	// A reply a waiting "Send and Wait for Reply" execution takes resumes it and, unless the option says
	// otherwise, starts nothing here; one whose execution is not ready yet comes again later.
	async divert(ctx, json, options) {
		const outcome = await resumeWaitingReply(ctx, json);
		if (outcome === 'later')
			return { reason: 'The waiting execution is not ready for this reply yet', later: true };
		return outcome === 'resumed' && !options.startForWaitReplies
			? { reason: 'resumed a waiting Send and Wait for Reply execution' }
			: undefined;
	},
};

export class VonageMessagesInboundTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vonage Inbound Message Trigger',
		name: 'vonageMessagesInboundTrigger',
		icon: {
			light: 'file:../VonageMessages/vonage.svg',
			dark: 'file:../VonageMessages/vonage.dark.svg',
		},
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an extra expression on every request to a version-1 webhook node
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["options"]["toNumber"] ? "To " + $parameter["options"]["toNumber"] : "Inbound message" }}',
		description:
			'Starts the workflow when a customer sends an SMS, MMS, WhatsApp, Viber or Messenger message to your Vonage application',
		defaults: { name: 'Vonage Inbound Message Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vonageMessagesApi', required: true, testedBy: 'vonageMessagesApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'inbound',
			},
		],
		properties: [
			...registrationProperties('Inbound URL'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					channelsOption('messages'),
					ignoreDuplicatesOption('a message'),
					keywordsOption,
					maxAgeOption,
					{
						displayName: 'Only To Number',
						name: 'toNumber',
						type: 'string',
						default: '',
						placeholder: '447700900001',
						description:
							"Start the workflow only for messages sent to this number (or ID) of yours, when several are linked to the application. Compared with the event's recipient in either webhook format; spaces, + and 00 are ignored.",
					},
					{
						displayName: 'Start for Replies That Resume a Wait',
						name: 'startForWaitReplies',
						type: 'boolean',
						default: false,
						description:
							"Whether a reply that resumed a Vonage Messages 'Send and Wait for Reply' execution also starts this workflow. Off: it only resumes the waiting execution.",
					},
				],
			},
		],
	};

	methods = { credentialTest: { vonageMessagesApiTest: testVonageCredential } };

	webhookMethods = {
		default: checkedWebhookMethods(
			registrationMethods('inbound_url', { keywords: hasKeywordsOption }),
			OPTION_RULES,
		),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (isHandover(this)) return await answerHandover(this);
		return await acceptEvent(this, INBOUND_TRIGGER);
	}
}
