import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleApplications } from './applications';
import { checkAuth } from './auth';
import type { Emulator, Fault } from './index';
import { problem, sendJson, unauthorized } from './problems';
import { validateSms } from './validate';

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	if (text === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function route(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
	const method = req.method ?? 'GET';
	if (path === '/v0.1/messages' && method === 'POST') {
		const fault = emu.faults.shift();
		if (fault?.kind === 'reset-before-accept') {
			emu.requests.push({ status: 'reset', at: Date.now() });
			req.socket.destroy();
			return;
		}
		return await sendMessage(emu, req, res, fault);
	}
	const text = await readBody(req);
	const body = parseJson(text);
	if (!body.ok) return sendJson(res, 400, problem('bad-request', 'Bad Request', 'The body is not valid JSON.'));
	const apps = /^\/v2\/applications(?:\/([^/]+))?$/.exec(path);
	if (apps) {
		const state = { keys: emu.keys, application: emu.application, writes: emu.applicationWrites };
		handleApplications(method, apps[1] && decodeURIComponent(apps[1]), req.headers, body.value, state, res);
		emu.application = state.application;
		return;
	}
	return await control(emu, method, path, body.value, res);
}

async function sendMessage(emu: Emulator, req: IncomingMessage, res: ServerResponse, fault: Fault | undefined) {
	const text = await readBody(req);
	const auth = checkAuth(req.headers, emu.keys, emu.usedJtis, { jwt: true, basic: true });
	const at = Date.now();
	if (!auth.ok) {
		emu.requests.push({ status: 401, at });
		return sendJson(res, 401, unauthorized(auth.detail));
	}
	const parsed = parseJson(text);
	const body = parsed.ok ? parsed.value : undefined;
	const record = (status: number | 'reset' | 'hang') => emu.requests.push({ auth: auth.auth, status, body, at });

	const limit = emu.options.rateLimitPerSecond;
	emu.recentSends = emu.recentSends.filter((t) => at - t < 1000);
	if (limit !== undefined && emu.recentSends.length >= limit) {
		record(429);
		const retryAfter = Math.max(1, Math.ceil((1000 - (at - emu.recentSends[0])) / 1000));
		return sendJson(res, 429, problem(1000, 'Throttled', 'You have exceeded the submission capacity allowed on this account. Please wait and retry.'), { 'Retry-After': String(retryAfter) });
	}
	emu.recentSends.push(at);

	if (fault?.kind === 'status') {
		record(fault.status);
		const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
		const answer = fault.body ?? (fault.status === 429 ? problem(1000, 'Throttled', 'Please wait and retry.') : problem(1030, 'Internal error', 'There was an error processing your request in the Platform.'));
		return sendJson(res, fault.status, answer, headers);
	}
	const invalid = parsed.ok ? validateSms(body) : { status: 400, problem: problem(1010, 'Missing params', 'The body is not valid JSON.') };
	if (invalid) {
		record(invalid.status);
		return sendJson(res, invalid.status, invalid.problem);
	}

	const message = { message_uuid: randomUUID(), body: body as Record<string, any>, auth: auth.auth, jti: auth.jti, receivedAt: at };
	emu.accepted.push(message);
	emu.emitStatuses(message);
	if (fault?.kind === 'reset-after-accept') {
		record('reset');
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'hang-after-accept') {
		record('hang');
		return;
	}
	record(202);
	if (emu.options.latencyMs) await sleep(emu.options.latencyMs);
	sendJson(res, 202, { message_uuid: message.message_uuid });
}

async function control(emu: Emulator, method: string, path: string, body: any, res: ServerResponse) {
	if (path === '/_emulator/state' && method === 'GET') return sendJson(res, 200, emu.publicState());
	if (path === '/_emulator/inbound' && method === 'POST') {
		if (!body || typeof body.from !== 'string' || typeof body.to !== 'string' || typeof body.text !== 'string') {
			return sendJson(res, 400, problem('bad-request', 'Bad Request', 'Send {"from", "to", "text"}.'));
		}
		return sendJson(res, 200, await emu.sendInbound(body));
	}
	if (path === '/_emulator/config' && method === 'POST') {
		const allowed = ['latencyMs', 'rateLimitPerSecond', 'webhookRetryDelaysMs', 'statusDelayMs'];
		emu.configure(Object.fromEntries(Object.entries(body ?? {}).filter(([key]) => allowed.includes(key))));
		return sendJson(res, 200, { ok: true });
	}
	if (path === '/_emulator/faults' && method === 'POST') {
		emu.failNext(...(Array.isArray(body) ? body : []));
		return sendJson(res, 200, { queued: emu.faults.length });
	}
	if (path === '/_emulator/reset' && method === 'POST') {
		emu.reset();
		return sendJson(res, 200, { ok: true });
	}
	return sendJson(res, 404, problem('not-found', 'Not Found', `No route for ${method} ${path}`));
}
