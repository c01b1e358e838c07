// createTriggerHarness(): a published workflow holding one webhook trigger node.
// - checkExists/create/delete run the node's webhookMethods in n8n-core's HookContext, with the
//   modes n8n's ActiveWorkflowManager uses (activate: 'trigger'/'activate'; deactivate:
//   'internal'/'update'), and the workflow's static data is persisted afterwards, as n8n does.
// - listen() serves the production webhook URL on 127.0.0.1; each request goes through
//   ./webhook-call.ts (a port of the CLI's executeWebhook) with a real WebhookContext.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialType,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
	type IWebhookData,
	type IWebhookDescription,
	type WebhookSetupMethodNames,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { defaultTypeName, type AnyNodeType } from './registry';
import { handleWebhookCall } from './webhook-call';
import {
	DEFAULT_BASE_URL,
	additionalData,
	createEnvironment,
	makeNode,
	workflowBase,
	type CredentialsInput,
} from './workflow';

export interface TriggerHarnessOptions {
	nodeType: AnyNodeType;
	parameters: INodeParameters;
	typeName?: string;
	typeVersion?: number;
	credentials?: CredentialsInput;
	credentialTypes?: ICredentialType[];
	/** Instance base URL. Default: the listen() server once started, else http://localhost:5678. */
	webhookBaseUrl?: string;
	/** Initial workflow static data, as stored in the DB (keys like `node:<name>`). */
	workflowStaticData?: IDataObject;
}

export interface TriggerHarness {
	/** The node's static data (`this.getWorkflowStaticData('node')`), as last persisted. */
	readonly staticData: IDataObject;
	/** The whole workflow static data as last persisted. */
	readonly workflowStaticData: IDataObject;
	/** Production URL of the 'default' webhook: `${base}/webhook/${webhookId}/${path}`. */
	readonly webhookUrl: string;
	/** Test URL of the 'default' webhook: `${base}/webhook-test/${webhookId}/${path}`. */
	readonly testWebhookUrl: string;
	/** The editor's "Listen for test event": the webhook methods with the test URL (see testMethod). */
	listenForTestEvent(): Promise<void>;
	/** The test listener stops (event received, timeout or cancelled): delete with the test URL. */
	stopTestListening(): Promise<void>;
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	listen(): Promise<{ url: string; close(): Promise<void> }>;
	/** One entry per webhook call that started an execution: the returned `workflowData`. */
	executions: INodeExecutionData[][][];
	/** Errors thrown by webhook() (n8n answers those with a 500). */
	errors: Error[];
	close(): Promise<void>;
}

