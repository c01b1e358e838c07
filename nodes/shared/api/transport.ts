import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { VonageCredentials } from './credentials';
import { CredentialProblem } from './credentialProblems';
import { requestAuthorization, type AuthScheme, type RequestAuthorization } from './requestAuth';
import type { TokenUse } from './tokenCache';

export { vonageApiError } from './apiError';

export const CREDENTIAL_TYPE = 'vonageMessagesApi';

export type VonageContext = IExecuteFunctions | IHookFunctions;

export interface VonageResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
	/** The JWT the request carried: reused or fresh, and which (never the token itself). */
	token?: TokenUse;
}

/** Failures where the request certainly never reached Vonage, so sending again cannot duplicate. */
const NEVER_CONNECTED = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

/**
 * A request that got no usable HTTP answer. `retrySafe` only when it certainly never reached Vonage;
 * `mayHaveBeenSent` when Vonage could have accepted it (so it must not be sent again blindly).
 */
export interface TransportFailure {
	// n8n rewrites error messages that contain a network error code, so the code is kept apart.
	failure: {
		message: string;
		code: string;
		retrySafe: boolean;
		mayHaveBeenSent: boolean;
		description?: string;
	};
}

export function isFailure(result: VonageResponse | TransportFailure): result is TransportFailure {
	return 'failure' in result;
}

function errorCode(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code !== '') return code;
		current = (current as { cause?: unknown }).cause;
	}
	return 'UNKNOWN';
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const raw = headers[name] ?? headers[name.toLowerCase()];
	const value = Array.isArray(raw) ? raw[0] : raw;
	return typeof value === 'string' ? value : undefined;
}

/** Where a redirect points, as a host (never a full URL: it could carry a token in its query). */
function locationHost(location: string | undefined, requestUrl: string): string {
	if (!location) return 'nowhere (no Location header)';
	try {
		return new URL(location, requestUrl).host || 'an unusable address';
	} catch {
		return 'an unusable address';
	}
}

/**
 * A 3xx is never followed: it would take the Authorization header (a JWT or key:secret) and the
 * message to whatever host the answer names. n8n's helper is told not to follow, and the answer
 * becomes an error. Vonage did not take the request, so nothing was sent and it is safe to say so.
 */
function redirectFailure(response: VonageResponse, url: string): TransportFailure {
	const host = locationHost(headerValue(response.headers, 'location'), url);
	return {
		failure: {
			message: `Vonage answered ${response.statusCode} with a redirect to ${host}; it was not followed and nothing was sent`,
			code: 'REDIRECT',
			retrySafe: false,
			mayHaveBeenSent: false,
			description:
				'Redirects are never followed, so the credentials did not go to that host. Check the Base URL in the Vonage Messages API credential: it must be the Vonage API host itself (e.g. https://api.nexmo.com), not an address that forwards to it.',
		},
	};
}

/**
 * One request to Vonage through n8n's plain HTTP helper, with the Authorization header the caller's
 * `scheme` asks for (requestAuth.ts: the credential's choice for the Messages API, Basic for the
 * Applications API; the credential's JWT reused while it outlives the request, see tokenCache.ts), made from credentials the caller
 * read once. Every HTTP answer comes back as a VonageResponse (the caller decides what a status
 * means), except a redirect, which is never followed and becomes a TransportFailure, like a network
 * failure or a credential that cannot make the header, saying whether Vonage could have received the
 * request. The original error is not kept: it carries the Authorization header.
 *
 * `timeoutMs` is a deadline for the whole request (connect, send, the entire answer), not the
 * idle time between bytes: n8n's `timeout` is an idle timeout, so the request also carries an
 * AbortSignal that fires at the deadline (or when the execution is cancelled).
 */
