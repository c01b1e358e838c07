/**
 * The checks of the WhatsApp and Viber v1 content fields (rowsV1.ts): a sticker by URL or ID, a
 * reaction's emoji, a place's coordinates, name and address; a Viber video's thumbnail, length and size.
 */
import { characterCount, got, LABELS, Problem, text } from './problem';
import { VIBER_VIDEO_RULES } from './rulesV1';

/** The editor labels, from the one table of them (problem.ts). */
const LABEL = LABELS;

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

export function checkThumbUrl(raw: unknown): string {
	const value = text(raw, LABEL.thumbUrl).trim();
	try {
		const url = new URL(value);
		if (['http:', 'https:'].includes(url.protocol) && !/\s/.test(value)) return value;
	} catch {
		// reported below
	}
	throw new Problem(
		LABEL.thumbUrl,
		`is not an absolute http(s) URL (${got(value)})`,
		'Use a public link to a .jpg thumbnail of the video, e.g. https://example.com/thumb.jpg',
	);
}

/** A Viber video's length or size: a whole number within its range. */
export function checkVideoNumber(raw: unknown, field: 'duration' | 'fileSize'): number {
	const shown = text(raw, LABEL[field]).trim();
	const value = Number(shown);
	const { min, max } = VIBER_VIDEO_RULES[field];
	if (shown !== '' && Number.isInteger(value) && value >= min && value <= max) return value;
	throw new Problem(
		LABEL[field],
		`is not a whole number from ${min} to ${max} (${got(shown)})`,
		field === 'duration'
			? 'Give the length of the video in seconds (Viber takes up to 10 minutes)'
			: 'Give the size of the video file in megabytes (Viber takes up to 200)',
	);
}
