/**
 * The checks of the v1 content fields: RCS suggestions (rulesV1.ts SUGGESTION_RULES, one row a type),
 * an RCS card's title, and a custom message's JSON object. A suggestion comes as an editor row
 * (camelCase names, as the SDK's parameters) or, from an expression or an AI agent, as a JSON list of
 * objects in either the SDK's camelCase or the wire's snake_case names. A field that belongs to
 * another type, or that no suggestion has, is refused rather than dropped.
 */
import type { Suggestion } from '../../shared/vocabulary/messageModel';
import { checkInternationalNumber } from '../../shared/vocabulary/numbers';
import { characterCount, got, Problem, text } from './problem';
import type { TypeRule } from './rules';
import {
	RCS_RULES,
	SUGGESTION_RULES,
	SUGGESTION_TYPES,
	type SuggestionField,
	type SuggestionFieldKind,
} from './rulesV1';

export const SUGGESTIONS_LABEL = 'Suggestions';

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON text as a value, or the Problem of `label`. */
function parsed(raw: string, label: string, fix: string): unknown {
	const result = (() => {
		try {
			return { value: JSON.parse(raw) as unknown };
		} catch {
			return undefined;
		}
	})();
	if (!result) throw new Problem(label, 'is not valid JSON', fix);
	return result.value;
}

const LIST_FIX =
	'Add suggestions as rows, or map a list such as [{"type": "reply", "text": "Yes", "postbackData": "yes"}]';

function rowsOf(raw: unknown): unknown[] {
	if (raw === undefined || raw === null || raw === '') return [];
	if (typeof raw === 'string') return rowsOf(parsed(raw, SUGGESTIONS_LABEL, LIST_FIX));
	if (Array.isArray(raw)) return raw;
	if (isObject(raw)) {
		if (Array.isArray(raw.suggestion)) return raw.suggestion;
		if (Object.keys(raw).length === 0) return []; // the editor's empty collection
	}
	throw new Problem(SUGGESTIONS_LABEL, 'is not a list of suggestions', LIST_FIX);
}

const url = (value: string): boolean => {
	try {
		const parsedUrl = new URL(value);
		return ['http:', 'https:'].includes(parsedUrl.protocol) && !/\s/.test(value);
	} catch {
		return false;
	}
};
const DECIMAL = /^[-+]?\d{1,3}(?:\.\d+)?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const inRange = (value: string, max: number) =>
	DECIMAL.test(value) && Math.abs(Number(value)) <= max;

/** Each kind: the value to send, or what is wrong and the fix. */
const KIND_CHECKS: Record<SuggestionFieldKind, (value: string) => string | [string, string]> = {
	text: (value) => value,
	url: (value) =>
		url(value) ? value : ['is not an absolute http(s) URL', 'Use a link starting with https://'],
	phone: (value) => {
		const number = checkInternationalNumber(value);
		return number.ok ? `+${number.value}` : [number.problem, number.fix];
	},
	latitude: (value) =>
		inRange(value, 90)
			? value
			: ['is not a latitude from -90 to 90', 'Use decimal degrees, e.g. 51.5072'],
	longitude: (value) =>
		inRange(value, 180)
			? value
			: ['is not a longitude from -180 to 180', 'Use decimal degrees, e.g. -0.1276'],
	time: (value) =>
		ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))
			? value
			: ['is not a date and time with its time zone', 'Use ISO 8601, e.g. 2026-10-15T10:00:00Z'],
	viewMode: (value) =>
		(RCS_RULES.viewModes as readonly string[]).includes(value)
			? value
			: ['is not a view mode', `Use one of: ${RCS_RULES.viewModes.join(', ')}`],
};

/** Every field name a suggestion may carry, in the editor's and the wire's spelling. */
const KNOWN = new Set([
	'type',
	'text',
	'postbackData',
	'postback_data',
	...Object.values(SUGGESTION_RULES).flatMap((rule) =>
		rule.fields.flatMap((f) => [f.name, f.wire]),
	),
]);

