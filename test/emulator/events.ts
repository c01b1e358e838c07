import { randomUUID } from 'node:crypto';

import type { AcceptedMessage, WebhookVersion } from './types';

/** What the emulator's pretend carrier does with a number (documented in README.md). */
export interface Outcome {
	status: 'delivered' | 'rejected' | 'undeliverable';
	error?: { code: number; reason: string };
}

export function outcomeFor(to: string): Outcome {
	if (to.endsWith('666'))
		return { status: 'rejected', error: { code: 1240, reason: 'Illegal Number' } };
	if (to.endsWith('404'))
		return {
			status: 'undeliverable',
			error: { code: 1300, reason: 'Not part of the provider network' },
		};
	return { status: 'delivered' };
}

const USAGE_SENT = { currency: 'EUR', price: '0.0333' };
const USAGE_INBOUND = { currency: 'EUR', price: '0.0057' };
/** A mobile network code (MCC+MNC) for `destination` / `origin` in v1 events. */
const NETWORK_CODE = '23410';

/**
 * A Message Status callback, for the message as it was sent (v0.1 body: `to.number`, `from.number`).
 * - v0.1: seed page / OpenAPI `MessageStatus`: addresses `{type, number}`, error `{code, reason}`.
 * - v1: shared README "v1 status webhook (SMS)" and Vonage's SDK MessageStatus type: `to`/`from` strings,
 *   `channel`, error `{type: ".../messages#<code>", title: "<code>", detail, instance}`,
 *   `destination.network_code`, `sms.count_total`.
 * client_ref only when the send had one (shared README: it is carried into every status).
 */
export function statusEvent(
	message: AcceptedMessage,
	status: 'submitted' | Outcome,
	version: WebhookVersion,
): Record<string, unknown> {
	const { to, from, client_ref: clientRef } = message.body;
	const outcome: Outcome | { status: 'submitted' } =
		typeof status === 'string' ? { status } : status;
	const error = 'error' in outcome ? outcome.error : undefined;
	const ref = clientRef !== undefined ? { client_ref: clientRef } : {};
	const common = {
		message_uuid: message.message_uuid,
		timestamp: new Date().toISOString(),
		status: outcome.status,
	};
	if (version === 'v0.1') {
		return {
			message_uuid: common.message_uuid,
			to: { type: 'sms', number: to.number },
			from: { type: 'sms', number: from.number },
			timestamp: common.timestamp,
			status: common.status,
			...(error ? { error } : {}),
			usage: USAGE_SENT,
			...ref,
		};
	}
	const v1Error = error
		? {
				type: `https://developer.vonage.com/api-errors/messages#${error.code}`,
				title: String(error.code),
				detail: error.reason,
				instance: randomUUID(),
			}
		: undefined;
	return {
		...common,
		to: to.number,
		from: from.number,
		channel: 'sms',
		...ref,
		...(v1Error ? { error: v1Error } : {}),
		usage: USAGE_SENT,
		destination: { network_code: NETWORK_CODE },
		sms: { count_total: String(smsParts(message.body.message?.content?.text ?? '')) },
	};
}

const GSM7 =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '|^€{}[]~\\\f';

/** How many SMS parts a text takes (GSM-7: 160 / 153 per part, extension chars count 2; UCS-2: 70 / 67). */
export function smsParts(text: string): number {
	const chars = Array.from(text);
	const gsm = chars.every((c) => GSM7.includes(c) || GSM7_EXTENSION.includes(c));
	const units = gsm
		? chars.reduce((n, c) => n + (GSM7_EXTENSION.includes(c) ? 2 : 1), 0)
		: text.length;
	const [single, multi] = gsm ? [160, 153] : [70, 67];
	return units <= single ? 1 : Math.ceil(units / multi);
}

/**
 * An inbound SMS.
 * - v0.1: seed page / OpenAPI `inbound-message` SMS variant: `message.content.text`, `message.sms.num_messages`.
 * - v1: shared README "v1 inbound SMS" and Vonage's SDK InboundMessage type: `channel`, `message_type`,
 *   `to`/`from` strings, top-level `text`, `sms: {num_messages, total_count, keyword}`, `origin.network_code`.
 */
export function inboundEvent(
	msg: { from: string; to: string; text: string },
	version: WebhookVersion,
): Record<string, unknown> {
	const parts = String(smsParts(msg.text));
	const common = { message_uuid: randomUUID(), timestamp: new Date().toISOString() };
	if (version === 'v0.1') {
		return {
			...common,
			to: { type: 'sms', number: msg.to },
			from: { type: 'sms', number: msg.from },
			message: { content: { type: 'text', text: msg.text }, sms: { num_messages: parts } },
			usage: USAGE_INBOUND,
		};
	}
	const keyword = (msg.text.trim().split(/\s+/)[0] ?? '').toUpperCase();
	return {
		channel: 'sms',
		message_type: 'text',
		...common,
		to: msg.to,
		from: msg.from,
		text: msg.text,
		sms: { num_messages: parts, total_count: parts, keyword },
		usage: USAGE_INBOUND,
		origin: { network_code: NETWORK_CODE },
	};
}
