import { CHANNELS, channelFromWire } from '../vocabulary/channels';
import { errorCodeFromType } from '../vocabulary/errorCodes';

/**
 * What Vonage sends to a status or inbound URL, in either webhook format. The format is chosen by the
 * application's `capabilities.messages.version` ("v1" when unset), not by the endpoint a message was
 * sent to (shared README, "Real accounts today").
 *
 * - v0.1 (OpenAPI messages-v0.1.yml: `MessageStatus`, `inbound-message`): `to`/`from` are objects
 *   `{type, number}` or `{type, id}` (Messenger, Viber service IDs), content sits in `message.content`
 *   (`{type: "text", text}`, `{type: "image", image: {url, caption}}`, ...), errors are `{code, reason}`,
 *   the channel is only in `to.type` / `from.type` (Viber is `viber_service_msg`).
 * - v1 (shared README; Vonage's SDK types for MessageStatus and InboundMessage): flat. `channel`,
 *   `message_type`, `to`/`from` strings, `text` or `image: {url, caption}`, `audio`, `video`, `file`,
 *   `vcard`, `sticker` at the top level, errors `{type: ".../messages#1320", title: "1320", detail, instance}`.
 *
 * Everything here reads defensively: a webhook is untrusted input and either format may lack any field,
 * and no value from it is ever used as a key into a table of ours except by own property.
 */
export type WebhookVersion = 'v0.1' | 'v1';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** Which format an event is in, by structure: object addresses or `message.content` mean v0.1, string ones v1. */
export function webhookVersionOf(event: Json): WebhookVersion | undefined {
	if (isObject(event.to) || isObject(event.from) || isObject(event.message)) return 'v0.1';
	if (typeof event.to === 'string' || typeof event.from === 'string') return 'v1';
	if (typeof event.channel === 'string' || typeof event.message_type === 'string') return 'v1';
	if (isObject(event.error)) {
		const has = (name: string) => Object.hasOwn(event.error as Json, name);
		if (has('code') || has('reason')) return 'v0.1';
		if (has('title') || has('type') || has('detail')) return 'v1';
	}
	return undefined;
}

/** A v1 address string, or a v0.1 address object's `number` (phone numbers) or `id` (Messenger, Viber service). */
export function addressOf(value: unknown): string | undefined {
	if (typeof value === 'string') return text(value);
	if (typeof value === 'number') return String(value);
	if (!isObject(value)) return undefined;
	return (
		text(value.number) ??
		(typeof value.number === 'number' ? String(value.number) : undefined) ??
		text(value.id)
	);
}

/**
 * v1: the event's own `channel`, as Vonage sent it (the output keeps Vonage's field unchanged). v0.1:
 * `to.type` / `from.type` read as one of the five v0.1 channel types, named as v1 names it
 * (`viber_service_msg` is `viber_service`); any other type is no channel at all.
 */
export function channelOf(event: Json): string | undefined {
	const own = text(event.channel);
	if (own) return own;
	for (const side of [event.to, event.from]) {
		const channel = isObject(side) ? channelFromWire(side.type) : undefined;
		if (channel) return CHANNELS[channel].v1Channel;
	}
	return undefined;
}

/** v0.1 `message.content`, or the v1 event itself (its content fields are top level). */
export function contentOf(event: Json): Json {
	const message = isObject(event.message) ? event.message : undefined;
	return message && isObject(message.content) ? message.content : event;
}

export function messageTypeOf(event: Json): string | undefined {
	const content = contentOf(event);
	return text(event.message_type) ?? (content !== event ? text(content.type) : undefined);
}

export interface WireError {
	/** A safe integer, or Vonage's own digits when they are too many for one (never a rounded number). */
	code?: number | string;
	/** Vonage's own words: v0.1 `reason`, v1 `detail` (or a v1 `title` that is not a code). */
	reason?: string;
}

/**
 * A code as Vonage wrote it: a number only when it is a safe integer; digits in text that no number
 * holds exactly (23 digits would read 1e+23) stay text. A number that is not a safe integer arrives
 * already rounded by JSON parsing, so it is no code at all (the event keeps what Vonage sent).
 */
const asCode = (value: unknown): number | string | undefined => {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
	const digits = value.trim();
	return Number.isSafeInteger(Number(digits)) ? Number(digits) : digits;
};

/** v0.1 `{code, reason}`; v1 `{type: ".../messages#1320", title: "1320", detail}` (the code in title or type). */
export function errorOf(event: Json): WireError | undefined {
	const error = event.error;
	if (!isObject(error)) return undefined;
	const code = asCode(error.code) ?? asCode(error.title) ?? errorCodeFromType(error.type);
	const titleText = asCode(error.title) === undefined ? text(error.title) : undefined;
	const reason = text(error.reason) ?? text(error.detail) ?? titleText;
	if (code === undefined && reason === undefined) return undefined;
	return { code, reason };
}
