/**
 * `PATCH /v1/messages/{message_uuid}` (Vonage's node SDK `updateMessage`: body `{status}`, answer 202
 * with no body, per its fixtures "update a message as read" and the RCS revoke one). What the SDK's
 * `UpdateMessageStatus` says each status is for decides what is refused: `read` only for an inbound
 * WhatsApp message ("The status of an outbound WhatsApp message cannot be updated via this
 * endpoint"), `revoked` only for an outbound RCS message not yet delivered ("revokes that message if
 * possible"). No fixture records Vonage's refusals: an unknown UUID answers 404, a message this status
 * cannot apply to 422 `Invalid params` (#1150, the shared README's v1 validation answer), with a
 * detail saying why.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { checkAuth } from './auth';
import type { Emulator } from './emulator';
import { parseJson, readBody, sendJson } from './http';
import { genericProblem, invalidParams, messagesProblem, unauthorized } from './problems';

interface Known {
	direction: 'inbound' | 'outbound';
	/** The v1 channel name (v0.1 payloads name it in `to.type`/`from.type`). */
	channel: string;
	delivered: boolean;
}

const channelOf = (event: Record<string, any>): string =>
	String(event.channel ?? event.from?.type ?? event.to?.type ?? '');

/** What the emulator knows of a message: sent to it (accepted, or a later failover step) or by a customer. */
export function findMessage(emu: Emulator, uuid: string): Known | undefined {
	const events = emu.webhookDeliveries
		.filter((d) => d.attempt <= 1)
		.map((d) => ({ kind: d.kind, event: JSON.parse(d.body) as Record<string, any> }))
		.filter(({ event }) => event.message_uuid === uuid);
	const inbound = events.find((e) => e.kind === 'inbound');
	if (inbound) return { direction: 'inbound', channel: channelOf(inbound.event), delivered: true };
	const statuses = events.filter((e) => e.kind === 'status').map((e) => e.event);
	const accepted = emu.accepted.find((m) => m.message_uuid === uuid);
	if (!accepted && statuses.length === 0) return undefined;
	const channel = accepted
		? String(accepted.body.channel ?? accepted.body.from?.type ?? '')
		: channelOf(statuses[0]);
	const delivered = statuses.some((s) => s.status === 'delivered' || s.status === 'read');
	return { direction: 'outbound', channel, delivered };
}

const refuse = (detail: string) =>
	messagesProblem(1150, 'Invalid params', detail, {
		invalid_parameters: [{ name: 'status', reason: detail }],
	});

export async function handleUpdate(
	emu: Emulator,
	req: IncomingMessage,
	res: ServerResponse,
	uuid: string,
): Promise<void> {
	const at = Date.now();
	const parsed = parseJson(await readBody(req));
	const auth = checkAuth(req.headers, emu.keys, { jwt: true, basic: true });
	const answer = (status: number, payload?: unknown) => {
		emu.requests.push({ ...(auth.ok ? { auth: auth.auth } : {}), status, at });
		if (payload === undefined) {
			res.writeHead(status).end();
			return;
		}
		sendJson(res, status, payload);
	};
	if (!auth.ok)
		return answer(401, unauthorized(auth.failure, auth.detail, emu.options.unauthorizedTitle));
	// A queued `status` fault answers instead, as for a send (README "Faults").
	const fault = emu.faults[0]?.kind === 'status' ? emu.faults.shift() : undefined;
	if (fault?.kind === 'status') {
		if (fault.retryAfterSeconds !== undefined)
			res.setHeader('Retry-After', String(fault.retryAfterSeconds));
		return answer(fault.status, fault.body ?? {});
	}
	const status = parsed.ok ? (parsed.value as any)?.status : undefined;
	if (status !== 'read' && status !== 'revoked')
		return answer(
			422,
			invalidParams([{ name: 'status', reason: 'must be one of: read, revoked' }]),
		);
	const known = findMessage(emu, uuid);
	if (!known)
		return answer(
			404,
			genericProblem('#not-found', 'Not Found', `Message with UUID ${uuid} was not found.`),
		);
	if (status === 'read' && !(known.direction === 'inbound' && known.channel === 'whatsapp'))
		return answer(422, refuse('Only an inbound WhatsApp message can be marked as read.'));
	if (status === 'revoked') {
		if (known.direction !== 'outbound' || known.channel !== 'rcs')
			return answer(422, refuse('Only an outbound RCS message can be revoked.'));
		if (known.delivered)
			return answer(422, refuse('The message has already been delivered and cannot be revoked.'));
	}
	emu.updates.push({ message_uuid: uuid, status, at });
	return answer(202);
}
