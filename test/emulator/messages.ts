import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { checkAuth } from './auth';
import type { Emulator } from './emulator';
import { parseJson, readBody, sendJson } from './http';
import { internalError, missingParams, throttled, unauthorized } from './problems';
import type { AcceptedMessage, Fault, RequestRecord } from './types';
import { validateMessage, type ApiVersion } from './channels';
import { validateFailover } from './failover';

/** Takes the queued fault at the head of the queue if it is one of `kinds` (faults apply in order). */
function takeFault<K extends Fault['kind']>(
	emu: Emulator,
	kinds: K[],
): Extract<Fault, { kind: K }> | undefined {
	const head = emu.faults[0];
	if (!head || !kinds.includes(head.kind as K)) return undefined;
	emu.faults.shift();
	return head as Extract<Fault, { kind: K }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /v0.1/messages and /v1/messages (every channel: channels.ts), in Vonage's order: authentication, then throttling, then the body. Queued faults
 * are used only when they apply: `reset-before-accept` on arrival, `status` once authenticated,
 * `*-after-accept` once a message is accepted.
 */
export async function handleSend(
	emu: Emulator,
	req: IncomingMessage,
	res: ServerResponse,
	version: ApiVersion = 'v0.1',
): Promise<void> {
	const at = Date.now();
	if (takeFault(emu, ['reset-before-accept'])) {
		emu.requests.push({ status: 'reset', at });
		req.socket.destroy();
		return;
	}
	const parsed = parseJson(await readBody(req));
	const body = parsed.ok ? parsed.value : undefined;
	const answer = async (
		record: RequestRecord,
		status: number,
		payload: unknown,
		headers: Record<string, string> = {},
	) => {
		emu.requests.push(record);
		if (emu.options.latencyMs) await sleep(emu.options.latencyMs);
		sendJson(res, status, payload, headers);
	};

	const auth = checkAuth(req.headers, emu.keys, { jwt: true, basic: true });
	if (!auth.ok)
		return await answer(
			{ status: 401, at },
			401,
			unauthorized(auth.failure, auth.detail, emu.options.unauthorizedTitle),
		);
	const record = (status: RequestRecord['status']): RequestRecord => ({
		auth: auth.auth,
		status,
		body,
		at,
	});

	const fault = takeFault(emu, ['status']);
	if (fault) {
		const headers: Record<string, string> =
			fault.retryAfterSeconds !== undefined
				? { 'Retry-After': String(fault.retryAfterSeconds) }
				: {};
		return await answer(
			record(fault.status),
			fault.status,
			fault.body ?? (fault.status === 429 ? throttled() : internalError()),
			headers,
		);
	}
	const wait = emu.window.retryAfter(at, emu.options.rateLimitPerSecond);
	if (wait !== undefined) {
		return await answer(
			record(429),
			429,
			throttled(),
			emu.options.throttleRetryAfter === false ? {} : { 'Retry-After': String(wait) },
		);
	}

	const invalid = parsed.ok
		? (validateMessage(version, body) ?? (version === 'v1' ? validateFailover(body) : undefined))
		: { status: 400, problem: missingParams('The request body is not valid JSON.') };
	if (invalid) return await answer(record(invalid.status), invalid.status, invalid.problem);

	const message: AcceptedMessage = {
		message_uuid: randomUUID(),
		body: body as Record<string, any>,
		auth: auth.auth,
		receivedAt: at,
		...(version === 'v1' ? { version } : {}),
	};
	// v1's per-message `webhook_version` overrides the application's webhook format (SDK MessageParams.webhookVersion).
	if (
		version === 'v1' &&
		(message.body.webhook_version === 'v0.1' || message.body.webhook_version === 'v1')
	)
		message.webhookVersion = message.body.webhook_version;
	// v1's per-message `webhook_url` takes its statuses elsewhere (SDK MessageParams.webhookUrl; account.ts).
	// A failover step's own webhook_url is not modelled: the first message's decides for every step.
	if (version === 'v1' && typeof message.body.webhook_url === 'string')
		message.webhookUrl = message.body.webhook_url;
	if (auth.jti !== undefined) message.jti = auth.jti;
	emu.window.add(at);
	emu.accepted.push(message);
	emu.emitStatuses(message);

	const after = takeFault(emu, ['reset-after-accept', 'hang-after-accept']);
	if (after?.kind === 'hang-after-accept') {
		emu.requests.push(record('hang'));
		return; // never answered; close() or the client's timeout ends it
	}
	if (after?.kind === 'reset-after-accept') {
		emu.requests.push(record('reset'));
		if (emu.options.latencyMs) await sleep(emu.options.latencyMs);
		req.socket.destroy();
		return;
	}
	return await answer(record(202), 202, { message_uuid: message.message_uuid });
}
