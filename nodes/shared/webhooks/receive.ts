import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { channelsOptionOf } from './channelFilter';
import { checkSignature, DEFAULT_MAX_AGE_SECONDS, maxAgeOf } from './signature';
import { SeenStore } from './seenStore';
import { webhookCredentials } from './webhookCredentials';

export type Received = { event: IDataObject } | { reply: IWebhookResponseData };

/** Vonage retries for 24 hours: a duplicate key is remembered that long, and an hour more. */
const DUPLICATE_TTL_MS = 25 * 60 * 60 * 1000;
const CLOCK_SKEW_MS = 60 * 1000;

/**
 * Both stores live in the memory of the n8n process that receives the webhook (n8n itself in single
 * mode, each `n8n webhook` process in queue mode): checked and recorded in one synchronous step.
 * Not in static data: n8n 2.41.1 does not keep what webhook() writes there when it starts an
 * execution, and the execution itself works on a copy (reloaded in single mode, empty on a worker)
 * whose save would replace the workflow's whole static data (see docs/security-and-reliability.md,
 * "Duplicates").
 */
const duplicates = new SeenStore(20_000);
const tokens = new SeenStore(100_000);

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

async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer> {
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

/** The Max Signature Age option, checked: an expression can make it anything. Throws naming the option. */
export function maxAgeSeconds(ctx: IWebhookFunctions | IHookFunctions): number {
	const value = ctx.getNodeParameter('options.maxAgeSeconds', DEFAULT_MAX_AGE_SECONDS);
	try {
		return maxAgeOf(value);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
}

/** The trigger's lifecycle methods, refusing activation while an option is unusable. */
export function checkedWebhookMethods<
	T extends { checkExists(this: IHookFunctions): Promise<boolean> },
>(methods: T): T {
	return {
		...methods,
		async checkExists(this: IHookFunctions): Promise<boolean> {
			maxAgeSeconds(this);
			channelsOptionOf(this);
			return await methods.checkExists.call(this);
		},
	};
}

/**
 * The checks every Vonage webhook goes through before it may start a workflow, each starting nothing:
 * a JSON content type (415); with a signature secret, a Bearer token at all (503, so Vonage retries its
 * rare unsigned callback), a valid one (401, reason in n8n's log only), and one not used before (200,
 * ignored: a replayed request or a retry that was not signed again); then a JSON object body (400).
 */
export async function receiveVonageWebhook(this: IWebhookFunctions): Promise<Received> {
	if (!isJson(this.getHeaderData()['content-type'])) {
		return answer(
			this,
			415,
			'Vonage webhooks are JSON: expected Content-Type application/json; nothing was started',
		);
	}
	const maxAge = maxAgeSeconds(this);
	const raw = await rawBodyOf(this);
	const authorization = this.getHeaderData().authorization;
	const verify = async (fresh: boolean) => {
		const { signatureSecret, apiKey, applicationId } = await webhookCredentials(this, fresh);
		if (!signatureSecret) return undefined;
		return checkSignature({
			authorization,
			rawBody: raw,
			secret: signatureSecret,
			maxAgeSeconds: maxAge,
			expected: { apiKey, applicationId },
		});
	};
	// The credential is reused for a few seconds: a refusal is checked again against the current one.
	let check = await verify(false);
	if (check && !check.ok) check = await verify(true);
	if (check) {
		if (!check.ok) {
			this.logger.warn(`${this.getNode().name}: webhook refused, ${check.reason}`);
			if (check.unsigned)
				return answer(this, 503, 'The request is not signed; nothing was started');
			return answer(this, 401, 'Vonage signature refused');
		}
		const usableUntil = ((check.claims.iat as number) + maxAge) * 1000 + CLOCK_SKEW_MS;
		if (tokens.seen('', check.jti, usableUntil)) {
			this.logger.info(`${this.getNode().name}: webhook ignored, its token (jti) was used before`);
			return { reply: ignored('token already used') };
		}
	}
	const event = parseEvent(this, raw);
	if (!event) return answer(this, 400, 'The body is not a JSON object');
	return { event };
}

/**
 * True when this trigger (this workflow and node, production and test URL apart) has seen `key` in
 * the last 25 hours; records it otherwise. `undefined` (an event without an id) is never a duplicate.
 */
export function seenBefore(ctx: IWebhookFunctions, key: string | undefined): boolean {
	if (key === undefined || key === '') return false;
	const node = ctx.getNode();
	const scope = `${ctx.getWorkflow().id ?? ''} ${node.webhookId ?? node.id} ${ctx.getMode()}`;
	return duplicates.seen(scope, key, Date.now() + DUPLICATE_TTL_MS);
}
