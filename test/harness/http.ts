// Turns node:http's request/response into what n8n's webhook server hands to nodes: an
// express-like request with n8n's `rawBodyReader`/`parseBody` applied
// (packages/cli/src/middlewares/body-parser.ts), and an express-like response with the
// methods n8n's response helpers and webhook nodes use (status/header/set/json/send).
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

import { jsonParse, type IDataObject } from 'n8n-workflow';

import { parseIncomingMessage } from './engine';

export interface WebhookRequest extends IncomingMessage {
	/** Raw bytes as received (after gzip/deflate decoding), exactly like n8n's `req.rawBody`. */
	rawBody: Buffer;
	/** Parsed body. Stays undefined when n8n would not parse it (empty, unknown content type). */
	body: unknown;
	query: IDataObject;
	params: IDataObject;
	path: string;
	originalUrl: string;
	contentType?: string;
	/** Charset from Content-Type (n8n defaults it to utf-8); unset when there is no Content-Type. */
	encoding: BufferEncoding;
	readRawBody(): Promise<void>;
}

export type WebhookResponse = ServerResponse & {
	status(code: number): WebhookResponse;
	header(name: string | OutgoingHttpHeaders, value?: string | string[]): WebhookResponse;
	set(name: string | OutgoingHttpHeaders, value?: string | string[]): WebhookResponse;
	type(contentType: string): WebhookResponse;
	json(body: unknown): WebhookResponse;
	send(body?: unknown): WebhookResponse;
	sendStatus(code: number): WebhookResponse;
};

/** n8n answers 422 for a body its parser rejects (UnprocessableRequestError). */
export class UnprocessableRequestError extends Error {
	readonly httpStatusCode = 422;
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
	}
}

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

export function toWebhookRequest(raw: IncomingMessage, mountPath: string): WebhookRequest {
	const req = raw as WebhookRequest;
	const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
	parseIncomingMessage(req);
	req.originalUrl = raw.url ?? '/';
	req.path = url.pathname;
	req.query = parseQueryString(url.search.slice(1)) as IDataObject;
	req.params = { path: url.pathname.slice(mountPath.length + 1) };
	req.body = undefined;
	req.readRawBody = async () => {
		if (req.rawBody) return;
		const encoding = req.headers['content-encoding'];
		const stream =
			encoding === 'gzip'
				? req.pipe(createGunzip())
				: encoding === 'deflate'
					? req.pipe(createInflate())
					: req;
		req.rawBody = await readAll(stream);
	};
	return req;
}

/** n8n's `parseBody`: JSON / form / text (XML is not supported by the harness). */
export async function parseBody(req: WebhookRequest): Promise<void> {
	if (req.contentType?.startsWith('multipart/')) return;
	await req.readRawBody();
	const { rawBody, contentType, encoding } = req;
	if (!rawBody.length) return;
	try {
		if (contentType === 'application/json') req.body = jsonParse(rawBody.toString(encoding));
		else if (contentType === 'application/x-www-form-urlencoded')
			req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, {
				maxKeys: 1000,
			});
		else if (contentType === 'text/plain') req.body = rawBody.toString(encoding);
		else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml'))
			throw new Error('XML bodies are not supported by the test harness');
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- server-side error, as in n8n's body parser
		throw new UnprocessableRequestError('Failed to parse request body', (error as Error).message);
	}
}

export function toWebhookResponse(raw: ServerResponse): WebhookResponse {
	const res = raw as WebhookResponse;
	const setHeaders = (name: string | OutgoingHttpHeaders, value?: string | string[]) => {
		if (typeof name === 'string') res.setHeader(name, value ?? '');
		else
			for (const [key, val] of Object.entries(name)) if (val !== undefined) res.setHeader(key, val);
		return res;
	};
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.header = setHeaders;
	res.set = setHeaders;
	res.type = (contentType) => setHeaders('content-type', contentType);
	res.json = (body) => {
		if (!res.hasHeader('content-type'))
			res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(body === undefined ? '' : JSON.stringify(body));
		return res;
	};
	res.send = (body) => {
		if (body === undefined || body === null) res.end();
		else if (Buffer.isBuffer(body)) {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
			res.end(body);
		} else if (typeof body === 'object') return res.json(body);
		else {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(String(body));
		}
		return res;
	};
	res.sendStatus = (code) => res.status(code).send(String(code));
	return res;
}
