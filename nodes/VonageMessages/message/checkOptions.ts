/** The checks of the WhatsApp template fields and the Viber and Messenger options, and what every check shares. */
import type { Content, MessengerOptions, ViberOptions } from '../../shared/vocabulary/messageModel';
import type { RawMessage } from './checks';

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

export const text = (value: unknown): string =>
	value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
export const got = (raw: string) => (raw === '' ? 'it is empty' : `got "${raw}"`);

export const VIBER_TTL = { min: 30, max: 259200 } as const;

/** WhatsApp templates: ["Daisy", "12345"], a fixedCollection {parameter: [{value}]}, or a JSON array text. */
export function templateParameterList(raw: unknown): unknown[] {
	if (raw === undefined || raw === null || raw === '') return [];
	if (Array.isArray(raw)) return raw;
	if (typeof raw === 'object') {
		const rows = (raw as { parameter?: unknown }).parameter;
		return Array.isArray(rows)
			? rows.map((row) =>
					row && typeof row === 'object' ? (row as { value?: unknown }).value : row,
				)
			: [];
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

const LOCALE = /^[a-z]{2,3}(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3}))?$/;

export function checkTemplate(raw: RawMessage): Content {
	const name = text(raw.templateName).trim();
	if (name === '' || /\s/.test(name)) {
		throw new Problem(
			'Template Name',
			`is not a template name (${got(text(raw.templateName))})`,
			'Use the name of an approved WhatsApp template, with its namespace when you have one, e.g. 9b6b4fcb_da19_4a26_8fe8_78074a91b584:verify',
		);
	}
	const parameters = templateParameterList(raw.templateParameters).map((value, index) => {
		if (typeof value === 'number' || typeof value === 'boolean') return String(value);
		if (typeof value !== 'string' || value.trim() === '') {
			throw new Problem(
				'Template Parameters',
				`has no text for parameter ${index + 1} ({{${index + 1}}})`,
				'Give every parameter a value, in the order of the template placeholders {{1}}, {{2}}, ...',
			);
		}
		return value;
	});
	const locale = text(raw.locale).trim();
	if (!LOCALE.test(locale)) {
		throw new Problem(
			'Locale',
			`is not a language code (${got(text(raw.locale))})`,
			'Use the language the template was approved in, e.g. en, en-GB or pt_BR',
		);
	}
	const policy = text(raw.policy).trim() || 'deterministic';
	if (policy !== 'deterministic') {
		const why =
			policy === 'fallback'
				? 'WhatsApp withdrew the fallback policy in January 2020 and Vonage refuses it with 400'
				: `got "${policy}"`;
		throw new Problem(
			'Policy',
			`cannot be used (${why})`,
			'Set Policy to Deterministic: the template is sent in exactly the given locale',
		);
	}
	return {
		type: 'template',
		name,
		parameters,
		locale: locale.replace('_', '-'),
		policy: 'deterministic',
	};
}

export function checkViber(raw: RawMessage): ViberOptions | undefined {
	const options: ViberOptions = {};
	const category = text(raw.category).trim();
	if (category !== '') {
		if (category !== 'transaction' && category !== 'promotion') {
			throw new Problem(
				'Category',
				`is not a Viber category (got "${category}")`,
				'Use transaction (the default) or promotion',
			);
		}
		options.category = category;
	}
	if (raw.ttl !== undefined && raw.ttl !== null && raw.ttl !== '') {
		const ttl = typeof raw.ttl === 'number' ? raw.ttl : Number(text(raw.ttl).trim());
		if (!Number.isInteger(ttl) || ttl < VIBER_TTL.min || ttl > VIBER_TTL.max) {
			throw new Problem(
				'TTL (Seconds)',
				`is not a whole number of seconds from ${VIBER_TTL.min} to ${VIBER_TTL.max} (got "${text(raw.ttl)}")`,
				'Give how long Viber may try to deliver, e.g. 600 for ten minutes, or remove the option',
			);
		}
		options.ttl = ttl;
	}
	return Object.keys(options).length > 0 ? options : undefined;
}

const MESSENGER_CATEGORIES = ['response', 'update', 'message_tag'];

export function checkMessenger(raw: RawMessage): MessengerOptions | undefined {
	const options: MessengerOptions = {};
	const category = text(raw.category).trim();
	if (category !== '') {
		if (!MESSENGER_CATEGORIES.includes(category)) {
			throw new Problem(
				'Category',
				`is not a Messenger category (got "${category}")`,
				'Use response (the default), update or message_tag',
			);
		}
		options.category = category as MessengerOptions['category'];
	}
	const tag = text(raw.tag).trim();
	if (tag !== '') {
		if (!/^[A-Z][A-Z_]*$/.test(tag)) {
			throw new Problem(
				'Tag',
				`is not a Messenger message tag (got "${tag}")`,
				"Use one of Facebook's message tags in capitals, e.g. CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE or HUMAN_AGENT",
			);
		}
		options.tag = tag;
	}
	if (options.category === 'message_tag' && !options.tag) {
		throw new Problem(
			'Tag',
			'is required with the category message_tag',
			"Add the Tag option with one of Facebook's message tags, e.g. CONFIRMED_EVENT_UPDATE",
		);
	}
	return Object.keys(options).length > 0 ? options : undefined;
}
