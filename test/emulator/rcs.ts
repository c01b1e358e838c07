/**
 * RCS, as the emulator validates it (v1 only: v0.1 has no RCS channel). Sources, the same as the node's
 * rules (nodes/VonageMessages/message/rulesV1.ts):
 * - Vonage node SDK packages/messages: `RCSTextParams` {text, suggestions}, `RCSImageParams`,
 *   `RCSVideoParams`, `RCSFileParams` {url}, `RCSCustomParams` {custom: object}, `AnyRCSSuggestion` and
 *   `RCSSuggestionType`, sent snake_cased (its fixture "send text with suggestions": `postback_data`,
 *   `phone_number`, `pin_label`, `start_time`, `end_time`, `view_mode`).
 * - Vonage Java SDK 9.x (com.vonage.client.messages.rcs): text up to 3072 characters and at most 11
 *   suggestions (`RcsTextRequest`); a card's title up to 200, text up to 2000, at most 4 suggestions
 *   (`RcsCard`, serialised {title, text, media_url, suggestions, ...}); suggestion text up to 25 and
 *   postback data required (every suggestion builder); `ttl` 20 to 259200 (`RcsRequest`); the required
 *   fields of each suggestion type (`Objects.requireNonNull` in each builder).
 * - Vonage's curl snippet for a rich card (`message_type: card`, `card: {title, text, media_url, ...}`).
 * - The RCS extras (`RCS_EXTRAS`): .NET SDK `MessageRcs` {category, card_orientation, image_alignment},
 *   `CardAttachment` {media_height, thumbnail_url} and its fixture SendFullRcsCardAsyncReturnsOk-request.json;
 *   PHP SDK `RCSCategory`, `RCSCardOrentation`, `RCSCardAlignment`, `RcsCardObject::HEIGHT_*`; .NET
 *   `RcsCardRequest`: "ImageAlignment is required when CardOrientation is Horizontal."
 */
type Check = (ok: boolean, name: string, reason: string) => void;
type Require = (value: unknown, name: string) => boolean;

export const RCS_LIMITS = {
	text: 3072,
	suggestions: { text: 11, card: 4 },
	suggestionText: 25,
	cardTitle: 200,
	cardText: 2000,
	ttl: [20, 259200] as const,
};

/** The values each RCS extra takes, by its place in the body. */
export const RCS_EXTRAS = {
	'rcs.category': [
		'authentication',
		'transaction',
		'promotion',
		'service-request',
		'acknowledgement',
	],
	'rcs.card_orientation': ['VERTICAL', 'HORIZONTAL'],
	'rcs.image_alignment': ['LEFT', 'RIGHT'],
	'card.media_height': ['SHORT', 'MEDIUM', 'TALL'],
} as const;

