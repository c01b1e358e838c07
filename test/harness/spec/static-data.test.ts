// The harness keeps what a trigger's webhook() writes into static data exactly when n8n 2.41.1 does
// (webhooks/live-webhooks.js executeWebhook -> saveStaticData after the answer, with
// WorkflowRunner.run rebuilding a Workflow over the same object first; see test/harness/trigger.ts).
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { createTriggerHarness } from '..';

/** Counts calls in static data; `?start=no` answers without starting an execution. */
class CountingTrigger implements INodeType {
	description = {
		displayName: 'Counting Trigger',
		name: 'countingTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'Counting Trigger' },
		inputs: [],
		outputs: ['main'],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'count' }],
		properties: [],
	} as unknown as INodeTypeDescription;

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions) {
				return false;
			},
			async create(this: IHookFunctions) {
				this.getWorkflowStaticData('node').registered = true;
				return true;
			},
			async delete(this: IHookFunctions) {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = this.getWorkflowStaticData('node');
		data.calls = ((data.calls as number | undefined) ?? 0) + 1;
		if ((this.getQueryData() as IDataObject).start === 'no')
			return { webhookResponse: { calls: data.calls } };
		return { workflowData: [[{ json: { calls: data.calls } }]] };
	}
}

/** The same, with an execute() that n8n runs inside the execution: it counts there too. */
class CountingInExecutionTrigger extends CountingTrigger {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const data = this.getWorkflowStaticData('node');
		data.executions = ((data.executions as number | undefined) ?? 0) + 1;
		return [this.getInputData()];
	}
}

async function harness(
	activate: boolean,
	nodeType: INodeType = new CountingTrigger(),
	executionsMode: 'regular' | 'queue' = 'regular',
) {
	const trigger = await createTriggerHarness({
		nodeType,
		typeName: 'test.countingTrigger',
		parameters: {},
		executionsMode,
	});
	if (activate) await trigger.create();
	const { url } = await trigger.listen();
	const post = async (query = '') =>
		await fetch(`${url}${query}`, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' },
		});
	return { trigger, post };
}

describe('static data written in webhook(), as n8n 2.41.1 keeps it', () => {
	it('is lost when the call starts an execution and the workflow already had static data', async () => {
		const { trigger, post } = await harness(true);
		for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
		expect(trigger.executions.map((run) => run[0][0].json.calls)).toEqual([1, 1, 1]);
		expect(trigger.staticData).toEqual({ registered: true });
		await trigger.close();
	});

	it('is saved the first time only while the workflow had none (NULL column)', async () => {
		const { trigger, post } = await harness(false);
		for (let i = 0; i < 3; i++) await post();
		expect(trigger.executions.map((run) => run[0][0].json.calls)).toEqual([1, 2, 2]);
		expect(trigger.staticData).toEqual({ calls: 1 });
		await trigger.close();
	});

	it('is saved when the call starts nothing', async () => {
		const { trigger, post } = await harness(true);
		expect(await (await post('?start=no')).json()).toEqual({ calls: 1 });
		expect(await (await post('?start=no')).json()).toEqual({ calls: 2 });
		expect(trigger.staticData).toEqual({ registered: true, calls: 2 });
		expect(trigger.executions).toEqual([]);
		await trigger.close();
	});

	it('is not what an execute() sees in the execution: that is reloaded, and saved at its end', async () => {
		const { trigger, post } = await harness(true, new CountingInExecutionTrigger());
		for (let i = 0; i < 3; i++) await post();
		await trigger.idle();
		// The execution works on static data reloaded from the database: what webhook() wrote is not in it.
		expect(trigger.executions.map((run) => run[0][0].json.calls)).toEqual([1, 1, 1]);
		expect(trigger.staticData).toEqual({ registered: true, executions: 3 });
		expect(trigger.errors).toEqual([]);
		await trigger.close();
	});

	it('in queue mode, is what the worker had: the execution started from no static data and replaces it all', async () => {
		const { trigger, post } = await harness(true, new CountingInExecutionTrigger(), 'queue');
		for (let i = 0; i < 2; i++) await post();
		await trigger.idle();
		expect(trigger.executions.map((run) => run[0][0].json.calls)).toEqual([1, 1]);
		expect(trigger.staticData).toEqual({ executions: 1 }); // `registered` is gone
		await trigger.close();
	});
});
