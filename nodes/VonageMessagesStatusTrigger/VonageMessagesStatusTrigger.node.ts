import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { channelsOption } from '../shared/webhooks/channelFilter';
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
import { statusDuplicateKey, statusOutput } from '../shared/webhooks/events';
import { routed, STATUSES } from './status';
import { otherWorkflowRefusal } from '../shared/webhooks/workflowTag';
import { testVonageCredential } from '../shared/api/credentialTest';

interface StatusOptions extends TriggerOptions {
	statuses?: string[];
	splitByStatus?: boolean;
}

const OPTION_RULES: OptionRules = {
	...COMMON_OPTION_RULES,
	statuses: { label: 'Statuses', kind: 'list of texts' },
	splitByStatus: { label: 'Split by Status', kind: 'yes/no' },
};

const STATUS_TRIGGER: TriggerSpec<StatusOptions> = {
	options: OPTION_RULES,
	read(event, options) {
		const json = statusOutput(event);
		const statuses = options.statuses ?? [];
		const unselected = statuses.length > 0 && !statuses.includes(json.status as string);
		return {
			json,
			duplicateKey: statusDuplicateKey(event),
			filteredOut: unselected ? `status "${String(json.status)}" is not selected` : undefined,
		};
	},
	output: (json, options) => routed({ json }, json.status, options.splitByStatus === true),
	filter: otherWorkflowRefusal,
};

export class VonageMessagesStatusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vonage Message Status Trigger',
		name: 'vonageMessagesStatusTrigger',
		icon: {
			light: 'file:../VonageMessages/vonage.svg',
			dark: 'file:../VonageMessages/vonage.dark.svg',
		},
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates an extra expression on every request to a version-1 webhook node
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["options"]["splitByStatus"] ? "Split by status" : "Message status" }}',
		description:
			'Starts the workflow when Vonage reports the status of a message you sent: submitted, delivered, read, rejected or undeliverable (webhook format v0.1 or v1)',
		defaults: { name: 'Vonage Message Status Trigger' },
		inputs: [],
		// With Split by Status: the outputs of BRANCH_NAMES (./status.ts), in that order.
		outputs: `={{ $parameter.options && $parameter.options.splitByStatus ? [{ type: "main", displayName: "Submitted" }, { type: "main", displayName: "Delivered" }, { type: "main", displayName: "Read" }, { type: "main", displayName: "Failed" }, { type: "main", displayName: "Other" }] : [{ type: "main" }] }}`,
		credentials: [{ name: 'vonageMessagesApi', required: true, testedBy: 'vonageMessagesApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'status',
			},
		],
		properties: [
			...registrationProperties('Status URL'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					channelsOption('statuses of messages'),
					ignoreDuplicatesOption('a status of a message'),
					maxAgeOption,
					{
						displayName: 'Split by Status',
						name: 'splitByStatus',
						type: 'boolean',
						default: false,
						description:
							'Whether to give the node five outputs, Submitted, Delivered, Read, Failed (rejected or undeliverable) and Other (a status Vonage may add later, or none), so you can branch on delivery without an extra node',
					},
					{
						displayName: 'Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: STATUSES.map((status) => ({
							name: status[0].toUpperCase() + status.slice(1),
							value: status,
						})),
						default: [],
						description: 'Start the workflow only for these statuses. Empty means all.',
					},
				],
			},
		],
	};

	methods = { credentialTest: { vonageMessagesApiTest: testVonageCredential } };

	webhookMethods = {
		default: checkedWebhookMethods(registrationMethods('status_url'), OPTION_RULES),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await acceptEvent(this, STATUS_TRIGGER);
	}
}
