import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * "Status Events to This Workflow Only": the query a sending workflow appends to the application's
 * Status URL in a message's `webhook_url`, so that its status events start only the Status Trigger(s)
 * of that workflow. `n8n_tag` proves that someone holding the Signature Secret chose the workflow.
 */
export const WORKFLOW_PARAM = 'n8n_workflow';
export const TAG_PARAM = 'n8n_tag';

/** Separates the tag key from every other use of the Signature Secret (sign.ts has its own label). */
const DERIVATION_LABEL = 'vonage-n8n-status-tag-v1';

/** Longer workflow ids than this are not n8n's (they are 16 characters today). */
const MAX_WORKFLOW_ID = 128;

const TAG_PATTERN = /^[0-9a-f]{32}$/;

function tagBytes(signatureSecret: string, applicationId: string, workflowId: string): Buffer {
	const key = createHmac('sha256', signatureSecret).update(DERIVATION_LABEL).digest();
	return createHmac('sha256', key)
		.update(`${applicationId}\n${workflowId}`)
		.digest()
		.subarray(0, 16);
}

/** The tag of `workflowId` on `applicationId`: 32 hex characters of an HMAC-SHA256 under a derived key. */
export function statusTag(
	signatureSecret: string,
	applicationId: string,
	workflowId: string,
): string {
	return tagBytes(signatureSecret, applicationId, workflowId).toString('hex');
}

/** `n8n_workflow=<id>&n8n_tag=<tag>`, to append to the Status URL after `?`. */
export function tagQuery(
	signatureSecret: string,
	applicationId: string,
	workflowId: string,
): string {
	const params = new URLSearchParams();
	params.set(WORKFLOW_PARAM, workflowId);
	params.set(TAG_PARAM, statusTag(signatureSecret, applicationId, workflowId));
	return params.toString();
}

/**
 * The workflow a status event's query names, checked against its tag: `{ workflowId }` when the tag
 * verifies, 'invalid' when `n8n_workflow` is there but is not one text, or the tag is missing or
 * wrong, and undefined when the query names no workflow. Own properties only.
 */
export function taggedWorkflow(
	query: unknown,
	signatureSecret: string,
	applicationId: string,
): { workflowId: string } | 'invalid' | undefined {
	if (typeof query !== 'object' || query === null || !Object.hasOwn(query, WORKFLOW_PARAM))
		return undefined;
	const fields = query as Record<string, unknown>;
	const workflowId = fields[WORKFLOW_PARAM];
	const tag = Object.hasOwn(fields, TAG_PARAM) ? fields[TAG_PARAM] : undefined;
	if (typeof workflowId !== 'string' || workflowId === '' || workflowId.length > MAX_WORKFLOW_ID)
		return 'invalid';
	if (typeof tag !== 'string' || !TAG_PATTERN.test(tag) || signatureSecret === '') return 'invalid';
	const expected = tagBytes(signatureSecret, applicationId, workflowId);
	return timingSafeEqual(expected, Buffer.from(tag, 'hex')) ? { workflowId } : 'invalid';
}
