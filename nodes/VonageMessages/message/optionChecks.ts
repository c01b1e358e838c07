/** The checks of the Viber and Messenger options, reading their values and ranges from rules.ts. */
import type { MessengerOptions, ViberOptions } from '../../shared/vocabulary/messageModel';
import { Problem, text } from './problem';
import { LABELS, OPTION_RULES, type Choice } from './rules';

/** "Use a (the default), b or c". */
function useOneOf(values: readonly string[]): string {
	const [first, ...others] = values;
	const last = others.pop();
	const middle = others.map((value) => `, ${value}`).join('');
	return `Use ${first} (the default)${middle}${last ? ` or ${last}` : ''}`;
}

function choice<T extends string>(raw: unknown, rule: Choice<T>, what: string): T | undefined {
	const value = text(raw).trim();
	if (value === '') return undefined;
	if ((rule.values as readonly string[]).includes(value)) return value as T;
	throw new Problem(LABELS.category, `is not a ${what} (got "${value}")`, useOneOf(rule.values));
}

export function checkViber(options: {
	category?: unknown;
	ttl?: unknown;
}): ViberOptions | undefined {
	const rules = OPTION_RULES.viber;
	const checked: ViberOptions = {};
	const category = choice(options.category, rules.category, 'Viber category');
	if (category) checked.category = category;
	const raw = options.ttl;
	if (raw !== undefined && raw !== null && raw !== '') {
		const ttl = typeof raw === 'number' ? raw : Number(text(raw).trim());
		const { min, max } = rules.ttl;
		if (!Number.isInteger(ttl) || ttl < min || ttl > max) {
			throw new Problem(
				LABELS.ttl,
				`is not a whole number of seconds from ${min} to ${max} (got "${text(raw)}")`,
				'Give how long Viber may try to deliver, e.g. 600 for ten minutes, or remove the option',
			);
		}
		checked.ttl = ttl;
	}
	return Object.keys(checked).length > 0 ? checked : undefined;
}

export function checkMessenger(options: {
	category?: unknown;
	tag?: unknown;
}): MessengerOptions | undefined {
	const rules = OPTION_RULES.messenger;
	const checked: MessengerOptions = {};
	const category = choice(options.category, rules.category, 'Messenger category');
	if (category) checked.category = category;
	const tag = text(options.tag).trim();
	if (tag !== '') {
		if (!rules.tag.pattern.test(tag)) {
			throw new Problem(
				LABELS.tag,
				`is not a Messenger message tag (got "${tag}")`,
				"Use one of Facebook's message tags in capitals, e.g. CONFIRMED_EVENT_UPDATE, POST_PURCHASE_UPDATE, ACCOUNT_UPDATE or HUMAN_AGENT",
			);
		}
		checked.tag = tag;
	}
	if (checked.category === rules.tag.requiredWith && !checked.tag) {
		throw new Problem(
			LABELS.tag,
			`is required with the category ${rules.tag.requiredWith}`,
			"Add the Tag option with one of Facebook's message tags, e.g. CONFIRMED_EVENT_UPDATE",
		);
	}
	return Object.keys(checked).length > 0 ? checked : undefined;
}
