/** The checks of a message's content fields, one per field of the rules (rules.ts TYPE_RULES). */
import type { ApiVersion } from '../../shared/vocabulary/messageModel';
import {
	accept,
	atMost,
	characterCount,
	got,
	LABELS,
	Problem,
	text,
	type FieldCheck,
} from './problem';
import { checkCardTitle, checkCustom, checkSuggestions } from './suggestionChecks';
import {
	checkCoordinate,
	checkEmoji,
	checkSticker,
	checkThumbUrl,
	checkVideoNumber,
	placeText,
} from './whatsappChecks';
import { CLIENT_REF_MAX, ruleOf, TEMPLATE_RULES, type ContentField, type TypeRule } from './rules';

const SMS_TEXT = ruleOf('sms', 'text')!.text!;

/** Text to send: not blank, and at most `max` characters (by default the SMS limit, which Vonage sets). */
export function checkText(value: string, max = SMS_TEXT.max, by = SMS_TEXT.by): FieldCheck {
	if (value.trim() === '') {
		return {
			ok: false,
			problem: 'is empty',
			fix: 'Write the message, or map it from the input, e.g. {{ $json.message }}',
		};
	}
	return atMost(value, max, 'Shorten the text or split it over several messages', by);
}

export function checkClientRef(ref: string, version: ApiVersion = 'v0.1'): FieldCheck {
	return atMost(
		ref,
		CLIENT_REF_MAX[version],
		'Map a shorter value, such as a record ID, into Client Reference',
	);
}

/** WhatsApp templates: ["Daisy", "12345"], a fixedCollection {parameter: [{value}]}, or a JSON array text. */
export function templateParameterList(raw: unknown): unknown[] {
	if (raw === undefined || raw === null || raw === '') return [];
	if (Array.isArray(raw)) return raw;
	if (typeof raw === 'object') {
		const rows = (raw as { parameter?: unknown }).parameter;
		if (Array.isArray(rows))
			return rows.map((row) =>
				row && typeof row === 'object' ? (row as { value?: unknown }).value : row,
			);
		if (Object.keys(raw).length === 0) return []; // the editor's empty collection
		throw new Problem(
			LABELS.templateParameters,
			'is an object, not a list of parameters',
			'Add the parameters as rows, or map a list of texts, e.g. {{ [$json.name, $json.code] }}',
		);
	}
	if (typeof raw === 'string') {
		try {
			const parsed: unknown = JSON.parse(raw);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// not JSON: one parameter
		}
		return [raw];
	}
	return [raw];
}

function mediaUrl(raw: unknown): string {
	const shown = text(raw, LABELS.mediaUrl);
	const value = shown.trim();
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (
		!url ||
		!['http:', 'https:'].includes(url.protocol) ||
		url.hostname === '' ||
		/\s/.test(value)
	) {
		throw new Problem(
			LABELS.mediaUrl,
			`is not an absolute http(s) URL (${got(shown)})`,
			'Use a public link starting with https:// (or http://), e.g. https://example.com/photo.jpg: Vonage downloads the file from there',
		);
	}
	return value;
}

function caption(
	raw: unknown,
	row: TypeRule,
	version: ApiVersion,
	label: string,
): string | undefined {
	const value = text(raw, LABELS.caption);
	if (value.trim() === '') return undefined;
	if (!row.caption?.[version]) {
		const other = version === 'v0.1' && row.caption?.v1;
		throw new Problem(
			LABELS.caption,
			`cannot go with a ${label} ${row.type} in API ${version}`,
			other
				? 'Leave Caption empty, or set Options > API Version to v1, which sends it'
				: 'Leave Caption empty',
		);
	}
	const { min = 1, max = Infinity } = row.caption[version]!;
	const length = characterCount(value);
	if (length < min || length > max) {
		throw new Problem(
			LABELS.caption,
			`has ${length} characters; ${label} accepts ${min} to ${max} in a caption`,
			'Shorten the caption, or send the rest as a text message of its own',
		);
	}
	return value;
}

function templateName(raw: unknown): string {
	const shown = text(raw, LABELS.templateName);
	const name = shown.trim();
	if (TEMPLATE_RULES.name.test(name)) return name;
	throw new Problem(
		LABELS.templateName,
		`is not a template name (${got(shown)})`,
		'Use the name of an approved WhatsApp template, with its namespace when you have one, e.g. 9b6b4fcb_da19_4a26_8fe8_78074a91b584:verify',
	);
}

