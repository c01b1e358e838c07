import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { describeErrorCode } from '../shared/errorCodes';

/** Output branches when "Split by Status" is on, in this order. */
export const BRANCHES = ['submitted', 'delivered', 'read', 'failed'] as const;

export const STATUSES = ['submitted', 'delivered', 'read', 'rejected', 'undeliverable'] as const;

export function branchOf(status: unknown): number {
	if (status === 'rejected' || status === 'undeliverable') return 3;
	const index = BRANCHES.indexOf(status as (typeof BRANCHES)[number]);
	return index >= 0 ? index : 3;
}

/** The event as Vonage sent it, plus the meaning of its error code when the code is a known one. */
export function enrich(event: IDataObject): IDataObject {
	const info = describeErrorCode((event.error as IDataObject | undefined)?.code);
	return info ? { ...event, error_title: info.title, error_meaning: info.meaning } : event;
}

export function routed(item: INodeExecutionData, status: unknown, split: boolean): INodeExecutionData[][] {
	if (!split) return [[item]];
	const outputs: INodeExecutionData[][] = BRANCHES.map(() => []);
	outputs[branchOf(status)].push(item);
	return outputs;
}
