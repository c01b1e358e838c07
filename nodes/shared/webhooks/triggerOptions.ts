import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { channelsOptionOf } from './channelFilter';
import { keywordEntriesOf } from './keywordFilter';
import { DEFAULT_MAX_AGE_SECONDS, MAX_AGE_OPTION, maxAgeOf } from './signature';
import { forgetCredentials } from './webhookCredentials';

/** What an option's value must be; an expression can make it anything. */
export type OptionKind = 'text' | 'yes/no' | 'list of texts' | 'seconds' | 'keywords';

/** A trigger's options by name: the label the editor shows and the kind of value. */
export type OptionRules = Record<string, { label: string; kind: OptionKind }>;

/** The options both triggers have (Channels is checked by channelFilter.ts). */
export const COMMON_OPTION_RULES: OptionRules = {
	ignoreDuplicates: { label: 'Ignore Duplicates', kind: 'yes/no' },
	maxAgeSeconds: { label: MAX_AGE_OPTION, kind: 'seconds' },
};

function shown(value: unknown): string {
	if (typeof value === 'string') return `the text "${value.slice(0, 40)}"`;
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return `the ${typeof value} ${String(value)}`;
}

const isText = (value: unknown) => typeof value === 'string';

/** The problem a parser (which throws naming the option and the fix) finds, or undefined. */
function problemOf(parse: () => unknown): string | undefined {
	try {
		parse();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** Per kind: the problem with a value, or undefined when it is usable. Never coerced. */
const PROBLEMS: Record<OptionKind, (label: string, value: unknown) => string | undefined> = {
	text: (label, value) =>
		isText(value)
			? undefined
			: `${label} must be text, not ${shown(value)}. Type it without an expression, or make the expression return text, e.g. {{ String(...) }}.`,
	'yes/no': (label, value) =>
		typeof value === 'boolean'
			? undefined
			: `${label} must be true or false, not ${shown(value)}. Set it with the switch, or make the expression return a boolean.`,
	'list of texts': (label, value) =>
		Array.isArray(value) && value.every(isText)
			? undefined
			: `${label} must be a list of texts, such as ["delivered"], not ${shown(value)}. Pick the values from the list, or make the expression return a list.`,
	seconds: (_label, value) => problemOf(() => maxAgeOf(value)),
	keywords: (_label, value) => problemOf(() => keywordEntriesOf(value)),
};

/**
 * The trigger's options, each of the kind its rule says (absent ones are left to their defaults).
 * Throws naming the option, its value's type and the fix: at activation and when listening for a
 * test event (checkedWebhookMethods), so a workflow never goes live with an option every event would
 * fail on, and per request, before anything is recorded, should an expression change its mind.
 */
export function checkedOptions<O>(ctx: IWebhookFunctions | IHookFunctions, rules: OptionRules): O {
	const options = ctx.getNodeParameter('options', {}) as unknown;
	if (!options || typeof options !== 'object' || Array.isArray(options))
		throw new NodeOperationError(
			ctx.getNode(),
			`Options must be a set of options, not ${shown(options)}`,
		);
	for (const [name, rule] of Object.entries(rules)) {
		if (!Object.prototype.hasOwnProperty.call(options, name)) continue;
		const value = (options as IDataObject)[name];
		if (value === undefined) continue;
		const problem = PROBLEMS[rule.kind](rule.label, value);
		if (problem) throw new NodeOperationError(ctx.getNode(), problem);
	}
	return options as O;
}

/** The Max Signature Age in force for checked options. */
export function maxAgeSecondsOf(options: { maxAgeSeconds?: unknown }): number {
	return maxAgeOf(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
}

/**
 * The trigger's lifecycle methods, refusing activation (and a test listen) while an option is
 * unusable, and dropping the held credential when the trigger is deactivated.
 */
export function checkedWebhookMethods<
	T extends {
		checkExists(this: IHookFunctions): Promise<boolean>;
		delete(this: IHookFunctions): Promise<boolean>;
	},
>(methods: T, rules: OptionRules): T {
	return {
		...methods,
		async checkExists(this: IHookFunctions): Promise<boolean> {
			checkedOptions(this, rules);
			channelsOptionOf(this);
			return await methods.checkExists.call(this);
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			forgetCredentials(this);
			return await methods.delete.call(this);
		},
	};
}
