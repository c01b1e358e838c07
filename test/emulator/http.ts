import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small HTTP helpers shared by the emulator's handlers. */

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export type Parsed = { ok: true; value: unknown } | { ok: false };

/** An empty body parses as `undefined`; anything else must be JSON. */
export function parseJson(text: string): Parsed {
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/** Problems (4xx/5xx with a `title`) go out as application/problem+json, the rest as application/json. */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	if (res.destroyed || res.headersSent) return;
	const isProblem = status >= 400 && typeof body === 'object' && body !== null && 'title' in body;
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
		'Content-Length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
}

export function isLoopbackAddress(address: string | undefined): boolean {
	if (!address) return false;
	const plain = address.replace(/^::ffff:/, '');
	return plain === '::1' || plain.startsWith('127.');
}

/** True for http(s) URLs on this machine: the only places the emulator ever sends webhooks to. */
export function isLoopbackUrl(url: string): boolean {
	try {
		const { hostname } = new URL(url);
		return hostname === 'localhost' || hostname === '[::1]' || isLoopbackAddress(hostname);
	} catch {
		return false;
	}
}

export function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}
