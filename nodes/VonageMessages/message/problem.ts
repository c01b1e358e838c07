/** What every check of a message shares: the problem it reports and how it reads a value. */
import type { NumberCheck } from '../../shared/vocabulary/numbers';
import type { ContentField, OptionField } from './rules';

/** A field that cannot be sent: the editor label, what is wrong, how to fix it. */
export class Problem extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly fix: string,
	) {
		super(problem);
	}
}

/** A value checked on its own: the value to send, or what is wrong and the fix. */
export type FieldCheck = NumberCheck;

/** The value of a passed check; a failed one becomes the Problem of `field`. */
export function accept(field: string, check: FieldCheck): string {
	if (check.ok) return check.value;
	throw new Problem(field, check.problem, check.fix);
}

/** A number as its decimal text: 1e21 as 1000000000000000000000, 1e-7 as 0.0000001 (its shortest digits, shifted). */
function decimal(value: number): string {
	const shown = String(value);
	const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shown);
	if (!match) return shown;
	const [, sign, lead, rest = '', exponent] = match;
	const digits = lead + rest;
	const point = 1 + Number(exponent);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list (array)';
	if (typeof value === 'number') return String(value); // NaN or Infinity
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A parameter's value as text, for `field`: empty for none, a string as it is, a number as its
 * decimal text. Anything else (an object, a list, a boolean) is refused, never turned into
 * `[object Object]` or `a,b`.
 */
export function text(value: unknown, field: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return decimal(value);
	throw new Problem(
		field,
		`is ${kindOf(value)}, not text or a number`,
		`Map one text or number into ${field}, e.g. {{ $json.name }} rather than {{ $json }}; join a list first, e.g. {{ $json.lines.join(', ') }}`,
	);
}

export const got = (raw: string) => (raw === '' ? 'it is empty' : `got "${raw}"`);

/** How Vonage counts a field's length: Unicode code points (JSON Schema's `maxLength`, as the OpenAPI file gives it). */
export function characterCount(value: string): number {
	return Array.from(value).length;
}

/** `value` when it has at most `max` characters as Vonage counts them; else the problem and `fix`. */
export function atMost(value: string, max: number, fix: string, by = 'Vonage'): FieldCheck {
	const length = characterCount(value);
	if (length > max)
		return { ok: false, problem: `has ${length} characters; ${by} accepts at most ${max}`, fix };
	return { ok: true, value };
}

/** The editor label of every field, as errors name it. */
export const LABELS: Record<ContentField | OptionField, string> = {
	text: 'Text',
	mediaUrl: 'Media URL',
	caption: 'Caption',
	templateName: 'Template Name',
	templateParameters: 'Template Parameters',
	locale: 'Locale',
	policy: 'Policy',
	category: 'Category',
	ttl: 'TTL (Seconds)',
	tag: 'Tag',
	cardTitle: 'Card Title',
	suggestions: 'Suggestions',
	custom: 'Custom Message',
	webhookUrl: 'Webhook URL',
	webhookVersion: 'Webhook Version',
	sticker: 'Sticker',
	emoji: 'Emoji',
	latitude: 'Latitude',
	longitude: 'Longitude',
	placeName: 'Place Name',
	placeAddress: 'Place Address',
	thumbUrl: 'Thumbnail URL',
	duration: 'Duration (Seconds)',
	fileSize: 'File Size (MB)',
	context: 'Reply To (Message UUID)',
	encodingType: 'Encoding Type',
	trustedRecipient: 'Trusted Recipient',
	contentId: 'Content ID',
	entityId: 'Entity ID',
	cardOrientation: 'Card Orientation',
	imageAlignment: 'Image Alignment',
	mediaHeight: 'Media Height',
	cardThumbnailUrl: 'Card Thumbnail URL',
};