/** Each suggestion type's required fields beyond `type`, `text` and `postback_data`, and its optional ones. */
export const SUGGESTION_FIELDS: Record<string, { required: string[]; optional: string[] }> = {
	reply: { required: [], optional: [] },
	dial: { required: ['phone_number'], optional: ['fallback_url'] },
	view_location: { required: ['latitude', 'longitude', 'pin_label'], optional: ['fallback_url'] },
	share_location: { required: [], optional: [] },
	open_url: { required: ['url'], optional: ['description'] },
	open_url_in_webview: { required: ['url'], optional: ['view_mode', 'description'] },
	create_calendar_event: {
		required: ['start_time', 'end_time', 'title'],
		optional: ['description', 'fallback_url'],
	},
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const length = (value: unknown) => (typeof value === 'string' ? Array.from(value).length : -1);

function checkSuggestions(check: Check, list: unknown, name: string, max: number): void {
	if (list === undefined) return;
	if (!Array.isArray(list)) return check(false, name, 'must be an array');
	check(list.length <= max, name, `must have at most ${max} suggestions`);
	list.forEach((item: unknown, i) => {
		const at = `${name}[${i}]`;
		if (!isObject(item)) return check(false, at, 'must be an object');
		const fields = Object.hasOwn(SUGGESTION_FIELDS, String(item.type))
			? SUGGESTION_FIELDS[String(item.type)]
			: undefined;
		if (!fields)
			return check(
				false,
				`${at}.type`,
				`must be one of: ${Object.keys(SUGGESTION_FIELDS).join(', ')}`,
			);
		const len = length(item.text);
		check(
			len >= 1 && len <= RCS_LIMITS.suggestionText,
			`${at}.text`,
			`must be 1 to ${RCS_LIMITS.suggestionText} characters`,
		);
		check(length(item.postback_data) >= 1, `${at}.postback_data`, 'is required');
		for (const field of fields.required)
			check(length(item[field]) >= 1, `${at}.${field}`, 'is required');
		const known = ['type', 'text', 'postback_data', ...fields.required, ...fields.optional];
		for (const key of Object.keys(item))
			check(
				known.includes(key),
				`${at}.${key}`,
				`is not a field of a ${String(item.type)} suggestion`,
			);
		if (item.view_mode !== undefined)
			check(
				['FULL', 'TALL', 'HALF'].includes(item.view_mode as string),
				`${at}.view_mode`,
				'must be one of: FULL, TALL, HALF',
			);
	});
}

/** The RCS parts of a v1 body (channels.ts validateV1 checks the envelope and the media). */
export function checkRcs(check: Check, require: Require, body: Record<string, unknown>): void {
	const type = body.message_type;
	if (type === 'text')
		checkSuggestions(check, body.suggestions, 'suggestions', RCS_LIMITS.suggestions.text);
	else
		check(body.suggestions === undefined, 'suggestions', 'are only for text (and inside a card)');
	if (type === 'card' && isObject(body.card)) {
		const card = body.card;
		if (require(card.title, 'card.title'))
			check(
				length(card.title) >= 1 && length(card.title) <= RCS_LIMITS.cardTitle,
				'card.title',
				`must be 1 to ${RCS_LIMITS.cardTitle} characters`,
			);
		if (require(card.text, 'card.text'))
			check(
				length(card.text) >= 1 && length(card.text) <= RCS_LIMITS.cardText,
				'card.text',
				`must be 1 to ${RCS_LIMITS.cardText} characters`,
			);
		require(card.media_url, 'card.media_url');
		checkSuggestions(check, card.suggestions, 'card.suggestions', RCS_LIMITS.suggestions.card);
	}
	checkExtras(check, body);
	if (type === 'custom')
		check(
			isObject(body.custom) && Object.keys(body.custom).length > 0,
			'custom',
			'must be a non-empty object',
		);
	if (body.ttl !== undefined) {
		const [min, max] = RCS_LIMITS.ttl;
		check(
			Number.isInteger(body.ttl) && (body.ttl as number) >= min && (body.ttl as number) <= max,
			'ttl',
			`must be an integer from ${min} to ${max}`,
		);
	}
}

function checkExtras(check: Check, body: Record<string, unknown>): void {
	for (const [place, values] of Object.entries(RCS_EXTRAS)) {
		const [part, key] = place.split('.');
		const holder = body[part];
		if (!isObject(holder) || holder[key] === undefined) continue;
		check(
			(values as readonly string[]).includes(holder[key] as string),
			place,
			`must be one of: ${values.join(', ')}`,
		);
	}
	if (body.rcs !== undefined) check(isObject(body.rcs), 'rcs', 'must be an object');
	const rcs = isObject(body.rcs) ? body.rcs : {};
	if (rcs.card_orientation !== undefined || rcs.image_alignment !== undefined)
		check(body.message_type === 'card', 'rcs.card_orientation', 'is only for a card');
	if (rcs.card_orientation === 'HORIZONTAL')
		check(rcs.image_alignment !== undefined, 'rcs.image_alignment', 'is required with HORIZONTAL');
	const card = isObject(body.card) ? body.card : {};
	if (card.thumbnail_url !== undefined)
		check(length(card.thumbnail_url) >= 1, 'card.thumbnail_url', 'must be a URL');
}
