import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What an HTTP answer carries that the error needs: its status and body. */
export interface ErrorAnswer {
	statusCode: number;
	body: unknown;
}

interface ProblemDetails {
	type?: unknown;
	title?: unknown;
	detail?: unknown;
	invalid_parameters?: unknown;
}

/**
 * What to do, by HTTP status. A synchronous error is explained by Vonage's own words (title,
 * detail, invalid_parameters) and this hint, never by the 1000-1382 table of webhook error codes:
 * the same number means something else there (shared README "Synchronous errors are not webhook
 * errors": a real v1 422 has type …/messages#1150 "Invalid params", the table's 1150 is "Invalid
 * Message class"; the Java SDK records 422 #1110 "Invalid channel parameters").
 */
const STATUS_HINTS: Record<number, string> = {
	400: 'Vonage refused the request as it was sent, so nothing was sent. Correct what it names and send again.',
	401: 'Vonage did not accept the credentials. Check the Vonage Messages API credential: for JWT the application ID and private key, for Basic the API key and secret.',
	402: 'The Vonage account balance is too low. Top up the account in the Vonage Dashboard.',
	403: 'Vonage refused this request: it is not allowed, or not enabled for this account (the channel, the number or the feature may need provisioning). Check the account in the Vonage Dashboard.',
	404: 'Vonage has no such resource. Check the Base URL and the application ID in the credential.',
	422: 'Vonage refused the parameters of the message, so nothing was sent. Correct the parameters it names and send again.',
	429: 'Vonage throttled the requests. Lower "Max Requests per Second" in the node options.',
};

const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** Vonage's `invalid_parameters` as one line: `name: reason; …` (entries that are not objects are skipped). */
function invalidParameters(value: unknown): string {
	if (!Array.isArray(value)) return '';
	return value
		.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
		.map((p) => [text(p.name), text(p.reason)].filter(Boolean).join(': '))
		.filter(Boolean)
		.join('; ');
}

/** A readable NodeApiError from a Vonage answer that was not a success: what Vonage said, and what to do. */
export function vonageApiError(
	node: INode,
	response: ErrorAnswer,
	itemIndex?: number,
): NodeApiError {
	const problem: ProblemDetails =
		response.body && typeof response.body === 'object' ? (response.body as ProblemDetails) : {};
	const title = text(problem.title) || `HTTP ${response.statusCode}`;
	const detail = text(problem.detail);
	const params = invalidParameters(problem.invalid_parameters);
	const type = text(problem.type);
	const description = [
		detail,
		params && `Invalid parameters: ${params}.`,
		STATUS_HINTS[response.statusCode],
		type && `Vonage error type: ${type}`,
	]
		.filter(Boolean)
		.join(' ');
	const errorBody: JsonObject =
		response.body && typeof response.body === 'object'
			? (response.body as JsonObject)
			: { body: String(response.body ?? '') };
	return new NodeApiError(node, errorBody, {
		message: `Vonage answered ${response.statusCode}: ${title}${detail ? ` - ${detail}` : ''}`,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}
