import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isApplication, webhookOf, type WebhookKey } from '../../../shared/api/applicationShape';
import { applicationsBaseUrl } from '../../../shared/api/baseUrl';
import type { VonageCredentials } from '../../../shared/api/credentials';
import { isFailure, vonageApiError, vonageRequest } from '../../../shared/api/transport';

/**
 * Reading an application's webhook to find the trigger of this n8n that listens there: the Inbound
 * Trigger (Send and Wait for Reply) or the Status Trigger (Status Events to This Workflow Only).
 */
const TRIGGERS: Record<
	WebhookKey,
	{ path: string; trigger: string; short: string; field: string; gets: string }
> = {
	inbound_url: {
		path: 'inbound',
		trigger: 'Vonage Inbound Message Trigger',
		short: 'Inbound Trigger',
		field: 'Inbound URL',
		gets: 'receives the replies',
	},
	status_url: {
		path: 'status',
		trigger: 'Vonage Message Status Trigger',
		short: 'Status Trigger',
		field: 'Status URL',
		gets: 'receives the status events',
	},
};

/**
 * A URL found to be a trigger of this n8n is reused this long per application and webhook (50 waits,
 * one call); a URL that is not, or one whose trigger then refuses, is read again (triggerUrl `fresh`).
 */
const URL_REUSE_MS = 30_000;
const recent = new Map<string, { url: string | undefined; until: number }>();

const cacheKey = (credentials: VonageCredentials, key: WebhookKey) =>
	`${credentials.baseUrl} ${credentials.applicationId} ${key}`;

/** What to do when no trigger of this n8n listens on the application's webhook `key`. */
export const activate = (key: WebhookKey, applicationId: string) =>
	`Activate a workflow with a ${TRIGGERS[key].trigger} on application "${applicationId}" in this n8n (same credential, with a Signature Secret), then run this again.`;

/**
 * Whether `candidate` has the shape of a production trigger URL of this n8n for `key`, judged against
 * `resumeUrl` (this execution's): same origin, same path up to n8n's webhook endpoint, then
 * `<webhook id>/<path>`, no query. Only decides where a request may go (never to another
 * host); whether a trigger really listens there is the trigger's own answer.
 */
function isOurs(candidate: string, resumeUrl: string, key: WebhookKey): boolean {
	let a: URL;
	let b: URL;
	try {
		a = new URL(candidate);
		b = new URL(resumeUrl);
	} catch {
		return false;
	}
	if (a.origin !== b.origin || a.search !== '' || a.hash !== '') return false;
	const theirs = a.pathname.split('/');
	const mine = b.pathname.split('/'); // ..., webhook-waiting, execution id, node id
	if (theirs.length !== mine.length || mine.length < 4) return false;
	const prefix = mine.length - 3;
	return (
		theirs.slice(0, prefix).join('/') === mine.slice(0, prefix).join('/') &&
		theirs[theirs.length - 1] === TRIGGERS[key].path
	);
}

async function readUrl(
	ctx: IExecuteFunctions,
	credentials: VonageCredentials,
	key: WebhookKey,
	fresh: boolean,
): Promise<string | undefined> {
	const known = recent.get(cacheKey(credentials, key));
	if (known && known.until > Date.now() && !fresh) return known.url;
	recent.delete(cacheKey(credentials, key));
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
			{ description: 'Nothing was sent. Check the Base URL in the credential and the network.' },
		);
	if (response.statusCode !== 200) {
		const error = vonageApiError(ctx.getNode(), response);
		error.description =
			`${error.description ?? ''} Reading application "${credentials.applicationId}" to find its ${TRIGGERS[key].short} failed; nothing was sent.`.trim();
		throw error;
	}
	if (!isApplication(response.body, credentials.applicationId))
		throw new NodeOperationError(
			ctx.getNode(),
			'The Vonage Applications API answered 200, but not with the application',
			{ description: 'Nothing was sent. Check the Base URL in the credential.' },
		);
	return webhookOf(response.body, key)?.address;
}

/**
 * The production URL of a trigger of this n8n that the application sends its `key` webhooks to;
 * throws saying what to activate otherwise. `resumeUrl` (this execution's) gives this n8n's origin and
 * path prefix. A URL that is not ours is read once more from Vonage before the node gives up.
 */
export async function triggerUrl(
	ctx: IExecuteFunctions,
	credentials: VonageCredentials,
	key: WebhookKey,
	resumeUrl: string,
	fresh = false,
): Promise<string> {
	const url = await readUrl(ctx, credentials, key, fresh);
	const shaped = url !== undefined && isOurs(url, resumeUrl, key);
	const isTest = shaped && new URL(url).pathname.split('/').at(-3) === 'webhook-test';
	if ((!shaped || isTest) && !fresh)
		return await triggerUrl(ctx, credentials, key, resumeUrl, true);
	if (!shaped || isTest) {
		const { trigger, field, gets } = TRIGGERS[key];
		const where = !url
			? `it has no ${field}`
			: isTest
				? `its ${field} is a test URL (an editor listening for a test event)`
				: `its ${field} points elsewhere (${hostOf(url)})`;
		throw new NodeOperationError(
			ctx.getNode(),
			`No active ${trigger} of this n8n ${gets}: ${where}`,
			{
				description: `${activate(key, credentials.applicationId)} Nothing was sent.`,
			},
		);
	}
	if (!recent.has(cacheKey(credentials, key)))
		recent.set(cacheKey(credentials, key), { url, until: Date.now() + URL_REUSE_MS });
	return url as string;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'not a URL';
	}
}

/** Whether the URL was read from Vonage within the reuse time (so a refusal may be stale). */
export function wasReused(
	credentials: VonageCredentials,
	key: WebhookKey,
	started: number,
): boolean {
	const known = recent.get(cacheKey(credentials, key));
	return known !== undefined && known.until - URL_REUSE_MS < started;
}
