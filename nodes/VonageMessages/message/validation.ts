import { checkInternationalNumber, type NumberCheck } from '../../shared/vocabulary/numbers';

/** Limits from the Messages API v0.1 page and Vonage's SMS rules. */
export const MAX_TEXT_LENGTH = 1000;
export const MAX_CLIENT_REF_LENGTH = 40;

export type FieldCheck = NumberCheck;

const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

/** How Vonage counts a field's length: Unicode code points (JSON Schema's `maxLength`, as the OpenAPI file gives it). */
export function characterCount(value: string): number {
	return Array.from(value).length;
}

export function checkRecipient(raw: string): FieldCheck {
	const number = checkInternationalNumber(raw);
	if (number.ok) return number;
	return {
		ok: false,
		problem: `is not a phone number in international format: ${number.problem}`,
		fix: number.fix,
	};
}

export function checkSender(raw: string): FieldCheck {
	const trimmed = raw.trim();
	const number = checkInternationalNumber(trimmed);
	if (number.ok) return number;
	if (SENDER_ID.test(trimmed)) return { ok: true, value: trimmed };
	return {
		ok: false,
		problem: `is neither a phone number nor an alphanumeric sender ID: ${number.problem}`,
		fix: 'Use your Vonage virtual number in international format (country code, then the number without its leading 0, e.g. 447700900001), or a sender ID of 1 to 11 letters, digits and spaces where your destination country allows it',
	};
}

export function checkText(text: string): FieldCheck {
	if (text.trim() === '') {
		return {
			ok: false,
			problem: 'is empty',
			fix: 'Write the message, or map it from the input, e.g. {{ $json.message }}',
		};
	}
	return atMost(text, MAX_TEXT_LENGTH, 'Shorten the text or split it over several messages');
}

export function checkClientRef(ref: string): FieldCheck {
	return atMost(
		ref,
		MAX_CLIENT_REF_LENGTH,
		'Map a shorter value, such as a record ID, into Client Reference',
	);
}

/** `value` when it has at most `max` characters as Vonage counts them; else the problem and `fix`. */
function atMost(value: string, max: number, fix: string): FieldCheck {
	const length = characterCount(value);
	if (length > max)
		return { ok: false, problem: `has ${length} characters; Vonage accepts at most ${max}`, fix };
	return { ok: true, value };
}
