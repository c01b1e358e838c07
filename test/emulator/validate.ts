import { invalidParams, missingParams, type InvalidParameter, type Problem } from './problems';

/** The send-SMS fields this emulator knows, with where they sit in the body. */
const REQUIRED: ReadonlyArray<[string, (b: Record<string, any>) => unknown]> = [
	['to.type', (b) => b.to?.type],
	['to.number', (b) => b.to?.number],
	['from.type', (b) => b.from?.type],
	['from.number', (b) => b.from?.number],
	['message.content.type', (b) => b.message?.content?.type],
	['message.content.text', (b) => b.message?.content?.text],
];

// E.164 (ITU-T): a country code never starts with 0, so neither does a number written without `+`/`00`.
export const E164 = /^[1-9]\d{6,14}$/;
/** Alphanumeric sender ID: 1-11 letters, digits or spaces, at least one letter. */
export const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
export const MAX_TEXT = 1000;
export const MAX_CLIENT_REF = 40;

/**
 * Lengths as Vonage's OpenAPI file states them (`text` maxLength 1000; `client_ref` "up to 40
 * characters"): JSON Schema's maxLength counts Unicode code points, so an emoji is one character.
 * (SMS parts are another matter: UCS-2 counts 16-bit units, see events.ts smsParts.)
 */
export const characters = (value: string): number => Array.from(value).length;

function invalidFields(b: Record<string, any>): InvalidParameter[] {
	const invalid: InvalidParameter[] = [];
	const check = (ok: boolean, name: string, reason: string) => {
		if (!ok) invalid.push({ name, reason });
	};
	const { to, from, message, client_ref: clientRef } = b;
	check(to.type === 'sms', 'to.type', 'must be one of: sms');
	check(
		typeof to.number === 'string' && E164.test(to.number),
		'to.number',
		'must be 7 to 15 digits starting with the country code (E.164 without + or 00)',
	);
	check(from.type === 'sms', 'from.type', 'must be one of: sms');
	check(
		typeof from.number === 'string' && (E164.test(from.number) || SENDER_ID.test(from.number)),
		'from.number',
		'must be 7 to 15 digits starting with the country code, or an alphanumeric sender ID of 1 to 11 letters, digits or spaces',
	);
	check(message.content.type === 'text', 'message.content.type', 'must be one of: text');
	const text = message.content.text;
	check(
		typeof text === 'string' && text.length > 0 && characters(text) <= MAX_TEXT,
		'message.content.text',
		`must be a string of 1 to ${MAX_TEXT} characters`,
	);
	if (clientRef !== undefined) {
		check(
			typeof clientRef === 'string' && characters(clientRef) <= MAX_CLIENT_REF,
			'client_ref',
			`must be a string of at most ${MAX_CLIENT_REF} characters`,
		);
	}
	return invalid;
}

/**
 * The seed page's rules for an SMS send plus the shared README's (number formats, lengths):
 * missing fields -> 400 (1010 Missing params), wrong values -> 422 (1020 Invalid params).
 */
export function validateSms(body: unknown): { status: number; problem: Problem } | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { status: 400, problem: missingParams('The request body must be a JSON object.') };
	}
	const b = body as Record<string, any>;
	const missing = REQUIRED.filter(([, get]) => get(b) === undefined || get(b) === null).map(
		([name]) => ({ name, reason: 'is required' }),
	);
	if (missing.length > 0) {
		return {
			status: 400,
			problem: missingParams(
				'Your request is incomplete and missing some mandatory parameters.',
				missing,
			),
		};
	}
	const invalid = invalidFields(b);
	return invalid.length > 0 ? { status: 422, problem: invalidParams(invalid) } : undefined;
}
