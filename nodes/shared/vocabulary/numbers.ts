/**
 * Phone numbers as Vonage takes them: E.164 digits without `+` or `00`, 7 to 15 digits, starting with
 * the country code (E.164 country codes never start with 0). One place for every node that reads one.
 */

/** What a person types between digits: spaces, dashes, dots, and parentheses around an area code. */
const SEPARATORS = /[\s\-.]/g;

// `(0)` right after the country code is the national trunk prefix (`+44 (0) 7700 900000`): dialled
// from abroad it is left out. Country codes have 1 to 3 digits.
const TRUNK_AFTER_COUNTRY_CODE = /^(\d{1,3})\(0\)/;

export type NumberCheck = { ok: true; value: string } | { ok: false; problem: string; fix: string };

export const INTERNATIONAL_FORM =
	'Write it in international format: the country code, then the number without its leading 0 (7 to 15 digits in all), e.g. +44 7700 900000 or 447700900000';

/**
 * The digits of a number as written (separators, a leading `+` or `00` and a trunk `(0)` after the
 * country code removed). The result is not checked: use checkInternationalNumber for that.
 */
export function normaliseNumber(raw: string): string {
	let compact = raw.replace(SEPARATORS, '');
	if (compact.startsWith('+')) compact = compact.slice(1);
	else if (compact.startsWith('00')) compact = compact.slice(2);
	return compact.replace(TRUNK_AFTER_COUNTRY_CODE, '$1').replace(/[()]/g, '');
}

/** Accepts a number only when it is unambiguously international; says why not otherwise. */
export function checkInternationalNumber(raw: string): NumberCheck {
	const shown = raw.trim();
	if (shown === '') return { ok: false, problem: 'it is empty', fix: INTERNATIONAL_FORM };
	const compact = raw.replace(SEPARATORS, '');
	const international = compact.replace(/^(\+|00)/, '');
	// A parenthesised group starting with 0 anywhere but as `(0)` after the country code: which 0 is dialled?
	if (/\(0/.test(international.replace(TRUNK_AFTER_COUNTRY_CODE, '$1'))) {
		return {
			ok: false,
			problem: `"${shown}" is ambiguous: it is not clear whether the 0 in parentheses is dialled`,
			fix: INTERNATIONAL_FORM,
		};
	}
	const value = normaliseNumber(raw);
	if (!/^\d+$/.test(value)) {
		return { ok: false, problem: `"${shown}" is not a phone number`, fix: INTERNATIONAL_FORM };
	}
	if (value.startsWith('0')) {
		const what =
			compact.startsWith('+') || compact.startsWith('00')
				? 'has a 0 where the country code belongs'
				: 'is a national number (it starts with 0)';
		return { ok: false, problem: `"${shown}" ${what}`, fix: INTERNATIONAL_FORM };
	}
	if (value.length < 7 || value.length > 15) {
		return {
			ok: false,
			problem: `"${shown}" has ${value.length} digits; an international number has 7 to 15`,
			fix: INTERNATIONAL_FORM,
		};
	}
	return { ok: true, value };
}