function suggestion(row: unknown, index: number): Suggestion {
	const at = `suggestion ${index + 1}`;
	const fail = (problem: string, fix: string): never => {
		throw new Problem(SUGGESTIONS_LABEL, `has ${at} that ${problem}`, fix);
	};
	if (!isObject(row)) return fail('is not an object', LIST_FIX);
	const read = (name: string, wire = name): string =>
		text(row[name] ?? row[wire], `${SUGGESTIONS_LABEL} (${at})`).trim();
	const type = read('type') || 'reply';
	const rule = Object.hasOwn(SUGGESTION_RULES, type) ? SUGGESTION_RULES[type] : undefined;
	if (!rule) return fail(`has the type "${type}"`, `Use one of: ${SUGGESTION_TYPES.join(', ')}`);
	const label = `${at} (${rule.label})`;
	const own = new Set(['type', 'text', 'postbackData', 'postback_data']);
	for (const f of rule.fields) own.add(f.name).add(f.wire);
	for (const key of Object.keys(row)) {
		const empty = row[key] === '' || row[key] === undefined || row[key] === null;
		if (!own.has(key) && !(KNOWN.has(key) && empty))
			fail(
				`has "${key}", which a ${rule.label} suggestion does not take`,
				'Remove it, or change the type',
			);
	}
	const shown = read('text');
	const length = characterCount(shown);
	if (length === 0 || length > RCS_RULES.suggestionText.max)
		throw new Problem(
			SUGGESTIONS_LABEL,
			`has ${label} with ${length} characters of text; RCS shows 1 to ${RCS_RULES.suggestionText.max}`,
			'Give every suggestion a short label, e.g. "Yes" or "Call us"',
		);
	const postback = read('postbackData', 'postback_data');
	if (postback === '')
		throw new Problem(
			SUGGESTIONS_LABEL,
			`has ${label} without Postback Data`,
			'Give every suggestion the data you want back when the user taps it, e.g. "confirm_order_42"',
		);
	const checked: Suggestion = { type, text: shown, postback_data: postback };
	for (const f of rule.fields) checkField(checked, f, read(f.name, f.wire), label);
	if (
		type === 'create_calendar_event' &&
		Date.parse(checked.end_time) <= Date.parse(checked.start_time)
	)
		throw new Problem(
			SUGGESTIONS_LABEL,
			`has ${label} that ends before it starts`,
			'Set End Time after Start Time',
		);
	return checked;
}

function checkField(into: Suggestion, f: SuggestionField, value: string, label: string): void {
	if (value === '') {
		if (f.required)
			throw new Problem(SUGGESTIONS_LABEL, `has ${label} without ${f.label}`, `Fill in ${f.label}`);
		return;
	}
	const result = KIND_CHECKS[f.kind](value);
	if (typeof result !== 'string')
		throw new Problem(
			SUGGESTIONS_LABEL,
			`has ${label} whose ${f.label} ${result[0]} (${got(value)})`,
			result[1],
		);
	into[f.wire] = result;
}

/** The suggestions to send (none when empty), at most the row's number. */
export function checkSuggestions(raw: unknown, row: TypeRule): Suggestion[] | undefined {
	const rows = rowsOf(raw);
	if (rows.length === 0) return undefined;
	const max = row.suggestions?.max ?? 0;
	if (rows.length > max)
		throw new Problem(
			SUGGESTIONS_LABEL,
			`has ${rows.length} suggestions; an RCS ${row.type} message takes at most ${max}`,
			'Remove some suggestions, or send them with a message of their own',
		);
	return rows.map(suggestion);
}

export function checkCardTitle(raw: unknown): string {
	const value = text(raw, 'Card Title').trim();
	const { max } = RCS_RULES.cardTitle;
	const length = characterCount(value);
	if (length === 0 || length > max)
		throw new Problem(
			'Card Title',
			`has ${length} characters; an RCS card takes 1 to ${max}`,
			'Give the card a short title',
		);
	return value;
}

/** A custom message: a JSON object (or its text), sent as it is. */
export function checkCustom(raw: unknown): Record<string, unknown> {
	const fix =
		'Give the JSON object the channel expects, e.g. {"contentMessage": {"text": "Hi"}} for RCS';
	const value = typeof raw === 'string' ? parsed(raw.trim() || '""', 'Custom Message', fix) : raw;
	if (isObject(value) && Object.keys(value).length > 0) return value;
	const what = Array.isArray(value)
		? 'a list (array)'
		: isObject(value)
			? 'an empty object'
			: `not an object (${typeof value})`;
	throw new Problem('Custom Message', `is ${what}, not a JSON object`, fix);
}