export async function createTriggerHarness(opts: TriggerHarnessOptions): Promise<TriggerHarness> {
	const env = await createEnvironment(opts.credentialTypes, opts.credentials);
	const typeName = opts.typeName ?? defaultTypeName(opts.nodeType);
	env.nodeTypes.register(typeName, opts.nodeType);
	const version = opts.typeVersion ?? 1;
	const description = env.nodeTypes.getByNameAndVersion(typeName, version).description;
	const defaults = description.defaults as { name?: string } | undefined;
	const node = makeNode(defaults?.name ?? description.displayName, typeName, structuredClone(opts.parameters), {
		typeVersion: version,
		...(Object.keys(env.credentialRefs).length > 0 && { credentials: env.credentialRefs }),
	});
	NodeHelpers.resolveNodeWebhookId(node, description); // n8n assigns it when the node is added
	const workflowJson = workflowBase([node], {});
	let persisted: IDataObject = structuredClone(opts.workflowStaticData ?? {});
	let server: Server | undefined;
	const baseUrl = () => opts.webhookBaseUrl ?? (server ? serverBase(server) : DEFAULT_BASE_URL);

	/** A fresh Workflow per operation, loaded with the stored static data, like the CLI. */
	const load = () =>
		new Workflow({ ...workflowJson, nodes: structuredClone(workflowJson.nodes), nodeTypes: env.nodeTypes, active: true, staticData: structuredClone(persisted) });
	const persist = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			persisted = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	};
	const webhookData = (workflow: Workflow, mode: WorkflowExecuteMode, isTest = false): IWebhookData => {
		const webhookDescription = description.webhooks?.find((w) => w.name === 'default') as IWebhookDescription;
		const wfNode = workflow.getNode(node.name)!;
		const path = String(workflow.expression.getSimpleParameterValue(wfNode, webhookDescription.path, 'internal', {}) ?? '');
		const httpMethod = workflow.expression.getSimpleParameterValue(wfNode, webhookDescription.httpMethod, mode, {}, undefined, 'GET');
		return {
			httpMethod: String(httpMethod) as IWebhookData['httpMethod'],
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(workflow.id, wfNode, path.replace(/^\/|\/$/g, '')),
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData(env, mode, workflowJson, baseUrl()),
			webhookId: node.webhookId,
			...(isTest && { isTest }),
		};
	};
	const runMethod = async (method: WebhookSetupMethodNames, mode: WorkflowExecuteMode, activation: WorkflowActivateMode) => {
		const workflow = load();
		const data = webhookData(workflow, mode);
		const fn = env.nodeTypes.getByNameAndVersion(typeName, version).webhookMethods?.default?.[method];
		if (!fn) throw new Error(`Node type has no webhookMethods.default.${method}`);
		const context = new HookContext(workflow, workflow.getNode(node.name)!, data.workflowExecuteAdditionalData, mode, activation, data);
		const result = (await fn.call(context)) as boolean;
		persist(workflow);
		return result;
	};

	/**
	 * "Listen for test event" as n8n 2.41.1 runs it (webhooks/test-webhooks.js): checkExists then create
	 * with the test URL in mode 'manual'/'manual' on a Workflow over the stored static data; the static
	 * data stays with the test registration (not saved) and is handed to delete in 'internal'/'update',
	 * which n8n also calls when create failed.
	 */
	let testWorkflow: Workflow | undefined;
	const testMethod = async (method: WebhookSetupMethodNames, workflow: Workflow, mode: WorkflowExecuteMode, activation: WorkflowActivateMode) => {
		const data = webhookData(workflow, mode, true);
		const fn = env.nodeTypes.getByNameAndVersion(typeName, version).webhookMethods?.default?.[method];
		if (!fn) throw new Error(`Node type has no webhookMethods.default.${method}`);
		return (await fn.call(new HookContext(workflow, workflow.getNode(node.name)!, data.workflowExecuteAdditionalData, mode, activation, data))) as boolean;
	};
	const stopTestListening = async () => {
		const workflow = testWorkflow;
		testWorkflow = undefined;
		if (workflow) await testMethod('delete', workflow, 'internal', 'update');
	};

	const harness: TriggerHarness = {
		get staticData() {
			return (persisted[`node:${node.name}`] as IDataObject | undefined) ?? {};
		},
		get workflowStaticData() {
			return persisted;
		},
		get webhookUrl() {
			const workflow = load();
			const data = webhookData(workflow, 'trigger');
			const context = new HookContext(workflow, workflow.getNode(node.name)!, data.workflowExecuteAdditionalData, 'trigger', 'activate', data);
			return context.getNodeWebhookUrl('default')!;
		},
		checkExists: async () => await runMethod('checkExists', 'trigger', 'activate'),
		create: async () => await runMethod('create', 'trigger', 'activate'),
		delete: async () => await runMethod('delete', 'internal', 'update'),
		get testWebhookUrl() {
			const workflow = load();
			const data = webhookData(workflow, 'manual', true);
			return new HookContext(workflow, workflow.getNode(node.name)!, data.workflowExecuteAdditionalData, 'manual', 'manual', data).getNodeWebhookUrl('default')!;
		},
		async listenForTestEvent() {
			testWorkflow = load();
			// As n8n: a failed create is followed by delete (deactivateWebhooks), then the error goes to the editor.
			const failed = await (async () => {
				if (!(await testMethod('checkExists', testWorkflow, 'manual', 'manual'))) await testMethod('create', testWorkflow, 'manual', 'manual');
			})().then(
				() => undefined,
				(error: unknown) => ({ error }),
			);
			if (failed) {
				await stopTestListening();
				throw failed.error;
			}
		},
		stopTestListening,
		executions: [],
		errors: [],
		async listen() {
			if (!server) {
				const started = createServer((req, res) => {
					const workflow = load();
					void handleWebhookCall(req, res, {
						workflow,
						node: workflow.getNode(node.name)!,
						webhookData: webhookData(workflow, 'webhook'),
						onExecution: (data) => {
							harness.executions.push(data);
							persist(workflow);
						},
						onError: (error) => harness.errors.push(error),
					});
				});
				await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
				server = started;
			}
			const url = `${serverBase(server)}/webhook/${webhookData(load(), 'webhook').path}`;
			return { url, close: async () => await harness.close() };
		},
		async close() {
			const running = server;
			server = undefined;
			if (!running) return;
			running.closeAllConnections();
			await new Promise<void>((resolve) => running.close(() => resolve()));
		},
	};
	return harness;
}

function serverBase(server: Server): string {
	const { port } = server.address() as AddressInfo;
	return `http://127.0.0.1:${port}`;
}
