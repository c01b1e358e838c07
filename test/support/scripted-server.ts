// A small HTTP server on 127.0.0.1 that answers what a test scripts, for the adversarial cases the
// emulator does not model (redirects, trickling answers, odd Retry-After headers). It records every
// request it gets, including whether an Authorization header came with it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
	method: string;
	url: string;
	authorization?: string;
	body: string;
	at: number;
}

export type Script = (
	req: IncomingMessage,
	res: ServerResponse,
	index: number,
	body: string,
) => void | Promise<void>;

export interface ScriptedServer {
	url: string;
	host: string;
	requests: ScriptedRequest[];
	/** Connections the client closed before the answer was complete. */
	abortedAnswers: number;
	close(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
	const requests: ScriptedRequest[] = [];
	const state = { abortedAnswers: 0 };
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const index = requests.length;
			requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				authorization: req.headers.authorization,
				body,
				at: Date.now(),
			});
			res.on('close', () => {
				if (!res.writableFinished) state.abortedAnswers++;
			});
			void Promise.resolve(script(req, res, index, body)).catch(() => res.destroy());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		requests,
		get abortedAnswers() {
			return state.abortedAnswers;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export function answerJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}
