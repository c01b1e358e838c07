import type { INodeExecutionData } from 'n8n-workflow';

/**
 * Output branches when "Split by Status" is on, in this order. The first four are the original ones
 * (existing workflows connect to them by index); `other` takes any status that is none of Vonage's five
 * (a new one such as `accepted`, or none at all), so an unknown status is never mistaken for a failure.
 */
export const BRANCHES = ['submitted', 'delivered', 'read', 'failed', 'other'] as const;

export const BRANCH_NAMES = ['Submitted', 'Delivered', 'Read', 'Failed', 'Other'] as const;

export const STATUSES = ['submitted', 'delivered', 'read', 'rejected', 'undeliverable'] as const;

export function branchOf(status: unknown): number {
	if (status === 'rejected' || status === 'undeliverable') return BRANCHES.indexOf('failed');
	const index = BRANCHES.indexOf(status as (typeof BRANCHES)[number]);
	return index >= 0 && status !== 'failed' && status !== 'other'
		? index
		: BRANCHES.indexOf('other');
}

export function routed(
	item: INodeExecutionData,
	status: unknown,
	split: boolean,
): INodeExecutionData[][] {
	if (!split) return [[item]];
	const outputs: INodeExecutionData[][] = BRANCHES.map(() => []);
	outputs[branchOf(status)].push(item);
	return outputs;
}
