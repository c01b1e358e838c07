/**
 * Inbound messages beyond text and media (shared README "v1 inbound message types beyond text and
 * media"): what a customer's tap, place, order or multi-part MMS looks like in each webhook format.
 *
 * - `button` (WhatsApp template quick reply): v1 `button: {text, payload, subtype}`. Source: Vonage Java SDK
 *   `messages/Button` (since 8.11.0: "payload ... For WhatsApp messages, this will be a Map. For RCS, this
 *   will be a String"; `subtype` "only applies to WhatsApp"). On RCS it is a tapped suggestion:
 *   `button: {text, payload}` with the suggestion's text and its `postback_data` (the node SDK's
 *   `RCSSuggestionParams` {text, postbackData}); `reply: {id, title}` is accepted there too.
 * - `reply` (WhatsApp interactive list/button reply): v1 `reply: {id, title, description}`. Sources: .NET
 *   SDK fixture `Messages/Webhooks/Data/ShouldDeserializeWhatsAppReply-response.json`, Java SDK `Reply`.
 * - `location` (WhatsApp): v1 `location: {lat, long, name, address}` with numbers (.NET fixture
 *   `ShouldDeserializeWhatsAppLocation-response.json`; the Java SDK reads `lat`/`long` and, as aliases,
 *   `latitude`/`longitude`); v0.1 `message.content.location: {latitude, longitude, name, address}` with
 *   text coordinates (messages-v0.1.yml `locationMessageWhatsApp`). The only one of these in v0.1.
 * - `order` (WhatsApp catalogue order): v1 `order: {catalog_id, product_items: [{product_retailer_id,
 *   quantity, item_price, currency}]}` (.NET fixture `ShouldDeserializeWhatsAppOrder-response.json`).
 * - `content` (MMS with several attachments): v1 `content: [{type, url, caption}]`, types image, audio,
 *   video, file, vcard (Java SDK `InboundMessage.getContent`, "only present for messages that have more
 *   than one attachment", and `mms.Content`). Which `message_type` comes with it is not recorded for
 *   inbound; the emulator sends `content`, the type of the multi-attachment MMS request (Java SDK
 *   `MmsContentRequest`), and the fixtures also hold one with `image`.
 */
import type { Channel } from './channels';

export type InteractiveType = 'button' | 'reply' | 'location' | 'order' | 'content';

export interface Attachment {
	type: 'image' | 'audio' | 'video' | 'file' | 'vcard';
	url: string;
	caption?: string;
}

export interface Place {
	lat: number;
	long: number;
	name?: string;
	address?: string;
}

/** The parts of an inbound spec these types read (channel-events.ts `InboundSpec`). */
export interface InteractiveSpec {
	channel: Channel;
	type?: string;
	/** button: its text; reply: its title. */
	text?: string;
	/** button: its payload; reply: its id. */
	id?: string;
	description?: string;
	location?: Place;
	content?: Attachment[];
}

/** Which channels carry each type in the emulator. */
export const INTERACTIVE_CHANNELS: Record<InteractiveType, readonly Channel[]> = {
	button: ['whatsapp', 'rcs'],
	reply: ['whatsapp', 'rcs'],
	location: ['whatsapp'],
	order: ['whatsapp'],
	content: ['mms'],
};

export const isInteractive = (type: unknown): type is InteractiveType =>
	typeof type === 'string' && Object.hasOwn(INTERACTIVE_CHANNELS, type);

const ORDER = {
	catalog_id: '2806150799683508',
	product_items: [
		{ product_retailer_id: 'pk1v7rudbg', quantity: '1', item_price: '9.99', currency: 'USD' },
	],
};

/** The v1 top-level fields of an interactive inbound message (beside channel, message_type, ...). */
export function v1Interactive(
	type: InteractiveType,
	spec: InteractiveSpec,
): Record<string, unknown> {
	switch (type) {
		case 'button':
			return spec.channel === 'rcs'
				? { button: { text: spec.text ?? 'Yes', payload: spec.id ?? 'yes' } }
				: {
						button: { text: spec.text ?? 'Yes', payload: spec.id ?? 'yes', subtype: 'quick_reply' },
					};
		case 'reply':
			return {
				reply: {
					id: spec.id ?? 'row1',
					title: spec.text ?? '9am',
					...(spec.description !== undefined ? { description: spec.description } : {}),
				},
			};
		case 'location':
			return { location: { ...(spec.location ?? { lat: 51.5072, long: -0.1276 }) } };
		case 'order':
			return { order: structuredClone(ORDER) };
		case 'content':
			return { content: (spec.content ?? []).map((item) => ({ ...item })) };
	}
}

/** The v0.1 `message.content` of one: only a WhatsApp location exists in v0.1. */
export function v01Interactive(
	type: InteractiveType,
	spec: InteractiveSpec,
): Record<string, unknown> {
	if (type !== 'location')
		throw new Error(`Vonage's v0.1 webhooks have no inbound ${type} messages (messages-v0.1.yml)`);
	const { lat, long, name, address } = spec.location ?? { lat: 51.5072, long: -0.1276 };
	const place = {
		latitude: String(lat),
		longitude: String(long),
		...(name !== undefined ? { name } : {}),
		...(address !== undefined ? { address } : {}),
	};
	return { type, location: place };
}

/** Why a `POST /_emulator/inbound` body of one of these types is unusable, or undefined. */
export function interactiveProblem(
	type: InteractiveType,
	body: Record<string, unknown>,
): string | undefined {
	if (!INTERACTIVE_CHANNELS[type].includes(body.channel as Channel))
		return `${type} messages come on ${INTERACTIVE_CHANNELS[type].join(', ')}`;
	if (type === 'location') {
		const place = body.location as Record<string, unknown> | undefined;
		if (typeof place?.lat !== 'number' || typeof place?.long !== 'number')
			return 'a location needs {lat, long} numbers';
	}
	if (type === 'content') {
		const items = body.content;
		const ok =
			Array.isArray(items) &&
			items.length > 0 &&
			items.every(
				(item: Record<string, unknown>) =>
					['image', 'audio', 'video', 'file', 'vcard'].includes(item?.type as string) &&
					typeof item?.url === 'string',
			);
		if (!ok)
			return 'content needs [{type, url, caption?}] with types image, audio, video, file, vcard';
	}
	return undefined;
}
