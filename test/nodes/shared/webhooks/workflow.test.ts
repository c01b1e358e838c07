// The failover fields of a status event (nodes/shared/webhooks/workflow.ts): one row a case, from the
// `workflow` object of a v1 status (numbers as strings or as numbers) to the normalised fields.
import { statusFields } from '../../../../nodes/shared/webhooks/events';

const wf = (item: unknown, total: unknown) => ({
	workflow_id: 'w-1',
	item_number: item,
	items_total: total,
});

const rows: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
	[
		'step 1 rejected of 2: Vonage moves on',
		{ status: 'rejected', workflow: wf('1', '2') },
		{ failover_workflow_id: 'w-1', failover_step: 1, failover_steps: 2, failover_moved_on: true },
	],
	[
		'step 1 undeliverable of 3 (numbers)',
		{ status: 'undeliverable', workflow: wf(1, 3) },
		{ failover_step: 1, failover_steps: 3, failover_moved_on: true },
	],
	[
		'step 1 submitted',
		{ status: 'submitted', workflow: wf('1', '2') },
		{ failover_step: 1, failover_moved_on: false },
	],
	[
		'the last step rejected: nothing comes next',
		{ status: 'rejected', workflow: wf('2', '2') },
		{ failover_step: 2, failover_steps: 2, failover_moved_on: false },
	],
	[
		'step 2 delivered',
		{ status: 'delivered', workflow: wf('2', '2') },
		{ failover_step: 2, failover_moved_on: false },
	],
	[
		'no workflow',
		{ status: 'rejected' },
		{
			failover_workflow_id: null,
			failover_step: null,
			failover_steps: null,
			failover_moved_on: null,
		},
	],
	[
		'a workflow that is not an object',
		{ status: 'rejected', workflow: 'w-1' },
		{ failover_workflow_id: null, failover_moved_on: null },
	],
	[
		'numbers that are not counts',
		{ status: 'rejected', workflow: { workflow_id: 'w-1', item_number: '1.5', items_total: -2 } },
		{
			failover_workflow_id: 'w-1',
			failover_step: null,
			failover_steps: null,
			failover_moved_on: null,
		},
	],
];

it.each(rows)('%s', (_label, event, expected) => {
	const fields = statusFields({
		message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
		channel: 'whatsapp',
		...event,
	} as never);
	expect(fields).toMatchObject(expected);
});
