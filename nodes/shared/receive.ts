import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readCredentials } from './auth';
import { checkSignature, DEFAULT_MAX_AGE_SECONDS } from './signature';
import { CREDENTIAL_TYPE } from './transport';

export type Received = { event: IDataObject } | { reply: IWebhookResponseData };

function answer(ctx: IWebhookFunctions, status: number, error: string): { reply: IWebhookResponseData } {
	ctx.getResponseObject().status(status).json({ error });
	return { reply: { noWebhookResponse: true } };
}

async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer> {
	const request = ctx.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return Buffer.from(JSON.stringify(ctx.getBodyData() ?? {}));
}

function parseEvent(ctx: IWebhookFunctions, raw: Buffer): IDataObject | undefined {
	const parsed = ctx.getBodyData() as unknown;
	if (Array.isArray(parsed)) return undefined;
	if (parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0) return parsed as IDataObject;
	try {
		const value: unknown = JSON.parse(raw.toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The checks every Vonage webhook goes through before it may start a workflow: the signature when the
 * credential has a signature secret (401 otherwise), then a JSON object body (400 otherwise).
 */
export async function receiveVonageWebhook(this: IWebhookFunctions): Promise<Received> {
	const raw = await rawBodyOf(this);
	const { signatureSecret } = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	if (signatureSecret) {
		const maxAgeSeconds = this.getNodeParameter('options.maxAgeSeconds', DEFAULT_MAX_AGE_SECONDS) as number;
		const authorization = this.getHeaderData().authorization;
		const check = checkSignature({ authorization, rawBody: raw, secret: signatureSecret, maxAgeSeconds });
		if (!check.ok) return answer(this, 401, `Vonage signature check failed: ${check.reason}`);
	}
	const event = parseEvent(this, raw);
	if (!event) return answer(this, 400, 'The body is not a JSON object');
	return { event };
}

const SEEN_LIMIT = 2000;

/**
 * True when `key` was seen before by this trigger (Vonage retries, so the same event can come twice).
 * Remembered in the workflow's static data, which n8n saves after each execution the trigger starts.
 */
export function seenBefore(ctx: IWebhookFunctions, key: string): boolean {
	const data = ctx.getWorkflowStaticData('node');
	const seen = Array.isArray(data.seenEvents) ? (data.seenEvents as string[]) : [];
	if (seen.includes(key)) return true;
	seen.push(key);
	if (seen.length > SEEN_LIMIT) seen.splice(0, seen.length - SEEN_LIMIT);
	data.seenEvents = seen;
	return false;
}

/** The answer for an event that was accepted but starts nothing (filtered out or a duplicate). */
export function ignored(reason: string): IWebhookResponseData {
	return { webhookResponse: { status: 'ignored', reason } };
}
