import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** RFC 7807 problem details, shaped like the `Error` schema of messages-v0.1.yml. */
export interface Problem {
	type: string;
	title: string;
	detail: string;
	instance: string;
	invalid_parameters?: Array<{ name: string; reason: string }>;
}

const ERRORS_URL = 'https://developer.nexmo.com/api-errors/messages-olympus';

export function problem(code: number | string, title: string, detail: string, extra: Partial<Problem> = {}): Problem {
	const type = typeof code === 'number' ? `${ERRORS_URL}#${code}` : `https://developer.nexmo.com/api-errors#${code}`;
	return { type, title, detail, instance: randomBytes(16).toString('hex'), ...extra };
}

export const unauthorized = (detail: string) => problem('unauthorized', 'Unauthorized', detail);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const isProblem = status >= 400 && body && typeof body === 'object' && 'title' in body;
	res.writeHead(status, {
		'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
		...headers,
	});
	res.end(body === undefined ? undefined : JSON.stringify(body));
}
