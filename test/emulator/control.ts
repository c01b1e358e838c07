import type { ServerResponse } from 'node:http';

import { inboundSpecOf } from './channel-events';
import { sendChannelInbound } from './channel-status';
import { sendReply } from './reply';
import type { Emulator } from './emulator';
import { genericProblem, MESSAGES_401_TITLES, notFound } from './problems';
import { isHttpUrl, sendJson, type Parsed } from './http';
import {
	FAULT_KINDS,
	MESSAGING_API_TYPES,
	RUNTIME_OPTIONS,
	WEBHOOK_VERSIONS,
	type EmulatorOptions,
	type Fault,
} from './types';

const badRequest = (detail: string) => genericProblem('#bad-request', 'Bad Request', detail);

function isFault(value: unknown): value is Fault {
	if (typeof value !== 'object' || value === null) return false;
	const fault = value as Record<string, unknown>;
	if (!FAULT_KINDS.includes(fault.kind as Fault['kind'])) return false;
	return (
		fault.kind !== 'status' ||
		(Number.isInteger(fault.status) &&
			(fault.status as number) >= 100 &&
			(fault.status as number) <= 599)
	);
}

/** Whether `value` is a valid setting for the runtime option `key` (null, meaning unset, is handled apart). */
function validOption(key: string, value: unknown): boolean {
	switch (key) {
		case 'webhookRetryDelaysMs':
			return Array.isArray(value) && value.every((n) => typeof n === 'number' && n >= 0);
		case 'applicationWebhookVersion':
			return WEBHOOK_VERSIONS.includes(value as never);
		case 'messagingApiType':
			return MESSAGING_API_TYPES.includes(value as never);
		case 'accountStatusUrl':
			return isHttpUrl(value);
		case 'unauthorizedTitle':
			return MESSAGES_401_TITLES.includes(value as never);
		case 'throttleRetryAfter':
			return typeof value === 'boolean';
		default:
			return typeof value === 'number' && value >= 0;
	}
}

function runtimeOptions(body: unknown): Partial<EmulatorOptions> | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const picked: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) {
		if (!(RUNTIME_OPTIONS as readonly string[]).includes(key)) return undefined;
		const ok = value === null ? key !== 'webhookRetryDelaysMs' : validOption(key, value);
		if (!ok) return undefined;
		picked[key] = value ?? undefined;
	}
	return picked as Partial<EmulatorOptions>;
}

/**
 * /_emulator/* for other processes (e2e suite, `npm run dev`): no auth, loopback clients only, and no
 * secrets in any answer (no API secret, private key or signature secret).
 */
export async function handleControl(
	emu: Emulator,
	method: string,
	path: string,
	parsed: Parsed,
	res: ServerResponse,
): Promise<void> {
	if (!parsed.ok) return sendJson(res, 400, badRequest('The body is not valid JSON.'));
	const body = parsed.value as any;
	const route = `${method} ${path}`;
	switch (route) {
		case 'GET /_emulator/state':
			return sendJson(res, 200, emu.publicState());
		case 'POST /_emulator/inbound': {
			const channelInbound = body?.channel !== undefined ? inboundSpecOf(body) : undefined;
			if (channelInbound)
				return sendJson(
					res,
					200,
					await sendChannelInbound(emu, channelInbound.spec, channelInbound.format),
				);
			const ok = body && ['from', 'to', 'text'].every((key) => typeof body[key] === 'string');
			if (!ok)
				return sendJson(
					res,
					400,
					badRequest(
						'Send {"from": "447700900000", "to": "447700900001", "text": "..."}, or for any channel {"channel": "whatsapp", "from", "to", "type": "image", "url", "caption", "format": "v1"}.',
					),
				);
			return sendJson(
				res,
				200,
				await emu.sendInbound({ from: body.from, to: body.to, text: body.text }),
			);
		}
		case 'POST /_emulator/reply': {
			const delivery =
				body && typeof body === 'object' && !Array.isArray(body)
					? await sendReply(emu, body)
					: undefined;
			if (!delivery)
				return sendJson(
					res,
					404,
					notFound(
						'Send {"message_uuid": "<an accepted message>"} or {"to": "<its recipient>"}, with "text" (or "type", "url"... as /_emulator/inbound takes them) and optionally "format": "v0.1" | "v1".',
					),
				);
			return sendJson(res, 200, delivery);
		}
		case 'POST /_emulator/config': {
			const options = runtimeOptions(body);
			if (!options) {
				const detail = `Only ${RUNTIME_OPTIONS.join(', ')} may change (numbers >= 0; applicationWebhookVersion ${WEBHOOK_VERSIONS.join('|')}; messagingApiType ${MESSAGING_API_TYPES.join('|')}; accountStatusUrl an http(s) URL; unauthorizedTitle one of ${MESSAGES_401_TITLES.map((t) => JSON.stringify(t)).join(', ')}; throttleRetryAfter true|false; null to unset).`;
				return sendJson(res, 400, badRequest(detail));
			}
			emu.configure(options);
			return sendJson(res, 200, { ok: true });
		}
		case 'POST /_emulator/faults': {
			const faults: unknown[] = Array.isArray(body) ? body : [body];
			if (!faults.every(isFault))
				return sendJson(
					res,
					400,
					badRequest(
						`Each fault needs a kind of ${FAULT_KINDS.join(', ')}; status faults a status.`,
					),
				);
			emu.failNext(...faults);
			return sendJson(res, 200, { queued: emu.faults.length });
		}
		case 'POST /_emulator/reset':
			emu.reset();
			return sendJson(res, 200, { ok: true });
		default:
			return sendJson(res, 404, notFound(`No route for ${route}`));
	}
}
