/** The approval keywords when the options give none (the defaults). */
export const DEFAULT_APPROVE_KEYWORDS = 'YES, Y, OK, CONFIRM';
export const DEFAULT_DECLINE_KEYWORDS = 'NO, N, CANCEL';

/** At most this many keywords per list, each at most this long: they travel in every registration. */
export const KEYWORD_LIMITS = { count: 50, length: 100 } as const;

/**
 * A reply or keyword as it is compared: without case, surrounding spaces, or final punctuation
 * ("Yes!", " yes ", "YES." all read "yes"); inner spaces are kept, runs of them made one.
 */
export function comparableReply(text: string): string {
	return text
		.normalize('NFKC')
		.trim()
		.replace(/[\p{P}\s]+$/u, '')
		.replace(/\s+/g, ' ')
		.toLocaleLowerCase('en');
}

/** A comma-separated keyword list, compared form, empty entries dropped. Undefined when it is not a list. */
export function parseKeywords(text: string): string[] | undefined {
	const words = text
		.split(',')
		.map(comparableReply)
		.filter((word) => word !== '');
	const unique = [...new Set(words)];
	if (unique.length > KEYWORD_LIMITS.count) return undefined;
	if (unique.some((word) => word.length > KEYWORD_LIMITS.length)) return undefined;
	return unique;
}

/** true (approve), false (decline), or undefined when the reply is neither. Approve wins a tie. */
export function approvalOf(
	text: string | null | undefined,
	approve: readonly string[],
	decline: readonly string[],
): boolean | undefined {
	if (typeof text !== 'string') return undefined;
	const reply = comparableReply(text);
	if (reply === '') return undefined;
	if (approve.includes(reply)) return true;
	if (decline.includes(reply)) return false;
	return undefined;
}
