import { contentOf, isObject, messageTypeOf, text, type Json } from './eventsWire';

/**
 * What an inbound message says, wherever its type puts it (eventsWire.ts reads the envelope):
 *
 * - text: v0.1 `message.content.text`, v1 `text`; a template quick-reply button's `button.text` (Java
 *   SDK `Button`: text, payload, subtype); an interactive reply's `reply.title` (Java SDK `Reply`, .NET
 *   fixture ShouldDeserializeWhatsAppReply: `{id, title, description}`).
 * - the chosen id: `reply.id`, or a button's `payload` when it is text (the Java SDK: text on RCS, an
 *   object on WhatsApp, which stays in `button`). An RCS suggestion the user tapped comes so: its text,
 *   and its `postback_data` as the choice (node SDK `RCSSuggestionParams` {text, postbackData}).
 * - media: the container the type names (`image: {url, caption}`, ...), else the first one present, else
 *   the first item of MMS `content: [{type, url, caption}]` (Java SDK `InboundMessage.getContent`, "only
 *   present for messages that have more than one attachment"; `mms.Content`).
 * - location: v1 `location: {lat, long, name, address}` with numbers (.NET fixture
 *   ShouldDeserializeWhatsAppLocation; the Java SDK reads `lat`/`long` as aliases of
 *   `latitude`/`longitude`), v0.1 `message.content.location: {latitude, longitude, name, address}` with
 *   strings (messages-v0.1.yml `locationMessageWhatsApp`).
 * An `order` (`{catalog_id, product_items}`) carries no text, media or place: it stays as Vonage sent it.
 */

/** The media containers both formats use, under `message.content` (v0.1) or at the top level (v1). */
export const MEDIA_TYPES = ['image', 'video', 'audio', 'file', 'vcard', 'sticker'] as const;

const object = (value: unknown): Json | undefined => (isObject(value) ? value : undefined);

export function textOf(event: Json): string | undefined {
	const content = contentOf(event);
	if (typeof content.text === 'string') return content.text;
	return text(object(content.button)?.text) ?? text(object(content.reply)?.title);
}

/** The id of what the customer chose: an interactive reply's `reply.id`, or a button's text `payload`. */
export function choiceOf(event: Json): string | undefined {
	const content = contentOf(event);
	return text(object(content.reply)?.id) ?? text(object(content.button)?.payload);
}

export interface Media {
	url?: string;
	caption?: string;
}

const mediaFrom = (value: Json): Media => ({ url: text(value.url), caption: text(value.caption) });

/** The media of an inbound message: the container its type names, else the first one present, else the first of MMS `content[]` with a URL. */
export function mediaOf(event: Json): Media | undefined {
	const content = contentOf(event);
	const type = messageTypeOf(event);
	const names = MEDIA_TYPES.filter((name) => name === type);
	for (const name of names.length > 0 ? names : MEDIA_TYPES) {
		const media = object(content[name]);
		if (media) return mediaFrom(media);
	}
	const items = Array.isArray(content.content) ? (content.content as unknown[]) : [];
	const first = items.map(object).find((item) => item && text(item.url));
	return first ? mediaFrom(first) : undefined;
}

export interface Place {
	latitude?: number;
	longitude?: number;
	name?: string;
	address?: string;
}

/** A coordinate as a finite number: v1 sends numbers, v0.1 decimal text. */
function coordinate(value: unknown): number | undefined {
	const n =
		typeof value === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function locationOf(event: Json): Place | undefined {
	const location = object(contentOf(event).location);
	if (!location) return undefined;
	return {
		latitude: coordinate(location.lat) ?? coordinate(location.latitude),
		longitude: coordinate(location.long) ?? coordinate(location.longitude),
		name: text(location.name),
		address: text(location.address),
	};
}
