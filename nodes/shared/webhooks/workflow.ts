/**
 * The failover fields of a v1 status event. A message sent with `failover` is one step of a Vonage
 * "workflow", and each step's status events carry a `workflow` object. No published schema names its
 * fields; Vonage's SDKs read two spellings, both accepted here:
 * - .NET SDK `Vonage.Messages.Webhooks.StatusWorkflow` and its fixture
 *   Vonage.Test/Messages/Webhooks/Data/ShouldDeserializeStatus-response.json:
 *   `workflow: {workflow_id: "3TcN…", items_number: "1", items_total: "2"}` (all strings).
 * - Java SDK 9.3.0+ `MessageStatus.Workflow`: `{id, item_number, items_total}` with `total_items` as an
 *   alias; its fixture (MessageStatusTest) sends `{id: "1001", item_number: "2", total_items: "3"}`,
 *   read into Integers, so numbers as JSON numbers are read too.
 * The id may be `workflow_id` or `id` (a number is read as its digits); the step `items_number` or
 * `item_number`; the count `items_total` or `total_items`; each count a number or a digit string.
 * A flat `workflow_id` beside `status` is not read: no source shows one in a status event (only the
 * 202 answer to a failover send carries `workflow_id`, in the .NET, Java and Python SDKs).
 * Vonage moves on to the next step when a step is rejected or fails (failover guide,
 * developer.vonage.com/messages/guides/failover-message; the Dispatch migration guide: "Fail over
 * logic based on message being rejected").
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

/** Where each field may be, first found wins (sources above). */
export const WORKFLOW_FIELDS = {
	id: ['workflow_id', 'id'],
	step: ['items_number', 'item_number'],
	steps: ['items_total', 'total_items'],
} as const;

function count(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d{1,6}$/.test(value.trim())
				? Number(value.trim())
				: Number.NaN;
	return Number.isInteger(number) && number >= 1 ? number : undefined;
}

function identifier(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value;
	return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
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
	const first = <T>(names: readonly string[], read: (value: unknown) => T | undefined) =>
		names
			.map((name) => (Object.hasOwn(fields, name) ? read(fields[name]) : undefined))
			.find((value) => value !== undefined) ?? null;
	const id = first(WORKFLOW_FIELDS.id, identifier);
	const step = first(WORKFLOW_FIELDS.step, count);
	const steps = first(WORKFLOW_FIELDS.steps, count);
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
