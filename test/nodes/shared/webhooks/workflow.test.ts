// The failover fields of a status event (nodes/shared/webhooks/workflow.ts): one row a case, from the
// `workflow` object of a v1 status (numbers as strings or as numbers) to the normalised fields. The
// spellings Vonage's SDKs read (workflow.ts names them): .NET {workflow_id, items_number, items_total},
// Java {id, item_number, items_total | total_items}.
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
		'.NET SDK fixture (ShouldDeserializeStatus): workflow_id, items_number, items_total as strings',
		{
			status: 'rejected',
			workflow: {
				workflow_id: '3TcNjguHxr2vcCZ9Ddsnq6tw8yQUpZ9rMHv9QXSxLan5ibMxqSzLdx9',
				items_number: '1',
				items_total: '2',
			},
		},
		{
			failover_workflow_id: '3TcNjguHxr2vcCZ9Ddsnq6tw8yQUpZ9rMHv9QXSxLan5ibMxqSzLdx9',
			failover_step: 1,
			failover_steps: 2,
			failover_moved_on: true,
		},
	],
	[
		'Java SDK fixture (MessageStatusTest): id, item_number, total_items as strings',
		{ status: 'rejected', workflow: { id: '1001', item_number: '2', total_items: '3' } },
		{
			failover_workflow_id: '1001',
			failover_step: 2,
			failover_steps: 3,
			failover_moved_on: true,
		},
	],
	[
		'Java SDK model: id, item_number, items_total as numbers',
		{ status: 'undeliverable', workflow: { id: 7, item_number: 3, items_total: 3 } },
		{ failover_workflow_id: '7', failover_step: 3, failover_steps: 3, failover_moved_on: false },
	],
	[
		'an empty workflow object (Java SDK test): no workflow fields',
		{ status: 'rejected', workflow: {} },
		{ failover_workflow_id: null, failover_step: null, failover_moved_on: null },
	],
	[
		'a flat workflow_id (no source shows one in a status): not read',
		{ status: 'rejected', workflow_id: 'w-1' },
		{ failover_workflow_id: null, failover_moved_on: null },
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
