import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { HANDOVER_HEADER, signHandover, verifyHandover } from '../handover/sign';
import { readTriggerHandover, type ResumeHandover } from '../handover/messages';
import { waits, type Wait } from './waits';
import { rereadCredentials, webhookCredentials } from './webhookCredentials';

/** Where the registry's copy lives in the trigger's node static data. */
export const MIRROR_KEY = 'sendAndWait';

/** A resume answered 409 (the execution is still saving its waiting state) is tried this often. */
const BUSY_RETRIES = 5;
const BUSY_PAUSE_MS = 1000;
const FORWARD_TIMEOUT_MS = 30_000;
/** A forward that may or may not have reached n8n (timeout, 5xx) is sent again this often. */
const UNCERTAIN_RETRIES = 3;

export function isHandover(ctx: IWebhookFunctions): boolean {
	return ctx.getHeaderData()[HANDOVER_HEADER] !== undefined;
}

function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

async function rawBody(ctx: IWebhookFunctions): Promise<string> {
	const request = ctx.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	return Buffer.isBuffer(request.rawBody) ? request.rawBody.toString('utf8') : '';
}

/** Loads the static-data copy into memory, then writes this application's waits back whole. */
export function syncMirror(ctx: IWebhookFunctions, applicationId: string): void {
	const data = ctx.getWorkflowStaticData('node');
	waits.merge(Object.hasOwn(data, MIRROR_KEY) ? data[MIRROR_KEY] : undefined);
	data[MIRROR_KEY] = waits.copyOf(applicationId);
}

/**
 * Whether `resumeUrl` is a resume URL of the n8n this trigger runs in: same origin, same path up to n8n's
 * endpoints, then `<waiting endpoint>/<execution id>/<node id>` (not the trigger's own endpoint), signed.
 */
export function isOwnResumeUrl(resumeUrl: string, triggerUrl: string, executionId: string) {
	let a: URL, b: URL;
	try {
		a = new URL(resumeUrl);
		b = new URL(triggerUrl);
	} catch {
		return false;
	}
	if (a.origin !== b.origin || a.username !== '' || a.password !== '' || a.hash !== '')
		return false;
	const theirs = a.pathname.split('/');
	const mine = b.pathname.split('/');
	if (theirs.length !== mine.length || mine.length < 4) return false;
	const prefix = mine.length - 3; // ..., endpoint, webhook id, path
	const [endpoint, execution, nodeId] = theirs.slice(prefix);
	return (
		theirs.slice(0, prefix).join('/') === mine.slice(0, prefix).join('/') &&
		endpoint !== mine[prefix] &&
		!endpoint.endsWith('-test') &&
		execution === executionId &&
		/^[\w.%-]+$/.test(nodeId) &&
		a.searchParams.has('signature')
	);
}

/**
 * A register / confirm / cancel hand-over from a Send and Wait for Reply node. Only accepted signed
 * with the trigger credential's Signature Secret (401 otherwise, 403 without a secret), for the
 * trigger's own application, with a resume URL of this n8n. Starts no execution, so n8n keeps what it
 * writes to static data.
 */
export async function answerHandover(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = await rawBody(ctx);
	const { signatureSecret, applicationId } = await webhookCredentials(ctx);
	if (!signatureSecret || !applicationId)
		return answer(ctx, 403, {
			error:
				'The Inbound Trigger needs a credential with a Signature Secret and an Application ID to hold waits',
		});
	const header = ctx.getHeaderData()[HANDOVER_HEADER];
	let valid = verifyHandover(header, body, signatureSecret);
	if (!valid) {
		// The held secret may be stale: the current one, read again at most once per holding window.
		const current = await rereadCredentials(ctx);
		if (current) valid = verifyHandover(header, body, current.signatureSecret ?? '');
	}
	if (!valid) return answer(ctx, 401, { error: 'Hand-over signature refused' });
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		parsed = undefined;
	}
	const handover = readTriggerHandover(parsed);
	if (!handover) return answer(ctx, 400, { error: 'Not a hand-over' });
	syncMirror(ctx, applicationId);
	if (handover.op === 'register') {
		if (handover.applicationId !== applicationId)
			return answer(ctx, 409, { error: 'This trigger is for another application' });
		if (
			!isOwnResumeUrl(
				handover.resumeUrl,
				ctx.getNodeWebhookUrl('default') ?? '',
				handover.executionId,
			)
		)
			return answer(ctx, 400, { error: 'The resume URL is not one of this n8n' });
		if (waits.register(handover) === 'full')
			return answer(ctx, 409, { error: 'Too many open waits on this application' });
	} else if (
		handover.op === 'confirm'
			? !waits.confirm(handover.waitId, handover.sent as IDataObject)
			: !waits.advance(handover.waitId, 'cancelled')
	) {
		return answer(ctx, 404, { error: 'No such wait' });
	}
	ctx.getWorkflowStaticData('node')[MIRROR_KEY] = waits.copyOf(applicationId);
	return answer(ctx, 200, {
		[handover.op === 'register' ? 'registered' : handover.op + 'ed']: handover.waitId,
	});
}