export async function vonageRequest(
	this: VonageContext,
	credentials: VonageCredentials,
	scheme: AuthScheme,
	baseUrl: string,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	timeoutMs = 30_000,
	beforeSend?: () => Promise<void>,
): Promise<VonageResponse | TransportFailure> {
	const url = `${baseUrl}${path}`;
	// The header is made first and `beforeSend` (the rate limiter) runs last, so that the limiter's
	// clock starts as close as it can to when Vonage's does; the deadline starts after both. A JWT is
	// looked up again after the wait (a cache hit), so that it outlives this request's deadline.
	let authorization: RequestAuthorization;
	try {
		authorization = await requestAuthorization(credentials, url, scheme, timeoutMs);
	} catch (error) {
		return { failure: credentialFailure(error) };
	}
	const cancel = cancelSignalOf(this);
	try {
		await beforeSend?.();
		const first = authorization.token;
		if (first) {
			authorization = await requestAuthorization(credentials, url, scheme, timeoutMs);
			// The token signed for this request before the wait is still fresh to it.
			if (authorization.token?.serial === first.serial) authorization.token = first;
		}
	} catch (error) {
		if (cancel?.aborted) return notSentCancelled();
		return {
			failure: {
				message: `The request could not start: ${error instanceof Error ? error.message : String(error)}`,
				code: 'NOT_STARTED',
				retrySafe: false,
				mayHaveBeenSent: false,
				description: 'Nothing was sent for this item.',
			},
		};
	}
	if (cancel?.aborted) return notSentCancelled();
	const deadline = AbortSignal.timeout(timeoutMs);
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	const options: IHttpRequestOptions = {
		method,
		url,
		headers: { Accept: 'application/json', Authorization: authorization.header },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: timeoutMs,
		abortSignal: signal,
	};
	if (body !== undefined) options.body = body;
	let response: { statusCode: number; headers?: Record<string, unknown>; body: unknown };
	try {
		response = await this.helpers.httpRequest(options);
	} catch (error) {
		return { failure: describeFailure(error, baseUrl, timeoutMs, { deadline, cancel }) };
	}
	const answer: VonageResponse = {
		statusCode: response.statusCode,
		headers: response.headers ?? {},
		body: response.body,
	};
	if (authorization.token) answer.token = authorization.token;
	if (answer.statusCode >= 300 && answer.statusCode < 400) return redirectFailure(answer, url);
	return answer;
}

/**
 * The signal n8n aborts when the execution is cancelled (n8n 1.x and 2.x execute contexts have
 * `getExecutionCancelSignal`); undefined where there is none, and then nothing can be cancelled.
 */
export function cancelSignalOf(ctx: VonageContext): AbortSignal | undefined {
	const get = (ctx as Partial<IExecuteFunctions>).getExecutionCancelSignal;
	return typeof get === 'function' ? get.call(ctx) : undefined;
}

/** The execution was cancelled before the request left: Vonage never saw it. */
export function notSentCancelled(): TransportFailure {
	return {
		failure: {
			message: 'The execution was cancelled before this message was sent',
			code: 'CANCELLED',
			retrySafe: false,
			mayHaveBeenSent: false,
			description: 'Nothing was sent for this item.',
		},
	};
}

/** The credential could not make the Authorization header, so nothing was sent. */
function credentialFailure(error: unknown): TransportFailure['failure'] {
	const problem =
		error instanceof CredentialProblem
			? error
			: new CredentialProblem(
					'The Vonage Messages API credential could not sign the request',
					error instanceof Error ? error.message : String(error),
				);
	return {
		message: problem.message,
		code: 'CREDENTIAL',
		retrySafe: false,
		mayHaveBeenSent: false,
		description: problem.description,
	};
}

/** A request that was sent (at least in part) and got no answer, decided by the signals and the error's code. */
function describeFailure(
	error: unknown,
	baseUrl: string,
	timeoutMs: number,
	signals: { deadline: AbortSignal; cancel?: AbortSignal },
): TransportFailure['failure'] {
	const code = errorCode(error);
	const seconds = Math.round((timeoutMs / 1000) * 10) / 10;
	if (signals.cancel?.aborted) {
		return {
			message: 'The execution was cancelled while waiting for Vonage',
			code: 'CANCELLED',
			retrySafe: false,
			mayHaveBeenSent: true,
			description:
				'The request had left before the cancellation, so Vonage may have accepted it. It was not sent again. Check the message status (or the Status Trigger) before sending it again.',
		};
	}
	if (signals.deadline.aborted) {
		return {
			message: `No answer from ${baseUrl} within ${seconds} s`,
			code: 'TIMEOUT',
			retrySafe: false,
			mayHaveBeenSent: true,
		};
	}
	if (NEVER_CONNECTED.has(code)) {
		return {
			message: `Could not connect to ${baseUrl}`,
			code,
			retrySafe: true,
			mayHaveBeenSent: false,
		};
	}
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	return timedOut
		? {
				message: `No answer from ${baseUrl} within ${seconds} s`,
				code: 'TIMEOUT',
				retrySafe: false,
				mayHaveBeenSent: true,
			}
		: {
				message: `The connection to ${baseUrl} broke before Vonage answered`,
				code,
				retrySafe: false,
				mayHaveBeenSent: true,
			};
}
