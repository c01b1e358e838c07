import type { INodeProperties } from 'n8n-workflow';

import { comparableReply } from '../handover/keywords';

/**
 * The Inbound Trigger's option "Keywords": start only for messages whose first word is one of these.
 * The first word is the message's `text` (events.ts: a text message, a button's text, a reply's title;
 * never a media caption) up to its first whitespace, after trimming, compared as Send and Wait compares
 * a reply (handover/keywords.ts comparableReply: without case or final punctuation). So `stop`, `STOP!`,
 * `Stop.` and `stop please` match STOP; `stopping`, `please stop` and a message without text do not.
 */
export const KEYWORDS_OPTION = 'Keywords';

export const keywordsOption: INodeProperties = {
	displayName: KEYWORDS_OPTION,
	name: 'keywords',
	type: 'string',
	default: '',
	placeholder: 'STOP, UNSUBSCRIBE',
	description:
		'Start the workflow only for messages whose first word is one of these, separated by commas. Case and final punctuation do not matter ("stop!" matches STOP). Empty means all messages. The output gets the matched keyword in "keyword".',
};

/** One keyword: its compared form and the way the option wrote it (what the output's `keyword` shows). */
export interface Keyword {
	word: string;
	written: string;
}

const EXAMPLE = 'separate one-word keywords with commas, such as "STOP, UNSUBSCRIBE"';

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`;
}

/**
 * The option's keywords, in order, each once (the first spelling wins: `Stop, STOP` is one keyword).
 * `undefined` and text without keywords (`''`, `' , '`) mean no filter: []. Empty entries are skipped
 * (`STOP,,ORDER`). Anything else throws naming the option and the fix: a value that is not text, a
 * keyword of several words, one that is only punctuation. A wrong value must never turn the filter off.
 */
export function keywordEntriesOf(value: unknown): Keyword[] {
	if (value === undefined) return [];
	if (typeof value !== 'string')
		throw new Error(
			`${KEYWORDS_OPTION} must be text, not ${kindOf(value)}: ${EXAMPLE}. Type them without an expression, or make the expression return text.`,
		);
	const keywords: Keyword[] = [];
	for (const entry of value.split(',')) {
		const written = entry.trim();
		if (written === '') continue;
		const shown = `"${written.slice(0, 40)}"`;
		if (/\s/.test(written))
			throw new Error(
				`${KEYWORDS_OPTION}: ${shown} is more than one word; a keyword is compared with a message's first word: ${EXAMPLE}.`,
			);
		const word = comparableReply(written);
		if (word === '')
			throw new Error(
				`${KEYWORDS_OPTION}: ${shown} is only punctuation, which no message's first word can match: ${EXAMPLE}.`,
			);
		if (!keywords.some((known) => known.word === word)) keywords.push({ word, written });
	}
	return keywords;
}

/** The option's keywords in their compared form ([] when there are none). Throws as keywordEntriesOf. */
export function keywordsOf(value: unknown): string[] {
	return keywordEntriesOf(value).map(({ word }) => word);
}

/** Whether the trigger's options filter on keywords. Throws on an unusable value, as keywordEntriesOf. */
export function hasKeywords(options: { keywords?: unknown }): boolean {
	return keywordEntriesOf(options.keywords).length > 0;
}

/** A message text's first word in its compared form ('' when there is none). */
export function firstWordOf(text: string): string {
	return comparableReply(text.trim().split(/\s/u, 1)[0]);
}

/** The keyword a message's text starts with, or why it matches none. */
export function keywordMatch(
	text: unknown,
	keywords: readonly Keyword[],
): { keyword: Keyword } | { refusal: string } {
	if (typeof text !== 'string' || text.trim() === '')
		return { refusal: 'the message has no text to match a keyword' };
	const first = firstWordOf(text);
	const keyword = keywords.find(({ word }) => word === first);
	if (keyword) return { keyword };
	return { refusal: `first word "${first.slice(0, 40)}" is not a keyword` };
}
