/** Limits from the Messages API v0.1 page and Vonage's SMS rules. */
export const MAX_TEXT_LENGTH = 1000;
export const MAX_CLIENT_REF_LENGTH = 40;

export type FieldCheck = { ok: true; value: string } | { ok: false; problem: string; fix: string };

const SEPARATORS = /[\s\-().]/g;

/** Spaces and common separators dropped, then a leading `+` or `00` (international prefix). */
export function normaliseNumber(raw: string): string {
	const compact = raw.replace(SEPARATORS, '');
	if (compact.startsWith('+')) return compact.slice(1);
	if (compact.startsWith('00')) return compact.slice(2);
	return compact;
}

const E164_DIGITS = /^\d{7,15}$/;
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

function describe(raw: string): string {
	return raw === '' ? 'it is empty' : `got "${raw}"`;
}

export function checkRecipient(raw: string): FieldCheck {
	const value = normaliseNumber(raw);
	if (E164_DIGITS.test(value)) return { ok: true, value };
	return {
		ok: false,
		problem: `is not a phone number in international format (${describe(raw)})`,
		fix: 'Use the country code followed by the number, 7 to 15 digits, e.g. 447700900000 or +44 7700 900000',
	};
}

export function checkSender(raw: string): FieldCheck {
	const trimmed = raw.trim();
	const value = normaliseNumber(trimmed);
	if (E164_DIGITS.test(value)) return { ok: true, value };
	if (SENDER_ID.test(trimmed)) return { ok: true, value: trimmed };
	return {
		ok: false,
		problem: `is neither a phone number nor an alphanumeric sender ID (${describe(raw)})`,
		fix: 'Use your Vonage virtual number with its country code (7 to 15 digits, e.g. 447700900001), or a sender ID of 1 to 11 letters, digits and spaces where your destination country allows it',
	};
}

export function checkText(text: string): FieldCheck {
	if (text.trim() === '') {
		return { ok: false, problem: 'is empty', fix: 'Write the message, or map it from the input, e.g. {{ $json.message }}' };
	}
	const length = Array.from(text).length;
	if (length > MAX_TEXT_LENGTH) {
		return {
			ok: false,
			problem: `has ${length} characters; Vonage accepts at most ${MAX_TEXT_LENGTH}`,
			fix: 'Shorten the text or split it over several messages',
		};
	}
	return { ok: true, value: text };
}

export function checkClientRef(ref: string): FieldCheck {
	if (ref.length > MAX_CLIENT_REF_LENGTH) {
		return {
			ok: false,
			problem: `has ${ref.length} characters; Vonage accepts at most ${MAX_CLIENT_REF_LENGTH}`,
			fix: 'Map a shorter value, such as a record ID, into Client Reference',
		};
	}
	return { ok: true, value: ref };
}
