/** The checks of the Viber and Messenger options, reading their values and ranges from rules.ts. */
import type { MessengerOptions, ViberOptions } from '../../shared/vocabulary/messageModel';
import { LABELS, Problem, text } from './problem';
import { OPTION_RULES, type Choice } from './rules';

/** "Use a (the default), b or c". */
function useOneOf(values: readonly string[]): string {
	const [first, ...others] = values;
	const last = others.pop();
	const middle = others.map((value) => `, ${value}`).join('');
	return `Use ${first} (the default)${middle}${last ? ` or ${last}` : ''}`;
}

function choice<T extends string>(raw: unknown, rule: Choice<T>, what: string): T | undefined {
	const value = text(raw, LABELS.category).trim();
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
	const ttl = seconds(options.ttl, rules.ttl, 'Viber');
	if (ttl !== undefined) checked.ttl = ttl;
	return Object.keys(checked).length > 0 ? checked : undefined;
}

export const given = (raw: unknown) => raw !== undefined && raw !== null && raw !== '';

/** TTL: whole seconds within the channel's range, or none. */
export function seconds(raw: unknown, range: { min: number; max: number }, label: string) {
	if (!given(raw)) return undefined;
	const shown = typeof raw === 'number' ? String(raw) : text(raw, LABELS.ttl);
	const ttl = typeof raw === 'number' ? raw : Number(shown.trim());
	const { min, max } = range;
	if (!Number.isInteger(ttl) || ttl < min || ttl > max) {
		throw new Problem(
			LABELS.ttl,
			`is not a whole number of seconds from ${min} to ${max} (got "${shown}")`,
			`Give how long ${label} may try to deliver, e.g. 600 for ten minutes, or remove the option`,
		);
	}
	return ttl;
}
export function checkMessenger(options: {
	category?: unknown;
	tag?: unknown;
}): MessengerOptions | undefined {
	const rules = OPTION_RULES.messenger;
	const checked: MessengerOptions = {};
	const category = choice(options.category, rules.category, 'Messenger category');
	if (category) checked.category = category;
	const tag = text(options.tag, LABELS.tag).trim();
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
	const { category: tagCategory } = rules.tag;
	if (checked.tag && !checked.category) checked.category = tagCategory;
	if (checked.tag && checked.category !== tagCategory) {
		throw new Problem(
			LABELS.tag,
			`cannot go with the category ${checked.category}: Facebook reads a tag only with ${tagCategory}`,
			'Set Category to Message Tag (or leave Category out: a Tag sets it), or remove the Tag option',
		);
	}
	if (checked.category === tagCategory && !checked.tag) {
		throw new Problem(
			LABELS.tag,
			`is required with the category ${tagCategory}`,
			"Add the Tag option with one of Facebook's message tags, e.g. CONFIRMED_EVENT_UPDATE",
		);
	}
	return Object.keys(checked).length > 0 ? checked : undefined;
}
