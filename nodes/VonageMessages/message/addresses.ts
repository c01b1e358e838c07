/** The checks of From and To, one per address kind of the rules (rules.ts CHANNEL_RULES). */
import { checkInternationalNumber } from '../../shared/vocabulary/numbers';
import { accept, got, Problem, type FieldCheck } from './problem';
import type { AddressKind } from './rules';

/** README: `from` may be an alphanumeric sender ID in some countries: 1-11 letters, digits or spaces. */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
/** A US short code (yml mmsMessage: MMS from US numbers and short codes). */
const SHORT_CODE = /^\d{3,6}$/;
/**
 * A WhatsApp business-scoped user ID: an ISO 3166 alpha-2 country code, a period, an optional `ENT.`
 * (a parent BSUID), then 1 to 128 letters and digits, e.g. US.13491208655302741918 (Vonage's Java
 * SDK 9.13.0, `Bsuid`, and its tests). Inbound v1 WhatsApp events carry it in whatsapp.sender.user_id.
 */
const BSUID = /^[A-Za-z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const BSUID_EXAMPLE = 'US.13491208655302741918';
/** yml: Viber and Messenger `id`s have 1 to 50 characters. */
const ID = /^[^\s+]\S{0,49}$/;

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

type Field = 'From' | 'To';

const ADDRESS_CHECKS: Record<AddressKind, (field: Field, raw: string) => string> = {
	number: (field, raw) => accept(field, checkRecipient(raw)),
	whatsappUser: (field, raw) => {
		const id = raw.trim();
		if (BSUID.test(id)) return id;
		const number = checkInternationalNumber(raw);
		if (number.ok) return number.value;
		throw new Problem(
			field,
			`is neither a phone number in international format nor a WhatsApp user ID (BSUID): ${number.problem}`,
			`${number.fix}; or the customer's business-scoped user ID exactly as Vonage sent it (whatsapp.sender.user_id of their inbound message), e.g. ${BSUID_EXAMPLE}`,
		);
	},
	smsSender: (field, raw) => accept(field, checkSender(raw)),
	mmsSender: (field, raw) => {
		const compact = raw.trim();
		return SHORT_CODE.test(compact) ? compact : accept(field, checkRecipient(raw));
	},
	viberService: (field, raw) => {
		const id = raw.trim();
		if (ID.test(id)) return id;
		throw new Problem(
			field,
			`is not a Viber service message ID (${got(raw)})`,
			'Use the Viber service message ID your Vonage account manager gave you (up to 50 characters, e.g. 654321), not a phone number',
		);
	},
	messengerId: (field, raw) => {
		const id = raw.trim();
		if (ID.test(id)) return id;
		const fix =
			field === 'To'
				? "Messenger addresses people by ID, not phone number: use the sender ID of the customer's inbound Messenger message (its from.id in v0.1 webhooks, from in v1), up to 50 characters"
				: 'Use the ID of your Facebook page linked to the Vonage application (the to ID of an inbound Messenger message), up to 50 characters';
		throw new Problem(field, `is not a Messenger ID (${got(raw)})`, fix);
	},
	rcsAgent: (field, raw) => {
		const id = raw.trim();
		if (ID.test(id)) return id;
		throw new Problem(
			field,
			`is not an RCS agent ID (${got(raw)})`,
			'Use the ID of your RCS agent as Vonage set it up (up to 50 characters, no spaces), e.g. Vonage',
		);
	},
};

/** A BSUID given where only a phone number is taken (WhatsApp in API v0.1). */
export function isBsuid(raw: string): boolean {
	return BSUID.test(raw.trim());
}

/** The address to send, or the Problem of `field`. */
export function checkAddress(field: Field, kind: AddressKind, raw: string): string {
	return ADDRESS_CHECKS[kind](field, raw);
}
