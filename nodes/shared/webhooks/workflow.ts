/**
 * The failover fields of a v1 status event. A message sent with `failover` is one step of a Vonage
 * "workflow": each step's status events carry `workflow: {workflow_id, item_number, items_total}`
 * (Vonage's failover guide, developer.vonage.com/messages/guides/failover-message: "Monitoring Status
 * and Callbacks"). Vonage moves on to the next step when a step is rejected or fails (the guide;
 * the Dispatch migration guide: "Fail over logic based on message being rejected"). The numbers may
 * come as numbers or as digit strings; both are read.
 */
import type { IDataObject } from 'n8n-workflow';

export interface FailoverFields {
	/** Vonage's id of the failover workflow, shared by every step's events. */
	failover_workflow_id: string | null;
	/** This event's step: 1 for the first message, 2 for the first failover message, ... */
	failover_step: number | null;
	/** How many steps the workflow has. */
	failover_steps: number | null;
	/**
	 * Whether Vonage moved on to the next step because of this event: true for a rejected or
	 * undeliverable step that is not the last, false for any other status of a workflow step, null
	 * when the event belongs to no workflow (or a failed step's place in it is not readable).
	 */
	failover_moved_on: boolean | null;
}

/** Statuses after which Vonage sends the next step (the step failed). */
export const FAILOVER_STATUSES: readonly string[] = ['rejected', 'undeliverable'];

function count(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d{1,6}$/.test(value.trim())
				? Number(value.trim())
				: Number.NaN;
	return Number.isInteger(number) && number >= 1 ? number : undefined;
}

const NONE: FailoverFields = {
	failover_workflow_id: null,
	failover_step: null,
	failover_steps: null,
	failover_moved_on: null,
};

export function failoverFields(event: IDataObject): FailoverFields {
	const workflow = event.workflow;
	if (typeof workflow !== 'object' || workflow === null || Array.isArray(workflow)) return NONE;
	const fields = workflow as IDataObject;
	const id =
		typeof fields.workflow_id === 'string' && fields.workflow_id !== '' ? fields.workflow_id : null;
	const step = count(fields.item_number) ?? null;
	const steps = count(fields.items_total) ?? null;
	if (id === null && step === null && steps === null) return NONE;
	const failed = typeof event.status === 'string' && FAILOVER_STATUSES.includes(event.status);
	// A failed step moves on unless it is the last; where its place is unknown, so is the answer.
	const movedOn = !failed ? false : step === null || steps === null ? null : step < steps;
	return {
		failover_workflow_id: id,
		failover_step: step,
		failover_steps: steps,
		failover_moved_on: movedOn,
	};
}
