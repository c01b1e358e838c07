// The execution the send-and-wait screenshot shows, made as docs/send-and-wait.md tells: the reply bot
// (an Inbound Trigger) published, "Vonage: confirm appointment by SMS" run as the editor's "Execute
// workflow" button runs it, and the customer's YES sent through the emulator's /_emulator/reply.
import { waitForRegistration, type DevEnvironment } from './dev';
import { waitFor } from '../test/e2e/n8n/proc';
import type { Execution } from '../test/e2e/n8n/types';

const CONFIRM_EXAMPLE = 'confirm-appointment.json';
const INBOUND_EXAMPLE = 'reply-bot.json';
/** The customer of examples/confirm-appointment.json (its "Appointment" node). */
const CUSTOMER = '447700900555';

interface NodeJson {
	id?: string;
	name: string;
	type: string;
	parameters?: { operation?: string };
}

export interface ResumedExecution {
	workflowId: string;
	executionId: string;
	/** The Send and Wait for Reply node. */
	nodeId: string;
}

async function executionInStatus(
	env: DevEnvironment,
	workflowId: string,
	executionId: string,
	status: string,
): Promise<Execution> {
	return await waitFor(
		`execution ${executionId} to be ${status}`,
		async () => {
			const found = (await env.n8n.listExecutions({ workflowId })).find(
				(e) => String(e.id) === executionId,
			);
			if (found && found.status !== status && ['error', 'crashed'].includes(found.status))
				throw new Error(`execution ${executionId} ended ${found.status}`);
			return found?.status === status ? found : undefined;
		},
		60_000,
		500,
	);
}

/** Runs the confirm example and answers YES; returns where the resumed execution is to be seen. */
export async function resumedSendAndWait(env: DevEnvironment): Promise<ResumedExecution> {
	const confirm = env.workflows.get(CONFIRM_EXAMPLE);
	const inbound = env.workflows.get(INBOUND_EXAMPLE);
	if (!confirm || !inbound)
		throw new Error(`${CONFIRM_EXAMPLE} or ${INBOUND_EXAMPLE} not imported`);
	const nodes = confirm.nodes as NodeJson[];
	const trigger = nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const ask = nodes.find((n) => n.parameters?.operation === 'sendAndWait');
	if (!trigger || !ask?.id) throw new Error(`${CONFIRM_EXAMPLE} lacks its trigger or question`);

	await env.n8n.publishWorkflow(inbound.id);
	await waitForRegistration(env.emulator, inbound);

	const { executionId } = await env.n8n.rest<{ executionId: string }>(
		'POST',
		`/workflows/${confirm.id}/run`,
		{ triggerToStartFrom: { name: trigger.name } },
	);
	await executionInStatus(env, confirm.id, String(executionId), 'waiting');
	const reply = await fetch(`${env.emulator.url}/_emulator/reply`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to: CUSTOMER, text: 'YES' }),
	});
	if (!reply.ok) throw new Error(`/_emulator/reply: ${reply.status} ${await reply.text()}`);
	const done = await executionInStatus(env, confirm.id, String(executionId), 'success');
	const output = done.data?.resultData?.runData?.[ask.name]?.[0]?.data?.main?.[0]?.[0]?.json;
	if (output?.approved !== true)
		throw new Error(`the resumed execution output ${JSON.stringify(output)}, not approved: true`);
	return { workflowId: confirm.id, executionId: String(executionId), nodeId: ask.id };
}
