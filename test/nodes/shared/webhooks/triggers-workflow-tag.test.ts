// The Status Trigger's side of "Status Events to This Workflow Only": a status whose query names a
// workflow starts only that workflow's Status Trigger, and with a Signature Secret only when its tag
// verifies; an untagged status starts it as always. Then the whole way: Send, emulator, trigger.
import { randomUUID } from 'node:crypto';

import { WORKFLOW_ID } from '../../../harness/workflow';
import { useEmulator } from '../../../support/emulator-fixture';
import { useStatusRouting } from '../../../support/status-routing';
import { post, statusEvent, vonageSignature } from '../../../support/webhooks';

const emulator = useEmulator({ statusDelayMs: 5 });
const { statusTrigger, send, tagged } = useStatusRouting(emulator);

const OTHER = 'another-workflow';
const OTHERS = 'status of a message sent by another workflow';
const BAD_TAG = 'status tag does not verify';

const cases: Array<[string, () => string, string | undefined, boolean]> = [
	['tagged for its own workflow', () => `?${tagged()}`, undefined, true],
	['untagged', () => '', undefined, true],
	['with an unrelated query', () => '?source=crm', undefined, true],
	['tagged for another workflow', () => `?${tagged(OTHER)}`, OTHERS, true],
	[
		'its own workflow with the tag of another',
		() => `?n8n_workflow=${WORKFLOW_ID}&n8n_tag=${tagged(OTHER).split('n8n_tag=')[1]}`,
		BAD_TAG,
		true,
	],
	['its own workflow with no tag', () => `?n8n_workflow=${WORKFLOW_ID}`, BAD_TAG, true],
	[
		'tagged with another Signature Secret',
		() => `?${tagged(WORKFLOW_ID, 'another secret')}`,
		BAD_TAG,
		true,
	],
	['the workflow named twice', () => `?${tagged()}&n8n_workflow=${WORKFLOW_ID}`, BAD_TAG, true],
	['no secret: its own workflow, no tag', () => `?n8n_workflow=${WORKFLOW_ID}`, undefined, false],
	['no secret: another workflow', () => `?n8n_workflow=${OTHER}`, OTHERS, false],
];

it.each(cases)('%s', async (_, query, filteredOut, withSecret) => {
	const { t, url } = await statusTrigger(withSecret ? {} : { signatureSecret: '' }, false);
	const body = JSON.stringify(statusEvent({ message_uuid: randomUUID() }));
	const authorization = withSecret
		? `Bearer ${vonageSignature(body, emulator.credentials.signatureSecret)}`
		: undefined;
	const response = await post(`${url}${query()}`, body, authorization);
	expect(response.status).toBe(200);
	await t.idle();
	if (filteredOut === undefined) expect(t.executions).toHaveLength(1);
	else {
		expect(t.executions).toHaveLength(0);
		expect(JSON.parse(response.body)).toEqual({ status: 'ignored', reason: filteredOut });
	}
});

it('a Send with the option: every status goes to the tagged URL and starts the trigger', async () => {
	const { t, url, base } = await statusTrigger();
	const run = await send(base, { apiVersion: 'v1', statusToThisWorkflow: true });
	expect(run.error).toBeUndefined();
	await emulator.waitFor(() => t.executions.length >= 2 && emulator.webhookDeliveries.length >= 2);
	await t.idle();
	expect(emulator.webhookDeliveries.map((d) => [d.url, d.status])).toEqual([
		[`${url}?${tagged()}`, 200],
		[`${url}?${tagged()}`, 200],
	]);
	expect(t.executions.map((e) => [e[0][0].json.message_uuid, e[0][0].json.status])).toEqual([
		[run.outputs[0][0].json.message_uuid, 'submitted'],
		[run.outputs[0][0].json.message_uuid, 'delivered'],
	]);
});
