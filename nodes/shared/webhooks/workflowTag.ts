import type { IWebhookFunctions } from 'n8n-workflow';

import { taggedWorkflow, WORKFLOW_PARAM } from '../handover/statusTag';
import { webhookCredentials } from './webhookCredentials';

/**
 * "Status Events to This Workflow Only" on the Status Trigger's side: a status whose query names a
 * workflow (`n8n_workflow`, appended by the sending node to the message's `webhook_url`; a forwarded
 * event carries Vonage's original query) starts only the Status Trigger(s) of that workflow. With a
 * Signature Secret in the trigger's credential the tag must verify (shared/handover/statusTag.ts);
 * without one the workflow id is compared as it is. Why the event starts nothing, or undefined.
 */
export async function otherWorkflowRefusal(ctx: IWebhookFunctions): Promise<string | undefined> {
	const query: unknown = ctx.getQueryData();
	if (typeof query !== 'object' || query === null || !Object.hasOwn(query, WORKFLOW_PARAM))
		return undefined;
	const { signatureSecret, applicationId } = await webhookCredentials(ctx);
	let named: unknown = (query as Record<string, unknown>)[WORKFLOW_PARAM];
	if (signatureSecret) {
		const tagged = taggedWorkflow(query, signatureSecret, applicationId ?? '');
		if (tagged === 'invalid' || tagged === undefined) return 'status tag does not verify';
		named = tagged.workflowId;
	}
	return named === String(ctx.getWorkflow().id ?? '')
		? undefined
		: 'status of a message sent by another workflow';
}
