/**
 * The one internal message model: what the editor collected for one item, already checked and
 * normalised. It knows nothing about the API: the send node's message/wireV01.ts and wireV1.ts turn it
 * into a request body. Shared because the triggers name channels by it too.
 */
export type Channel = 'sms' | 'mms' | 'whatsapp' | 'viber' | 'messenger';
export type MediaType = 'image' | 'audio' | 'video' | 'file';
export type MessageType = 'text' | MediaType | 'template';
export type ApiVersion = 'v0.1' | 'v1';

export const API_VERSIONS: readonly ApiVersion[] = ['v0.1', 'v1'];
export const MEDIA_TYPES: readonly MediaType[] = ['image', 'audio', 'video', 'file'];

export type Content =
	| { type: 'text'; text: string }
	| { type: MediaType; url: string; caption?: string }
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
}

export const isMedia = (type: string): type is MediaType =>
	(MEDIA_TYPES as readonly string[]).includes(type);
