import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isApplication, webhookOf } from '../../../shared/api/applicationShape';
import { applicationsBaseUrl } from '../../../shared/api/baseUrl';
import type { VonageCredentials } from '../../../shared/api/credentials';
import { isFailure, vonageApiError, vonageRequest } from '../../../shared/api/transport';
import { HANDOVER_HEADER, signHandover } from '../../../shared/handover/sign';

/**
 * An Inbound URL found to be a trigger of this n8n is reused this long per application (50 waits, one
 * call); a URL that is not, or one whose trigger then refuses, is read again (inboundTriggerUrl `fresh`).
 */
const INBOUND_URL_REUSE_MS = 30_000;
const recent = new Map<string, { inboundUrl: string | undefined; until: number }>();

/**
 * Whether `candidate` has the shape of an Inbound Trigger URL of this n8n, judged against `ours` (one built
 * from this execution's resume URL): same origin, same path up to n8n's webhook endpoint, then
 * `<webhook id>/inbound`, no query. Only decides where a signed hand-over may go (never to another host);
 * whether a trigger really listens there is the trigger's signed answer.
 */
function hasOurInboundShape(candidate: string, ours: string): boolean {
	let a: URL;
	let b: URL;
	try {
		a = new URL(candidate);
		b = new URL(ours);
	} catch {
		return false;
	}
	if (a.origin !== b.origin || a.search !== '' || a.hash !== '') return false;
	const theirs = a.pathname.split('/');
	const mine = b.pathname.split('/');
	if (theirs.length !== mine.length || mine.length < 4) return false;
	const prefix = mine.length - 3; // ..., endpoint, webhook id, path
	return (
		theirs.slice(0, prefix).join('/') === mine.slice(0, prefix).join('/') &&
		theirs[theirs.length - 1] === 'inbound'
	);
}

const ACTIVATE = (applicationId: string) =>
	`Activate a workflow with a Vonage Inbound Message Trigger on application "${applicationId}" in this n8n (same credential, with a Signature Secret), then run this again.`;

async function inboundUrlOf(
	ctx: IExecuteFunctions,
	credentials: VonageCredentials,
	fresh: boolean,
) {
	const key = `${credentials.baseUrl} ${credentials.applicationId}`;
	const known = recent.get(key);
	if (known && known.until > Date.now() && !fresh) return known.inboundUrl;
	recent.delete(key);
	const response = await vonageRequest.call(
		ctx,
		credentials,
		'basic',
		applicationsBaseUrl(credentials.baseUrl),
		'GET',
		`/v2/applications/${encodeURIComponent(credentials.applicationId)}`,
	);
	if (isFailure(response))
		throw new NodeOperationError(
			ctx.getNode(),
			`Could not reach the Vonage Applications API: ${response.failure.message}`,
			{
				description: 'Nothing was sent. Check the Base URL in the credential and the network.',
			},
		);
	if (response.statusCode !== 200) {
		const error = vonageApiError(ctx.getNode(), response);
		error.description =
			`${error.description ?? ''} Reading application "${credentials.applicationId}" to find its Inbound Trigger failed; nothing was sent.`.trim();
		throw error;
	}
	if (!isApplication(response.body, credentials.applicationId))
		throw new NodeOperationError(
			ctx.getNode(),
			'The Vonage Applications API answered 200, but not with the application',
			{
				description: 'Nothing was sent. Check the Base URL in the credential.',
			},
		);
	return webhookOf(response.body, 'inbound_url')?.address;
}

/**
 * The production Inbound URL of an Inbound Trigger of this n8n that the application sends its inbound
 * messages to; throws saying what to activate otherwise. `resumeUrl` (this execution's) gives this n8n's
 * origin and path prefix.
 */
export async function inboundTriggerUrl(
	ctx: IExecuteFunctions,
	credentials: VonageCredentials,
	resumeUrl: string,
	fresh = false,
): Promise<string> {
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
		throw new NodeOperationError(
			ctx.getNode(),
			`Send and Wait for Reply needs ${missing.join(', ')} in the credential`,
			{
				description:
					'The node reads the application to find its Inbound Trigger (API Key, API Secret, Application ID) and signs what it hands over with a key derived from the Signature Secret. Fill them in; nothing was sent.',
			},
		);
	const inboundUrl = await inboundUrlOf(ctx, credentials, fresh);
	const resume = new URL(resumeUrl);
	const parts = resume.pathname.split('/');
	const ours = `${resume.origin}${parts.slice(0, -3).join('/')}/webhook/id/inbound`;
	const isOurs = inboundUrl !== undefined && hasOurInboundShape(inboundUrl, ours);
	const isTest = isOurs && new URL(inboundUrl).pathname.split('/').at(-3) === 'webhook-test';
	if ((!isOurs || isTest) && !fresh)
		return await inboundTriggerUrl(ctx, credentials, resumeUrl, true);
	if (!isOurs || isTest) {
		const where = !inboundUrl
			? 'it has no Inbound URL'
			: isTest
				? 'its Inbound URL is a test URL (an editor listening for a test event)'
				: `its Inbound URL points elsewhere (${new URL(inboundUrl).host})`;
		throw new NodeOperationError(
			ctx.getNode(),
			`No active Vonage Inbound Message Trigger of this n8n receives the replies: ${where}`,
			{
				description: `${ACTIVATE(credentials.applicationId)} Nothing was sent.`,
			},
		);
	}
	const key = `${credentials.baseUrl} ${credentials.applicationId}`;
	if (!recent.has(key)) recent.set(key, { inboundUrl, until: Date.now() + INBOUND_URL_REUSE_MS });
	return inboundUrl;
}

/** Whether the Inbound URL was read from Vonage within the reuse time (so a refusal may be stale). */
export function wasReused(credentials: VonageCredentials, started: number): boolean {
	const known = recent.get(`${credentials.baseUrl} ${credentials.applicationId}`);
	return known !== undefined && known.until - INBOUND_URL_REUSE_MS < started;
}

/** POSTs a signed hand-over to the Inbound Trigger; no redirects. The status and the parsed JSON answer. */
export async function postHandover(
	ctx: IExecuteFunctions,
	url: string,
	payload: object,
	signatureSecret: string,
): Promise<{ statusCode: number; body: Record<string, unknown> } | undefined> {
	const body = JSON.stringify(payload);
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		headers: {
			'content-type': 'application/json',
			[HANDOVER_HEADER]: signHandover(body, signatureSecret),
		},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: 15_000,
		json: false,
	};
	try {
		const response = (await ctx.helpers.httpRequest(request)) as {
			statusCode: number;
			body: unknown;
		};
		let parsed: unknown = response.body;
		if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
			try {
				parsed = JSON.parse(parsed.toString());
			} catch {
				parsed = {};
			}
		}
		const json =
			typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
		return { statusCode: response.statusCode, body: json };
	} catch {
		return undefined;
	}
}

export { ACTIVATE };