type Forwarded = 'resumed' | 'gone' | 'unreachable';

/**
 * POSTs the resume hand-over; the outcome for the wait. A timeout, a dropped connection or a 5xx may
 * mean n8n resumed the execution anyway (seen under load in queue mode), so it is sent again: the
 * waiting node takes a resume once, and n8n answers a later one for a resumed execution with 409
 * (running) or a 200 page (finished), which then means an earlier attempt got through.
 */
async function forward(ctx: IWebhookFunctions, wait: Wait, resume: ResumeHandover, secret: string) {
	const body = JSON.stringify(resume);
	let uncertain = false;
	let failures = 0;
	for (let attempt = 0; ; attempt++) {
		let status: number | undefined;
		let answerBody: unknown;
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'POST',
				url: wait.resumeUrl,
				body,
				headers: {
					'content-type': 'application/json',
					[HANDOVER_HEADER]: signHandover(body, secret),
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: FORWARD_TIMEOUT_MS,
				json: false,
			})) as { statusCode: number; body: unknown };
			status = response.statusCode;
			answerBody = response.body;
		} catch {
			status = undefined;
		}
		if (status === 200 && resumedId(answerBody) === wait.waitId) return 'resumed' as Forwarded;
		if (uncertain && (status === 200 || status === 409)) return 'resumed' as Forwarded;
		if (status === undefined || status >= 500) {
			uncertain = true;
			if (++failures > UNCERTAIN_RETRIES) return 'unreachable' as Forwarded;
			await sleep(BUSY_PAUSE_MS * failures);
			continue;
		}
		if (status === 409 && attempt < BUSY_RETRIES) {
			await sleep(BUSY_PAUSE_MS);
			continue;
		}
		return 'gone' as Forwarded;
	}
}

function resumedId(body: unknown): unknown {
	try {
		const value: unknown = typeof body === 'string' ? JSON.parse(body) : body;
		return typeof value === 'object' && value !== null && Object.hasOwn(value, 'resumed')
			? (value as { resumed: unknown }).resumed
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * Hands an inbound message that answers an open wait to the waiting execution. True when the
 * execution took it; false (the message goes to the workflow as an ordinary message) when no wait
 * matches, or the execution is gone (finished, timed out, cancelled: the wait is closed), or n8n could
 * not be reached (the wait stays open for the next reply).
 */
export async function resumeWaitingReply(
	ctx: IWebhookFunctions,
	reply: IDataObject,
): Promise<boolean> {
	const { signatureSecret, applicationId } = await webhookCredentials(ctx);
	if (!signatureSecret || !applicationId) return false;
	syncMirror(ctx, applicationId);
	const taken = waits.take(applicationId, {
		channel: String(reply.channel ?? ''),
		from: String(reply.sender ?? ''),
		to: String(reply.recipient ?? ''),
		text: typeof reply.text === 'string' ? reply.text : null,
	});
	if (!taken) return false;
	const { wait, approved } = taken;
	const result = await forward(
		ctx,
		wait,
		{ op: 'resume', waitId: wait.waitId, sent: wait.sent ?? {}, reply, approved },
		signatureSecret,
	);
	if (result === 'resumed') waits.advance(wait.waitId, 'taken');
	else if (result === 'gone') waits.advance(wait.waitId, 'cancelled');
	else waits.release(wait.waitId);
	ctx.getWorkflowStaticData('node')[MIRROR_KEY] = waits.copyOf(applicationId);
	if (result !== 'resumed')
		ctx.logger.warn(
			`${ctx.getNode().name}: a reply to wait ${wait.waitId} was not handed over (${result})`,
		);
	return result === 'resumed';
}
