import {
	checkClientRef,
	checkRecipient,
	checkSender,
	checkText,
	type FieldCheck,
} from './validation';
import { CHANNELS, type AddressKind } from '../../shared/vocabulary/channels';
import type {
	ApiVersion,
	Channel,
	Content,
	Message,
	MessageType,
} from '../../shared/vocabulary/messageModel';
import { isMedia } from '../../shared/vocabulary/messageModel';
import { checkMessenger, checkTemplate, checkViber, got, Problem, text } from './checkOptions';

export { templateParameterList, VIBER_TTL } from './checkOptions';

/** One item's parameters as the editor (or an expression) gave them, before any check. */
export interface RawMessage {
	from?: unknown;
	to?: unknown;
	clientRef?: unknown;
	messageType?: unknown;
	text?: unknown;
	mediaUrl?: unknown;
	caption?: unknown;
	templateName?: unknown;
	templateParameters?: unknown;
	locale?: unknown;
	policy?: unknown;
	category?: unknown;
	ttl?: unknown;
	tag?: unknown;
}

/** The first problem found, with the editor label of its field; or the checked message. */
export type Checked =
	| { ok: true; message: Message }
	| { ok: false; field: string; problem: string; fix: string };

/** v1 takes a longer client reference than v0.1 (SDK `MessageParams.clientRef`: up to 100 characters). */
export const MAX_CLIENT_REF_V1 = 100;

function accept(field: string, check: FieldCheck): string {
	if (check.ok) return check.value;
	throw new Problem(field, check.problem, check.fix);
}

const ID = /^[^\s+]\S{0,49}$/;

function address(field: string, kind: AddressKind, raw: string): string {
	switch (kind) {
		case 'number':
			return accept(field, checkRecipient(raw));
		case 'smsSender':
			return accept(field, checkSender(raw));
		case 'mmsSender': {
			const compact = raw.trim();
			if (/^\d{3,6}$/.test(compact)) return compact; // a US short code
			return accept(field, checkRecipient(raw));
		}
		case 'viberService': {
			const id = raw.trim();
			if (ID.test(id)) return id;
			throw new Problem(
				field,
				`is not a Viber service message ID (${got(raw)})`,
				'Use the Viber service message ID your Vonage account manager gave you (up to 50 characters, e.g. 654321), not a phone number',
			);
		}
		case 'messengerId': {
			const id = raw.trim();
			if (ID.test(id)) return id;
			const fix =
				field === 'To'
					? "Messenger addresses people by ID, not phone number: use the sender ID of the customer's inbound Messenger message (its from.id in v0.1 webhooks, from in v1), up to 50 characters"
					: 'Use the ID of your Facebook page linked to the Vonage application (the to ID of an inbound Messenger message), up to 50 characters';
			throw new Problem(field, `is not a Messenger ID (${got(raw)})`, fix);
		}
	}
}

function checkLongText(limit: number, label: string, raw: string): string {
	if (raw.trim() === '')
		throw new Problem(
			'Text',
			'is empty',
			'Write the message, or map it from the input, e.g. {{ $json.message }}',
		);
	const length = Array.from(raw).length;
	if (length > limit) {
		throw new Problem(
			'Text',
			`has ${length} characters; ${label} accepts at most ${limit}`,
			'Shorten the text or split it over several messages',
		);
	}
	return raw;
}

function checkMediaUrl(raw: string): string {
	const value = raw.trim();
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
			'Media URL',
			`is not an absolute http(s) URL (${got(raw)})`,
			'Use a public link starting with https:// (or http://), e.g. https://example.com/photo.jpg: Vonage downloads the file from there',
		);
	}
	return value;
}

function checkClientReference(version: ApiVersion, raw: string): string {
	if (version === 'v0.1') return accept('Client Reference', checkClientRef(raw));
	const length = Array.from(raw).length;
	if (length > MAX_CLIENT_REF_V1) {
		throw new Problem(
			'Client Reference',
			`has ${length} characters; Vonage accepts at most ${MAX_CLIENT_REF_V1}`,
			'Map a shorter value, such as a record ID, into Client Reference',
		);
	}
	return raw;
}

function checkContent(
	channel: Channel,
	version: ApiVersion,
	type: MessageType,
	raw: RawMessage,
): Content {
	const spec = CHANNELS[channel];
	if (type === 'text') {
		const value = text(raw.text);
		return {
			type: 'text',
			text:
				channel === 'sms'
					? accept('Text', checkText(value))
					: checkLongText(spec.textLimit, spec.label, value),
		};
	}
	if (type === 'template') return checkTemplate(raw);
	if (!isMedia(type))
		throw new Problem(
			'Message Type',
			`is not a message type (got "${String(type)}")`,
			'Choose one of the listed types',
		);
	const url = checkMediaUrl(text(raw.mediaUrl));
	const caption = text(raw.caption);
	if (caption.trim() === '') return { type, url };
	if (!spec.caption[version].includes(type)) {
		const other = version === 'v0.1' && spec.caption.v1.includes(type);
		throw new Problem(
			'Caption',
			`cannot go with a ${spec.label} ${type} in API ${version}`,
			other
				? 'Leave Caption empty, or set Options > API Version to v1, which sends it'
				: 'Leave Caption empty',
		);
	}
	return { type, url, caption };
}

/**
 * Checks one item for a channel, in the order the fields appear in the editor (so the first error is
 * the first field to fix), and returns the message model or the first problem.
 */
export function checkMessage(channel: Channel, version: ApiVersion, raw: RawMessage): Checked {
	const spec = CHANNELS[channel];
	try {
		const from = address('From', spec.from, text(raw.from));
		const to = address('To', spec.to, text(raw.to));
		const typeText = text(raw.messageType).trim() || spec.types[0];
		if (!(spec.types as readonly string[]).includes(typeText)) {
			throw new Problem(
				'Message Type',
				`is not a ${spec.label} message type (got "${typeText}")`,
				`Use one of: ${spec.types.join(', ')}`,
			);
		}
		const content = checkContent(channel, version, typeText as MessageType, raw);
		const clientRef = checkClientReference(version, text(raw.clientRef));
		const message: Message = { channel, from, to, content };
		if (clientRef !== '') message.clientRef = clientRef;
		if (channel === 'viber') {
			const viber = checkViber(raw);
			if (viber) message.viber = viber;
		}
		if (channel === 'messenger') {
			const messenger = checkMessenger(raw);
			if (messenger) message.messenger = messenger;
		}
		return { ok: true, message };
	} catch (error) {
		const problem =
			error instanceof Problem
				? error
				: new Problem(
						'Message',
						`could not be read (${(error as Error).message})`,
						'Check the parameters of this item',
					);
		return { ok: false, field: problem.field, problem: problem.problem, fix: problem.fix };
	}
}
