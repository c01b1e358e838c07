import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { bearerToken, checkSignature } from './signature';
import { tokenUsed, usedToken, type UsedToken } from './seenEvents';
import { rereadCredentials, webhookCredentials, type WebhookSecrets } from './webhookCredentials';

/** A request that passed the checks: its event, and its verified token when the credential has a secret. */
export interface ReceivedEvent {
	event: IDataObject;
	token?: UsedToken;
	signed: boolean;
}
export type Received = ReceivedEvent | { reply: IWebhookResponseData };

function answer(
	ctx: IWebhookFunctions,
	status: number,
	error: string,
): { reply: IWebhookResponseData } {
	ctx.getResponseObject().status(status).json({ error });
	return { reply: { noWebhookResponse: true } };
}

/** The answer for an event that was accepted but starts nothing (filtered out or a duplicate). */
export function ignored(reason: string): IWebhookResponseData {
	return { webhookResponse: { status: 'ignored', reason } };
}

function isJson(contentType: unknown): boolean {
	const media = String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	return media === 'application/json' || /^application\/[\w.-]+\+json$/.test(media);
}

export async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer> {
	const request = ctx.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return Buffer.from(JSON.stringify(ctx.getBodyData() ?? {}));
}

function parseEvent(ctx: IWebhookFunctions, raw: Buffer): IDataObject | undefined {
	const parsed = ctx.getBodyData() as unknown;
	if (Array.isArray(parsed)) return undefined;
	if (parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0)
		return parsed as IDataObject;
	try {
		const value: unknown = JSON.parse(raw.toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * The checks every Vonage webhook goes through before it may start a workflow, each starting nothing
 * and recording nothing (seenEvents.settle records, once all else has passed): a JSON content type
 * (415); with a signature secret, a Bearer token at all (503, so Vonage retries its rare unsigned
 * callback), a valid one (401, reason in n8n's log only), and one not used before (200, ignored: a
 * replayed request or a retry that was not signed again); then a JSON object body (400).
 * A request without a token costs no credential read while the credential is held; a refused token
 * makes at most one fresh read per holding window (webhookCredentials.ts).
 */
export async function receiveVonageWebhook(
	ctx: IWebhookFunctions,
	maxAgeSeconds: number,
): Promise<Received> {
	if (!isJson(ctx.getHeaderData()['content-type'])) {
		return answer(
			ctx,
			415,
			'Vonage webhooks are JSON: expected Content-Type application/json; nothing was started',
		);
	}
	const authorization = ctx.getHeaderData().authorization;
	const credentials = await webhookCredentials(ctx);
	const raw = await rawBodyOf(ctx);
	let token: UsedToken | undefined;
	if (credentials.signatureSecret) {
		if (!bearerToken(authorization)) {
			ctx.logger.warn(`${ctx.getNode().name}: webhook refused, no "Authorization: Bearer" token`);
			return answer(ctx, 503, 'The request is not signed; nothing was started');
		}
		const verify = (current: WebhookSecrets) =>
			checkSignature({
				authorization,
				rawBody: raw,
				secret: current.signatureSecret ?? '',
				maxAgeSeconds,
				expected: { apiKey: current.apiKey, applicationId: current.applicationId },
			});
		let check = verify(credentials);
		let secret = credentials.signatureSecret;
		if (!check.ok) {
			// The held credential may be out of date: check once against the current one.
			const current = await rereadCredentials(ctx);
			if (current?.signatureSecret) {
				check = verify(current);
				secret = current.signatureSecret;
			} else if (current) return { ...(await unsignedEvent(ctx, raw)) };
		}
		if (!check.ok) {
			ctx.logger.warn(`${ctx.getNode().name}: webhook refused, ${check.reason}`);
			return answer(ctx, 401, 'Vonage signature refused');
		}
		token = usedToken(secret, check.jti);
		if (tokenUsed(token)) {
			ctx.logger.info(`${ctx.getNode().name}: webhook ignored, its token (jti) was used before`);
			return { reply: ignored('token already used') };
		}
	}
	const event = parseEvent(ctx, raw);
	if (!event) return answer(ctx, 400, 'The body is not a JSON object');
	return { event, token, signed: token !== undefined };
}

/** The secret was removed from the credential: the request is read as unsigned. */
async function unsignedEvent(ctx: IWebhookFunctions, raw: Buffer): Promise<Received> {
	const event = parseEvent(ctx, raw);
	if (!event) return answer(ctx, 400, 'The body is not a JSON object');
	return { event, signed: false };
}
