/**
 * The one internal message model: what the editor collected for one item, already checked and
 * normalised. It knows nothing about the API: the send node's message/wireV01.ts and wireV1.ts turn it
 * into a request body. Shared because the triggers name channels by it too.
 */
export type Channel = 'sms' | 'mms' | 'whatsapp' | 'viber' | 'messenger' | 'rcs';
export type MediaType = 'image' | 'audio' | 'video' | 'file' | 'vcard';
export type MessageType =
	| 'text'
	| MediaType
	| 'template'
	| 'card'
	| 'custom'
	| 'sticker'
	| 'reaction'
	| 'location';
export type ApiVersion = 'v0.1' | 'v1';

export const API_VERSIONS: readonly ApiVersion[] = ['v0.1', 'v1'];
export const MEDIA_TYPES: readonly MediaType[] = ['image', 'audio', 'video', 'file', 'vcard'];

/**
 * An RCS suggested reply or action, in the v1 wire's field names (Vonage node SDK `AnyRCSSuggestion`,
 * sent snake_cased: `postback_data`, `phone_number`, ...). Checked by the send node's message/suggestions.ts.
 */
export interface Suggestion {
	type: string;
	text: string;
	postback_data: string;
	[field: string]: string;
}

export type Content =
	| { type: 'text'; text: string; suggestions?: Suggestion[] }
	| { type: 'card'; title: string; text: string; url: string; suggestions?: Suggestion[] }
	| { type: 'custom'; custom: Record<string, unknown> }
	/** A WhatsApp sticker by URL or by the ID WhatsApp gave it. */
	| { type: 'sticker'; sticker: { url: string } | { id: string } }
	/** An emoji on a message (`context`), or none to take it back. */
	| { type: 'reaction'; emoji?: string }
	/** A place; decimal degrees as text, as the SDKs send them. */
	| { type: 'location'; latitude: string; longitude: string; name?: string; address?: string }
	| {
			type: MediaType;
			url: string;
			caption?: string;
			/** Viber video (v1): a thumbnail, and the video's length (seconds) and size (MB). */
			thumbUrl?: string;
			duration?: number;
			fileSize?: number;
	  }
	| {
			type: 'template';
			name: string;
			parameters: string[];
			/** BCP 47 with a hyphen, e.g. `en-GB`; the v1 wire format writes WhatsApp's `en_GB`. */
			locale: string;
			policy: 'deterministic';
	  };

export interface ViberOptions {
	category?: 'transaction' | 'promotion';
	/** Seconds, 30 to 259200. */
	ttl?: number;
}

export interface MessengerOptions {
	category?: 'response' | 'update' | 'message_tag';
	tag?: string;
}

/** v1 only: options of the whole message (Vonage node SDK `MessageParams`, `RCSParams`). */
export interface V1Options {
	/** Seconds Vonage tries to deliver (RCS). */
	ttl?: number;
	webhookUrl?: string;
	webhookVersion?: 'v0.1' | 'v1';
	/** WhatsApp: the message_uuid this one answers (or reacts to). */
	context?: string;
	/** SMS: Fraud Defender's per-message override. */
	trustedRecipient?: boolean;
	/** SMS: `sms: {encoding_type, content_id, entity_id}`. */
	sms?: { encoding_type?: string; content_id?: string; entity_id?: string };
	/** RCS: `rcs: {category, card_orientation, image_alignment}`. */
	rcs?: { category?: string; card_orientation?: string; image_alignment?: string };
	/** RCS card: `card: {media_height, thumbnail_url}` beside its title, text and media. */
	card?: { media_height?: string; thumbnail_url?: string };
}

export interface Message {
	channel: Channel;
	/** A phone number (E.164 digits), an SMS sender ID, an MMS short code, a Viber service ID or a Messenger page ID. */
	from: string;
	/** A phone number (E.164 digits) or, for Messenger, the recipient's ID. */
	to: string;
	clientRef?: string;
	content: Content;
	viber?: ViberOptions;
	messenger?: MessengerOptions;
	v1?: V1Options;
}

export const isMedia = (type: string): type is MediaType =>
	(MEDIA_TYPES as readonly string[]).includes(type);
