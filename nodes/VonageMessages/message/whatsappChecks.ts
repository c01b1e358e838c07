/**
 * The checks of the WhatsApp v1 content fields (rules.ts rows sticker, reaction, location): a sticker
 * by URL or ID, a reaction's emoji, a place's coordinates, name and address.
 */
import { characterCount, got, Problem, text } from './problem';

const LABEL = {
	sticker: 'Sticker',
	emoji: 'Emoji',
	latitude: 'Latitude',
	longitude: 'Longitude',
	placeName: 'Place Name',
	placeAddress: 'Place Address',
} as const;

/** SDK WhatsAppStickerParams: `{url}` or `{id}`; an http(s) link is a URL, anything else an ID. */
export function checkSticker(raw: unknown): { url: string } | { id: string } {
	const value = text(raw, LABEL.sticker).trim();
	if (/^https?:\/\//i.test(value)) {
		try {
			const url = new URL(value);
			if (url.hostname !== '' && !/\s/.test(value)) return { url: value };
		} catch {
			// reported below
		}
	} else if (/^\S{1,200}$/.test(value)) return { id: value };
	throw new Problem(
		LABEL.sticker,
		`is neither a sticker URL nor a sticker ID (${got(value)})`,
		'Use a public https:// link to a .webp sticker, or the ID WhatsApp gave the sticker',
	);
}

/** A reaction's emoji: one emoji (a few code points with modifiers), or empty to remove the reaction. */
export function checkEmoji(raw: unknown): string | undefined {
	const value = text(raw, LABEL.emoji).trim();
	if (value === '') return undefined;
	if (characterCount(value) <= 10 && /\p{Extended_Pictographic}/u.test(value)) return value;
	throw new Problem(
		LABEL.emoji,
		`is not an emoji (${got(value)})`,
		'Give one emoji, e.g. 👍, or leave it empty to take the reaction back',
	);
}

const DECIMAL = /^[-+]?\d{1,3}(?:\.\d+)?$/;

/** Decimal degrees within ±max, as text (v1 sends them as the SDKs do). */
export function checkCoordinate(raw: unknown, field: 'latitude' | 'longitude'): string {
	const value = text(raw, LABEL[field]).trim();
	const max = field === 'latitude' ? 90 : 180;
	if (DECIMAL.test(value) && Math.abs(Number(value)) <= max) return value;
	throw new Problem(
		LABEL[field],
		`is not a ${field} from -${max} to ${max} (${got(value)})`,
		`Use decimal degrees, e.g. ${field === 'latitude' ? '51.5072' : '-0.1276'}`,
	);
}

/** An optional text of a place. */
export function placeText(raw: unknown, field: 'placeName' | 'placeAddress'): string | undefined {
	const value = text(raw, LABEL[field]).trim();
	return value === '' ? undefined : value;
}
