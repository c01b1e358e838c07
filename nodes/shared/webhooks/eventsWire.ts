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
 * Everything here reads defensively: a webhook is untrusted input and either format may lack any field.
 */
export type WebhookVersion = 'v0.1' | 'v1';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** The media containers both formats use, under `message.content` (v0.1) or at the top level (v1). */
export const MEDIA_TYPES = ['image', 'video', 'audio', 'file', 'vcard', 'sticker'] as const;

/** v0.1 channel names that differ from v1's (`viber_service_msg` became `viber_service`). */
const V01_CHANNELS: Record<string, string> = { viber_service_msg: 'viber_service' };

/** Which format an event is in, by structure: object addresses or `message.content` mean v0.1, string ones v1. */
export function webhookVersionOf(event: Json): WebhookVersion | undefined {
	if (isObject(event.to) || isObject(event.from) || isObject(event.message)) return 'v0.1';
	if (typeof event.to === 'string' || typeof event.from === 'string') return 'v1';
	if (typeof event.channel === 'string' || typeof event.message_type === 'string') return 'v1';
	if (isObject(event.error)) {
		if ('code' in event.error || 'reason' in event.error) return 'v0.1';
		if ('title' in event.error || 'type' in event.error || 'detail' in event.error) return 'v1';
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

export function channelOf(event: Json): string | undefined {
	const own = text(event.channel);
	if (own) return own;
	for (const side of [event.to, event.from]) {
		const type = isObject(side) ? text(side.type) : undefined;
		if (type) return V01_CHANNELS[type] ?? type;
	}
	return undefined;
}

/** v0.1 `message.content`, or the v1 event itself (its content fields are top level). */
function contentOf(event: Json): Json {
	const message = isObject(event.message) ? event.message : undefined;
	return message && isObject(message.content) ? message.content : event;
}

export function messageTypeOf(event: Json): string | undefined {
	const content = contentOf(event);
	return text(event.message_type) ?? (content !== event ? text(content.type) : undefined);
}

export function textOf(event: Json): string | undefined {
	const content = contentOf(event);
	return typeof content.text === 'string' ? content.text : undefined;
}

/** The media object of an inbound message: the one its type names, else the first media container present. */
export function mediaOf(event: Json): { url?: string; caption?: string } | undefined {
	const content = contentOf(event);
	const type = messageTypeOf(event);
	const names = type && (MEDIA_TYPES as readonly string[]).includes(type) ? [type] : MEDIA_TYPES;
	for (const name of names) {
		const media = content[name];
		if (isObject(media)) return { url: text(media.url), caption: text(media.caption) };
	}
	return undefined;
}

export interface WireError {
	code?: number;
	/** Vonage's own words: v0.1 `reason`, v1 `detail` (or a v1 `title` that is not a code). */
	reason?: string;
}

const asCode = (value: unknown): number | undefined => {
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
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
