/** What every check of a message shares: the problem it reports and how it reads a value. */
import type { NumberCheck } from '../../shared/vocabulary/numbers';

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

/** A value checked on its own: the value to send, or what is wrong and the fix. */
export type FieldCheck = NumberCheck;

/** The value of a passed check; a failed one becomes the Problem of `field`. */
export function accept(field: string, check: FieldCheck): string {
	if (check.ok) return check.value;
	throw new Problem(field, check.problem, check.fix);
}

/** A parameter's value as text: empty for none. */
export const text = (value: unknown): string =>
	value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);

export const got = (raw: string) => (raw === '' ? 'it is empty' : `got "${raw}"`);

/** How Vonage counts a field's length: Unicode code points (JSON Schema's `maxLength`, as the OpenAPI file gives it). */
export function characterCount(value: string): number {
	return Array.from(value).length;
}

/** `value` when it has at most `max` characters as Vonage counts them; else the problem and `fix`. */
export function atMost(value: string, max: number, fix: string, by = 'Vonage'): FieldCheck {
	const length = characterCount(value);
	if (length > max)
		return { ok: false, problem: `has ${length} characters; ${by} accepts at most ${max}`, fix };
	return { ok: true, value };
}
