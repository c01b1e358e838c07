import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { answerField, postToThisN8n } from '../api/ownRequest';
import { HANDOVER_HEADER, signHandover, verifyHandover } from '../handover/sign';
import { readTriggerHandover, type ResumeHandover } from '../handover/messages';
import { waits, type Wait } from './waits';
import { rereadCredentials, webhookCredentials } from './webhookCredentials';

/** Where the registry's copy lives in the trigger's node static data. */
export const MIRROR_KEY = 'sendAndWait';

/**
 * How long a forward waits between tries, while Vonage's request waits for its answer (so briefly: a
 * webhook held too long is given up by its sender). `busyMs`: n8n answered 409 "running already" (the
 * execution has not finished saving its waiting state; under load this took over 6 s), tried after
 * each pause in turn, about 4 s in all, then the reply is put off (503: Vonage sends it again after
 * 5 s, then 10, 20...). `uncertainMs`: a timeout, dropped connection or 5xx. Tests shorten them.
 */
export const forwardPauses = {
	busyMs: [250, 500, 750, 1000, 1500],
	uncertainMs: [1000, 2000],
};
const FORWARD_TIMEOUT_MS = 10_000;
/**
 * A reply whose wait could not be reached is answered 503, so that Vonage sends it again (after 5 s,
 * doubling); once its wait has been put off this long, the reply goes to the workflow instead.
 */
export const DEFER_LIMIT_MS = 15 * 60 * 1000;

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

/** What became of a resume hand-over: `busy` = still running after every pause, `unreachable` = no answer. */
type Forwarded = 'resumed' | 'gone' | 'busy' | 'unreachable';

/**
 * POSTs the resume hand-over; the outcome for the wait. A 409 that does not say the execution has
 * finished means it is still saving its waiting state: tried again. A timeout, a dropped connection or
 * a 5xx may mean n8n resumed the execution anyway (seen under load in queue mode), so it is sent again:
 * the waiting node takes a resume once, and n8n answers a later one for a resumed execution with 409
 * (running) or a 200 page (finished), which then means an earlier attempt got through.
 */
async function forward(
	ctx: IWebhookFunctions,
	wait: Wait,
	resume: ResumeHandover,
	secret: string,
): Promise<Forwarded> {
	const body = JSON.stringify(resume);
	let uncertain = false;
	let failures = 0;
	let busy = 0;
	for (;;) {
		const { status, text } = await post(ctx, wait.resumeUrl, body, secret);
		if (status === 200 && resumedId(text) === wait.waitId) return 'resumed';
		if (uncertain && (status === 200 || status === 409)) return 'resumed';
		if (status === undefined || status >= 500) {
			uncertain = true;
			const pause = forwardPauses.uncertainMs[failures++];
			if (pause === undefined) return 'unreachable';
			await sleep(pause);
			continue;
		}
		if (status === 409 && !/finished/i.test(text)) {
			const pause = forwardPauses.busyMs[busy++];
			if (pause === undefined) return 'busy';
			await sleep(pause);
			continue;
		}
		return 'gone';
	}
}

const post = async (ctx: IWebhookFunctions, url: string, body: string, secret: string) =>
	await postToThisN8n(
		ctx.helpers,
		url,
		body,
		{ [HANDOVER_HEADER]: signHandover(body, secret) },
		FORWARD_TIMEOUT_MS,
	);

const resumedId = (text: string): unknown => answerField(text, 'resumed');

/**
 * What became of a reply: `resumed` (a waiting execution took it), `none` (no wait matches, or the
 * execution is gone: finished, timed out, cancelled, and its wait is closed; the reply is an ordinary
 * message), or `later` (the execution is not ready or n8n could not be reached: the wait stays open and
 * the reply is to be answered 503, so that Vonage sends it again).
 */
export type ReplyOutcome = 'resumed' | 'none' | 'later';

/** Hands an inbound message that answers an open wait to the waiting execution. */
export async function resumeWaitingReply(
	ctx: IWebhookFunctions,
	reply: IDataObject,
	now = Date.now(),
): Promise<ReplyOutcome> {
	const { signatureSecret, applicationId } = await webhookCredentials(ctx);
	if (!signatureSecret || !applicationId) return 'none';
	syncMirror(ctx, applicationId);
	const taken = waits.take(applicationId, {
		channel: String(reply.channel ?? ''),
		from: String(reply.sender ?? ''),
		to: String(reply.recipient ?? ''),
		text: typeof reply.text === 'string' ? reply.text : null,
	});
	if (!taken) return 'none';
	if (taken === 'pending') {
		ctx.logger.info(
			`${ctx.getNode().name}: a reply came before its question was confirmed sent; answered 503 so that Vonage sends it again`,
		);
		return 'later';
	}
	const { wait, approved } = taken;
	const result = await forward(
		ctx,
		wait,
		{ op: 'resume', waitId: wait.waitId, sent: wait.sent ?? {}, reply, approved },
		signatureSecret,
	);
	let outcome: ReplyOutcome = result === 'resumed' ? 'resumed' : 'none';
	if (result === 'resumed') waits.advance(wait.waitId, 'taken');
	else if (result === 'gone') waits.advance(wait.waitId, 'cancelled');
	else if (waits.putOff(wait.waitId, now) < DEFER_LIMIT_MS) outcome = 'later';
	else waits.release(wait.waitId);
	ctx.getWorkflowStaticData('node')[MIRROR_KEY] = waits.copyOf(applicationId);
	if (result !== 'resumed')
		ctx.logger.warn(
			`${ctx.getNode().name}: a reply to wait ${wait.waitId} was not handed over (${result}); ${
				outcome === 'later'
					? 'answered 503 so that Vonage sends it again'
					: 'it starts the workflow as an ordinary message'
			}`,
		);
	return outcome;
}
