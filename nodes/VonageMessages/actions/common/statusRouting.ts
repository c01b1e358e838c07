import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertCredentials } from '../../sending/credentials';
import { apiVersionOf, sendMessages } from '../../sending/execute';
import { answerField, postToThisN8n, sameOrigin } from '../../../shared/api/ownRequest';
import { GROUP_HEADER } from '../../../shared/handover/group';
import { signHandover } from '../../../shared/handover/sign';
import { tagQuery } from '../../../shared/handover/statusTag';
import type { Channel } from '../../../shared/vocabulary/messageModel';
import { triggerUrl } from './triggerUrl';

/**
 * "Status Events to This Workflow Only": a v1 message's own status URL (`webhook_url`, Vonage's node SDK
 * packages/messages MessageParams.webhookUrl: "Specifies the URL to which Status Webhook messages will
 * be sent for this particular message. Over-rides account-level and application-level Status Webhook
 * url settings") set to the application's Status URL, a Status Trigger of this n8n, plus this
 * workflow's id and its tag (shared/handover/statusTag.ts). The Status Trigger of every other workflow
 * then filters these statuses out (shared/webhooks/workflowTag.ts).
 */
const LABEL = 'Status Events to This Workflow Only';

export const STATUS_TO_WORKFLOW_OPTION: INodeProperties = {
	displayName: `${LABEL} (API V1)`,
	name: 'statusToThisWorkflow',
	type: 'boolean',
	default: false,
	description:
		"Whether this message's status events start only the Vonage Message Status Trigger(s) in this workflow, not those of other workflows on the same application. Needs API Version v1 (only v1 takes a per-message status URL), a Signature Secret in the credential, and an active Status Trigger on the application (it registers itself).",
	displayOptions: { show: { '/operation': ['send'] } },
};

function refuse(ctx: IExecuteFunctions, message: string, fix: string, itemIndex?: number) {
	return new NodeOperationError(ctx.getNode(), message, {
		...(itemIndex !== undefined ? { itemIndex } : {}),
		description: `${fix} Nothing was sent.`,
	});
}

const optionsOf = (ctx: IExecuteFunctions, itemIndex: number) =>
	(ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;

/**
 * The `webhook_url` for this run's messages when the option is on (undefined when off): checked and
 * looked up before anything is sent; the Status URL read from Vonage is reused for a while (triggerUrl).
 */
export async function statusWebhookUrl(
	ctx: IExecuteFunctions,
	channel: Channel,
): Promise<string | undefined> {
	const on = optionsOf(ctx, 0).statusToThisWorkflow;
	if (on === undefined || on === null || on === false) return undefined;
	if (on !== true)
		throw refuse(
			ctx,
			`The option '${LABEL}' must be true or false (got ${JSON.stringify(on)})`,
			'Turn the option on or off, or give an expression that results in a boolean.',
		);
	const version = apiVersionOf(ctx, channel);
	if (version !== 'v1')
		throw refuse(
			ctx,
			`The option '${LABEL}' needs API Version v1 (it is ${version})`,
			"Only the Messages API v1 takes a message's own status URL. Set Options > API Version to v1, or remove the option.",
		);
	for (let i = 0; i < ctx.getInputData().length; i++) {
		const own = optionsOf(ctx, i).webhookUrl;
		if (own !== undefined && own !== null && own !== '')
			throw refuse(
				ctx,
				`The options '${LABEL}' and 'Webhook URL' cannot be used together (item ${i})`,
				"Both decide where this message's status events go. Remove one of them.",
				i,
			);
	}
	const credentials = await assertCredentials.call(ctx);
	const missing = ['API Key', 'API Secret', 'Application ID', 'Signature Secret'].filter(
		(_, i) =>
			[
				credentials.apiKey,
				credentials.apiSecret,
				credentials.applicationId,
				credentials.signatureSecret,
			][i] === '',
	);
	if (missing.length > 0)
		throw refuse(
			ctx,
			`The option '${LABEL}' needs ${missing.join(', ')} in the credential`,
			'The node reads the application to find its Status Trigger (API Key, API Secret, Application ID) and tags the status URL with a key derived from the Signature Secret, which the Status Triggers check. Fill them in, or remove the option.',
		);
	const workflowId = String(ctx.getWorkflow().id ?? '');
	if (workflowId === '')
		throw refuse(ctx, `The option '${LABEL}' needs a saved workflow`, 'Save the workflow first.');
	const statusUrl = await triggerUrl(ctx, credentials, 'status_url', ctx.getSignedResumeUrl());
	const own = await ownStatusTrigger(ctx, statusUrl, workflowId, credentials.signatureSecret);
	return `${own}?${tagQuery(credentials.signatureSecret, credentials.applicationId, workflowId)}`;
}

/**
 * This workflow's own Status Trigger URL, asked of the trigger that receives the application's Status
 * URL (it knows every trigger on the application: shared/webhooks/group.ts). The statuses then go
 * straight there: they keep arriving while this workflow is active, whichever trigger receives the
 * application's other events, and take no hand-on inside n8n.
 */
async function ownStatusTrigger(
	ctx: IExecuteFunctions,
	statusUrl: string,
	workflowId: string,
	signatureSecret: string,
): Promise<string> {
	const body = JSON.stringify({ op: 'lookup', workflowId });
	const answer = await postToThisN8n(
		ctx.helpers,
		statusUrl,
		body,
		{ [GROUP_HEADER]: signHandover(body, signatureSecret, Date.now(), 'group') },
		15_000,
	);
	const url = answerField(answer.text, 'url');
	if (answer.status === 200 && typeof url === 'string' && sameOrigin(url, statusUrl)) return url;
	if (answer.status === 404)
		throw refuse(
			ctx,
			`The option '${LABEL}' needs an active Vonage Message Status Trigger in this workflow`,
			'Add a Vonage Message Status Trigger (Registration: Automatic) to this workflow and publish it, or remove the option.',
		);
	throw refuse(
		ctx,
		`The option '${LABEL}' could not ask the application's Status Trigger which trigger is this workflow's (${answer.status !== undefined ? `HTTP ${answer.status}` : 'no answer'})`,
		"Check that the credentials of the Status Triggers on this application have the same Signature Secret as this one, and that n8n's webhook URL (WEBHOOK_URL) reaches this n8n.",
	);
}

/** Send on any channel, with the option above. */
export async function send(
	this: IExecuteFunctions,
	channel: Channel,
): Promise<INodeExecutionData[]> {
	return await sendMessages.call(this, channel, await statusWebhookUrl(this, channel));
}
