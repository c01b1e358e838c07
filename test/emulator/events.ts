import { randomUUID } from 'node:crypto';

import type { AcceptedMessage } from './types';

/** What the emulator's pretend carrier does with a number (documented in README.md). */
export interface Outcome {
	status: 'delivered' | 'rejected' | 'undeliverable';
	error?: { code: number; reason: string };
}

export function outcomeFor(to: string): Outcome {
	if (to.endsWith('666')) return { status: 'rejected', error: { code: 1240, reason: 'Illegal Number' } };
	if (to.endsWith('404')) return { status: 'undeliverable', error: { code: 1300, reason: 'Not part of the provider network' } };
	return { status: 'delivered' };
}

/** A Message Status callback (seed page / `MessageStatus` schema); client_ref only when the send had one. */
export function statusEvent(message: AcceptedMessage, status: 'submitted' | Outcome): Record<string, unknown> {
	const { to, from, client_ref: clientRef } = message.body;
	const outcome: Outcome | { status: 'submitted' } = typeof status === 'string' ? { status } : status;
	return {
		message_uuid: message.message_uuid,
		to: { type: 'sms', number: to.number },
		from: { type: 'sms', number: from.number },
		timestamp: new Date().toISOString(),
		status: outcome.status,
		...('error' in outcome && outcome.error ? { error: outcome.error } : {}),
		usage: { currency: 'EUR', price: '0.0333' },
		...(clientRef !== undefined ? { client_ref: clientRef } : {}),
	};
}

const GSM7 =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '|^€{}[]~\\\f';

/** How many SMS parts a text takes (GSM-7: 160 / 153 per part, extension chars count 2; UCS-2: 70 / 67). */
export function smsParts(text: string): number {
	const chars = Array.from(text);
	const gsm = chars.every((c) => GSM7.includes(c) || GSM7_EXTENSION.includes(c));
	const units = gsm ? chars.reduce((n, c) => n + (GSM7_EXTENSION.includes(c) ? 2 : 1), 0) : text.length;
	const [single, multi] = gsm ? [160, 153] : [70, 67];
	return units <= single ? 1 : Math.ceil(units / multi);
}

/** An Inbound Message webhook for SMS (seed page / `inbound-message` SMS variant). */
export function inboundEvent(msg: { from: string; to: string; text: string }): Record<string, unknown> {
	return {
		message_uuid: randomUUID(),
		timestamp: new Date().toISOString(),
		to: { type: 'sms', number: msg.to },
		from: { type: 'sms', number: msg.from },
		message: { content: { type: 'text', text: msg.text }, sms: { num_messages: String(smsParts(msg.text)) } },
		usage: { currency: 'EUR', price: '0.0057' },
	};
}
