import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import {
	DEFAULT_APPROVE_KEYWORDS,
	DEFAULT_DECLINE_KEYWORDS,
	KEYWORD_LIMITS,
	parseKeywords,
} from '../../../shared/handover/keywords';
import type { ResponseType } from '../../../shared/handover/messages';

export interface WaitSettings {
	responseType: ResponseType;
	approve: string[];
	decline: string[];
	/** When the execution goes on without a reply; WAIT_INDEFINITELY without a limit. */
	waitTill: Date;
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** Reads and checks the wait's parameters before anything is sent; throws naming the field and the fix. */
export function readWaitSettings(ctx: IExecuteFunctions, now = Date.now()): WaitSettings {
	const fail = (message: string, description: string) =>
		new NodeOperationError(ctx.getNode(), message, {
			description: `${description} Nothing was sent.`,
		});
	const responseType = ctx.getNodeParameter('responseType', 0, 'approval') as unknown;
	if (responseType !== 'approval' && responseType !== 'freeText')
		throw fail(
			`'Response Type' is ${JSON.stringify(responseType)}`,
			'Choose Approval or Free Text.',
		);
	const options = (ctx.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
	const keywords = (name: string, label: string, fallback: string) => {
		const raw = Object.hasOwn(options, name) ? options[name] : fallback;
		const list = typeof raw === 'string' ? parseKeywords(raw) : undefined;
		if (!list || (responseType === 'approval' && list.length === 0))
			throw fail(
				`The option '${label}' must be text: keywords separated by commas (got ${JSON.stringify(raw)})`,
				`Give at least one keyword, at most ${KEYWORD_LIMITS.count}, each up to ${KEYWORD_LIMITS.length} characters, e.g. "${fallback}".`,
			);
		return list;
	};
	const approve = keywords('approveKeywords', 'Approve Keywords', DEFAULT_APPROVE_KEYWORDS);
	const decline = keywords('declineKeywords', 'Decline Keywords', DEFAULT_DECLINE_KEYWORDS);
	const both = approve.filter((word) => decline.includes(word));
	if (responseType === 'approval' && both.length > 0)
		throw fail(
			`The keyword "${both[0]}" is in both 'Approve Keywords' and 'Decline Keywords'`,
			'Keep each keyword in one list.',
		);
	return { responseType, approve, decline, waitTill: waitTillOf(options.limitWaitTime, now, fail) };
}

function waitTillOf(
	limit: unknown,
	now: number,
	fail: (message: string, description: string) => NodeOperationError,
): Date {
	if (limit === undefined || limit === null) return WAIT_INDEFINITELY;
	const values =
		typeof limit === 'object' && Object.hasOwn(limit, 'values')
			? (limit as { values: unknown }).values
			: undefined;
	if (values === undefined) return WAIT_INDEFINITELY;
	if (typeof values !== 'object' || values === null || Array.isArray(values))
		throw fail(
			`The option 'Limit Wait Time' is not a set of values`,
			'Set it again in the editor.',
		);
	const { limitType, resumeAmount, resumeUnit, maxDateAndTime } = values as IDataObject;
	if (limitType === 'atSpecifiedTime') {
		const at = typeof maxDateAndTime === 'string' ? Date.parse(maxDateAndTime) : Number.NaN;
		if (!Number.isFinite(at) || at <= now)
			throw fail(
				`'Max Date and Time' in 'Limit Wait Time' must be a date in the future (got ${JSON.stringify(maxDateAndTime)})`,
				'Give a date and time, e.g. 2030-01-31T18:00:00.',
			);
		return new Date(at);
	}
	const unit =
		typeof resumeUnit === 'string' && Object.hasOwn(UNIT_MS, resumeUnit)
			? UNIT_MS[resumeUnit]
			: undefined;
	if (
		(limitType ?? 'afterTimeInterval') !== 'afterTimeInterval' ||
		typeof resumeAmount !== 'number' ||
		!Number.isFinite(resumeAmount) ||
		resumeAmount <= 0 ||
		unit === undefined
	)
		throw fail(
			`'Limit Wait Time' needs an Amount above 0 and a Unit of minutes, hours or days (got ${JSON.stringify(values)})`,
			'Set Amount and Unit, or remove the option to wait without a limit.',
		);
	return new Date(now + resumeAmount * unit);
}
