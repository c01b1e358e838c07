import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The send node's numeric options: editor label, range, default, and whether fractions make sense. */
export const OPTION_LIMITS = {
	concurrency: { label: 'Max Parallel Requests', min: 1, max: 100, default: 10, whole: true },
	maxPerSecond: { label: 'Max Requests per Second', min: 1, max: 1000, default: 30, whole: true },
	maxRetries: {
		label: 'Retries When Throttled or Unreachable',
		min: 0,
		max: 20,
		default: 5,
		whole: true,
	},
	timeout: { label: 'Timeout (Seconds)', min: 1, max: 300, default: 30, whole: false },
} as const;

type OptionName = keyof typeof OPTION_LIMITS;

export type SendOptions = Record<OptionName, number>;

/** A number, or text that is exactly a number (what an expression may give); anything else is NaN. */
function asNumber(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '') return Number(value.trim());
	return Number.NaN;
}

/**
 * Reads and checks the options once, before anything is sent. An option set by expression can be
 * anything: each must be a number within its range, or the node stops naming the option.
 */
export function readSendOptions(ctx: IExecuteFunctions): SendOptions {
	const raw = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const options = {} as SendOptions;
	for (const name of Object.keys(OPTION_LIMITS) as OptionName[]) {
		const limits = OPTION_LIMITS[name];
		const value = raw[name];
		if (value === undefined || value === null || value === '') {
			options[name] = limits.default;
			continue;
		}
		const number = asNumber(value);
		const wholeOk = !limits.whole || Number.isInteger(number);
		if (!Number.isFinite(number) || !wholeOk || number < limits.min || number > limits.max) {
			const kind = limits.whole ? 'a whole number' : 'a number';
			throw new NodeOperationError(
				ctx.getNode(),
				`The option '${limits.label}' must be ${kind} from ${limits.min} to ${limits.max} (got ${JSON.stringify(value)})`,
				{
					description: `Nothing was sent. Set '${limits.label}' in the node's options to ${kind} from ${limits.min} to ${limits.max}, or remove it to use the default (${limits.default}).`,
				},
			);
		}
		options[name] = number;
	}
	return options;
}
