/** The checks of the Viber and Messenger options, reading their values and ranges from rules.ts. */
import type {
	ApiVersion,
	Channel,
	MessengerOptions,
	V1Options,
	ViberOptions,
} from '../../shared/vocabulary/messageModel';
import { LABELS, Problem, text } from './problem';
import { OPTION_RULES, type Choice } from './rules';
import { RCS_RULES, WEBHOOK_RULES } from './rulesV1';

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

const given = (raw: unknown) => raw !== undefined && raw !== null && raw !== '';

/** TTL: whole seconds within the channel's range, or none. */
function seconds(raw: unknown, range: { min: number; max: number }, label: string) {
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

function webhookUrl(raw: unknown): string {
	const value = text(raw, LABELS.webhookUrl).trim();
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	const loopback = (WEBHOOK_RULES.loopback as readonly string[]).includes(url?.hostname ?? '');
	if (
		url &&
		!/\s/.test(value) &&
		(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))
	)
		return value;
	throw new Problem(
		LABELS.webhookUrl,
		`is not an https URL (got "${value}")`,
		'Use an https:// address for the status events of this message (http only to localhost), or remove the option',
	);
}

/**
 * The options only v1 has: RCS `ttl` and the per-message webhook. Given in v0.1, each is refused
 * with the fix (set API Version to v1), never dropped.
 */
export function checkV1Options(
	channel: Channel,
	version: ApiVersion,
	options: { ttl?: unknown; webhookUrl?: unknown; webhookVersion?: unknown },
): V1Options | undefined {
	const fields = (['webhookUrl', 'webhookVersion'] as const).filter((f) => given(options[f]));
	if (version !== 'v1' && fields.length > 0)
		throw new Problem(
			LABELS[fields[0]],
			'is an option of API v1 only',
			'Set Options > API Version to v1, or remove the option',
		);
	const checked: V1Options = {};
	if (channel === 'rcs') {
		const ttl = seconds(options.ttl, RCS_RULES.ttl, 'RCS');
		if (ttl !== undefined) checked.ttl = ttl;
	}
	if (given(options.webhookUrl)) checked.webhookUrl = webhookUrl(options.webhookUrl);
	if (given(options.webhookVersion)) {
		const value = text(options.webhookVersion, LABELS.webhookVersion).trim();
		if (!(WEBHOOK_RULES.versions as readonly string[]).includes(value))
			throw new Problem(
				LABELS.webhookVersion,
				`is not a webhook format (got "${value}")`,
				`Use ${WEBHOOK_RULES.versions.join(' or ')}`,
			);
		checked.webhookVersion = value as V1Options['webhookVersion'];
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
