import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeErrorCode, errorCodeFromType } from './errorCodes';

export const CREDENTIAL_TYPE = 'vonageMessagesApi';

export type VonageContext = IExecuteFunctions | IHookFunctions;

export interface VonageResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Failures where the request certainly never reached Vonage, so sending again cannot duplicate. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** A request that got no HTTP answer. `retrySafe` only when it certainly never reached Vonage. */
export interface TransportFailure {
	// n8n rewrites error messages that contain a network error code, so the code is kept apart.
	failure: { message: string; code: string; retrySafe: boolean };
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

/**
 * One request to Vonage through n8n's authenticated HTTP helper. Every HTTP answer comes back as
 * a VonageResponse (the caller decides what a status means); a network failure becomes a
 * TransportError that says whether Vonage could have received the request. The original error
 * is not kept: it carries the request's Authorization header.
 */
export async function vonageRequest(
	this: VonageContext,
	baseUrl: string,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	timeoutMs = 30_000,
): Promise<VonageResponse | TransportFailure> {
	const options: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		headers: { Accept: 'application/json' },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	if (body !== undefined) options.body = body;
	let response: { statusCode: number; headers?: Record<string, unknown>; body: unknown };
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);
	} catch (error) {
		return { failure: describeFailure(error, baseUrl, timeoutMs) };
	}
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
}

function describeFailure(error: unknown, baseUrl: string, timeoutMs: number): TransportFailure['failure'] {
	const code = errorCode(error);
	const message = error instanceof Error ? error.message : String(error);
	if (NEVER_CONNECTED.has(code)) {
		return { message: `Could not connect to ${baseUrl}`, code, retrySafe: true };
	}
	if (code === 'UNKNOWN' && !/socket|network|timeout|ECONN|aborted/i.test(message)) {
		// Not a network failure: the credential could not authenticate the request (our own message, no secret in it).
		return { message, code: 'CREDENTIAL', retrySafe: false };
	}
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message);
	return timedOut
		? { message: `No answer from ${baseUrl} within ${Math.round(timeoutMs / 1000)} s`, code: 'TIMEOUT', retrySafe: false }
		: { message: `The connection to ${baseUrl} broke before Vonage answered`, code, retrySafe: false };
}

interface ProblemDetails {
	type?: unknown;
	title?: unknown;
	detail?: unknown;
	invalid_parameters?: unknown;
}

const STATUS_HINTS: Record<number, string> = {
	401: 'Vonage did not accept the credentials. Check the Vonage Messages API credential: for JWT the application ID and private key, for Basic the API key and secret.',
	402: 'The Vonage account balance is too low. Top up the account in the Vonage Dashboard.',
	403: 'The credentials are valid but not allowed to do this.',
	404: 'Vonage has no such resource. Check the Base URL and the application ID in the credential.',
	429: 'Vonage throttled the requests. Lower "Max Requests per Second" in the node options.',
};

/** A readable NodeApiError from a Vonage answer that was not a success: what Vonage said, and what to do. */
export function vonageApiError(node: INode, response: VonageResponse, itemIndex?: number): NodeApiError {
	const problem: ProblemDetails =
		response.body && typeof response.body === 'object' ? (response.body as ProblemDetails) : {};
	const title = typeof problem.title === 'string' ? problem.title : `HTTP ${response.statusCode}`;
	const detail = typeof problem.detail === 'string' ? problem.detail : '';
	const params = Array.isArray(problem.invalid_parameters)
		? (problem.invalid_parameters as Array<{ name?: unknown; reason?: unknown }>)
				.map((p) => `${String(p.name)}: ${String(p.reason)}`)
				.join('; ')
		: '';
	// A 429 is throttling (1000), whatever its type says: Vonage's recorded 429 carries a type ending #1010.
	const codeInfo = describeErrorCode(response.statusCode === 429 ? 1000 : errorCodeFromType(problem.type));
	const description = [
		detail,
		params && `Invalid parameters: ${params}.`,
		codeInfo && `Vonage error ${codeInfo.code} (${codeInfo.title}): ${codeInfo.meaning}`,
		STATUS_HINTS[response.statusCode],
	]
		.filter(Boolean)
		.join(' ');
	const errorBody: JsonObject =
		response.body && typeof response.body === 'object' ? (response.body as JsonObject) : { body: String(response.body ?? '') };
	return new NodeApiError(node, errorBody, {
		message: `Vonage answered ${response.statusCode}: ${title}${detail ? ` - ${detail}` : ''}`,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}
