import type { IHttpRequestOptions } from 'n8n-workflow';

/** What a node context offers for HTTP: n8n's request helper. */
interface Http {
	httpRequest(options: IHttpRequestOptions): Promise<unknown>;
}

/**
 * POSTs a JSON body, signed by the caller's headers, to a URL of this n8n (a trigger or a resume URL:
 * never a third party, so no credential goes with it). No redirect is followed; every HTTP status is
 * an answer. The status (undefined when there was no answer: timeout, dropped connection) and the
 * answer's body as text.
 */
export async function postToThisN8n(
	helpers: Http,
	url: string,
	body: string,
	headers: Record<string, string>,
	timeoutMs: number,
): Promise<{ status: number | undefined; text: string }> {
	try {
		const response = (await helpers.httpRequest({
			method: 'POST',
			url,
			body,
			headers: { 'content-type': 'application/json', ...headers },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: timeoutMs,
			json: false,
		})) as { statusCode: number; body: unknown };
		const answer = response.body;
		const text =
			typeof answer === 'string' || Buffer.isBuffer(answer)
				? answer.toString()
				: JSON.stringify(answer ?? '');
		return { status: response.statusCode, text };
	} catch {
		return { status: undefined, text: '' };
	}
}

/** Every trigger of one n8n process lives under its one webhook base URL (n8n's WEBHOOK_URL). */
export function sameOrigin(a: string, b: string): boolean {
	try {
		return new URL(a).origin === new URL(b).origin;
	} catch {
		return false;
	}
}

/** A field of a JSON object answer, or undefined (not JSON, not an object, no such own field). */
export function answerField(text: string, field: string): unknown {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && Object.hasOwn(value, field)
			? (value as Record<string, unknown>)[field]
			: undefined;
	} catch {
		return undefined;
	}
}