/** Parameters are text or numbers; booleans are taken as true/false, as they always were. */
function templateParameters(raw: unknown): string[] {
	return templateParameterList(raw).map((value, index) => {
		const placeholder = `parameter ${index + 1} ({{${index + 1}}})`;
		if (typeof value === 'boolean') return String(value);
		if (value !== null && typeof value === 'object') {
			throw new Problem(
				LABELS.templateParameters,
				`has ${Array.isArray(value) ? 'a list (array)' : 'an object'} for ${placeholder}, not text or a number`,
				'Map one text or number into each parameter, e.g. {{ $json.name }} rather than {{ $json }}',
			);
		}
		const shown = text(value, LABELS.templateParameters);
		if (shown.trim() === '') {
			throw new Problem(
				LABELS.templateParameters,
				`has no text for ${placeholder}`,
				'Give every parameter a value, in the order of the template placeholders {{1}}, {{2}}, ...',
			);
		}
		return shown;
	});
}

function locale(raw: unknown): string {
	const shown = text(raw, LABELS.locale);
	const value = shown.trim();
	if (TEMPLATE_RULES.locale.test(value)) return value.replace('_', '-');
	throw new Problem(
		LABELS.locale,
		`is not a language code (${got(shown)})`,
		'Use the language the template was approved in, e.g. en, en-GB or pt_BR',
	);
}

function policy(raw: unknown): string {
	const value = text(raw, LABELS.policy).trim() || TEMPLATE_RULES.policies[0];
	if ((TEMPLATE_RULES.policies as readonly string[]).includes(value)) return value;
	throw new Problem(
		LABELS.policy,
		`cannot be used (${TEMPLATE_RULES.withdrawn[value] ?? `got "${value}"`})`,
		'Set Policy to Deterministic: the template is sent in exactly the given locale',
	);
}

/** Where the message model keeps a field's checked value. */
type Entry = [key: string, value: unknown] | undefined;

/** One check per content field: the raw value in, the model's entry out (or a Problem). */
export const CONTENT_CHECKS: Record<
	ContentField,
	(raw: unknown, row: TypeRule, version: ApiVersion, label: string) => Entry
> = {
	text: (raw, row, _version, label) => {
		const rule = row.text!;
		return [
			'text',
			accept(LABELS.text, checkText(text(raw, LABELS.text), rule.max, rule.by ?? label)),
		];
	},
	mediaUrl: (raw) => ['url', mediaUrl(raw)],
	caption: (raw, row, version, label) => {
		const value = caption(raw, row, version, label);
		return value === undefined ? undefined : ['caption', value];
	},
	templateName: (raw) => ['name', templateName(raw)],
	templateParameters: (raw) => ['parameters', templateParameters(raw)],
	locale: (raw) => ['locale', locale(raw)],
	policy: (raw) => ['policy', policy(raw)],
	cardTitle: (raw) => ['title', checkCardTitle(raw)],
	suggestions: (raw, row) => {
		const list = checkSuggestions(raw, row);
		return list ? ['suggestions', list] : undefined;
	},
	custom: (raw) => ['custom', checkCustom(raw)],
	sticker: (raw) => ['sticker', checkSticker(raw)],
	emoji: (raw) => {
		const emoji = checkEmoji(raw);
		return emoji === undefined ? undefined : ['emoji', emoji];
	},
	latitude: (raw) => ['latitude', checkCoordinate(raw, 'latitude')],
	longitude: (raw) => ['longitude', checkCoordinate(raw, 'longitude')],
	placeName: (raw) => {
		const value = placeText(raw, 'placeName');
		return value === undefined ? undefined : ['name', value];
	},
	thumbUrl: (raw) => ['thumbUrl', checkThumbUrl(raw)],
	duration: (raw) => ['duration', checkVideoNumber(raw, 'duration')],
	fileSize: (raw) => ['fileSize', checkVideoNumber(raw, 'fileSize')],
	placeAddress: (raw) => {
		const value = placeText(raw, 'placeAddress');
		return value === undefined ? undefined : ['address', value];
	},
};
