/**
 * The shapes of the rules (rules.ts holds the tables, rowsV1.ts the rows only API v1 has): what an
 * address holds, the fields and options a message reads, a channel's rules and a message type's row.
 */
import type { ApiVersion, Channel, MessageType } from '../../shared/vocabulary/messageModel';

/** What a sender or recipient field holds (the checks are in addresses.ts, keyed by kind). */
export type AddressKind =
	| 'number' // a phone number in international format
	| 'whatsappUser' // a phone number or a WhatsApp business-scoped user ID (BSUID)
	| 'smsSender' // a number or an alphanumeric sender ID
	| 'mmsSender' // a number or a US short code
	| 'viberService' // the Viber service message ID Vonage gave you
	| 'messengerId' // a Facebook page ID or a page-scoped user ID
	| 'rcsAgent'; // the ID of an RCS agent

/** The editor fields a message type reads, in the order they are checked. */
export type ContentField =
	| 'text'
	| 'mediaUrl'
	| 'caption'
	| 'templateName'
	| 'templateParameters'
	| 'locale'
	| 'policy'
	| 'cardTitle'
	| 'suggestions'
	| 'custom'
	| 'sticker'
	| 'emoji'
	| 'latitude'
	| 'longitude'
	| 'placeName'
	| 'placeAddress'
	| 'thumbUrl'
	| 'duration'
	| 'fileSize';

/** A channel's options (the editor's Options collection), in the order they are checked. */
export type OptionField =
	| 'category'
	| 'ttl'
	| 'tag'
	| 'webhookUrl'
	| 'webhookVersion'
	| 'context'
	| 'encodingType'
	| 'trustedRecipient'
	| 'contentId'
	| 'entityId'
	| 'cardOrientation'
	| 'imageAlignment'
	| 'mediaHeight'
	| 'cardThumbnailUrl';

export interface ChannelRules {
	from: AddressKind;
	/** What To takes, the same in both API versions or per version. */
	to: AddressKind | Record<ApiVersion, AddressKind>;
	/** The channel's own options. */
	options: readonly OptionField[];
	/** The API versions that have this channel (both when unset). */
	versions?: readonly ApiVersion[];
	source: string;
}

/** One row: a message type of a channel, the fields it reads and their limits. */
export interface TypeRule {
	channel: Channel;
	type: MessageType;
	fields: readonly ContentField[];
	/** Text: at most `max` characters, a limit set by `by` (the channel's label when unset). */
	text?: { max: number; by?: string };
	/** Caption: the API versions that send one with this type, and its length there; none when unset. */
	caption?: Partial<Record<ApiVersion, { min?: number; max?: number }>>;
	/** Suggestions: at most `max` (rulesV1.ts SUGGESTION_RULES says what each one holds). */
	suggestions?: { max: number };
	/** The API versions that have this type (both when unset). */
	versions?: readonly ApiVersion[];
	/** An option this type cannot go without (a reaction needs the message it reacts to). */
	needs?: OptionField;
	source: string;
}
