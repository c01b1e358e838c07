// createTriggerHarness(): a published workflow holding one webhook trigger node.
// - checkExists/create/delete run the node's webhookMethods in n8n-core's HookContext, with the
//   modes n8n's ActiveWorkflowManager uses (activate: 'trigger'/'activate'; deactivate:
//   'internal'/'update'), and the workflow's static data is persisted afterwards, as n8n does.
// - listen() serves the production webhook URL on 127.0.0.1; each request goes through
//   ./webhook-call.ts (a port of the CLI's executeWebhook) with a real WebhookContext.
// - Static data written by webhook() is kept exactly when n8n 2.41.1 keeps it (see persistAfterCall).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	createRunExecutionData,
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
	WORKFLOW_ID,
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
	/**
	 * n8n's execution mode. 'queue': the execution runs as a worker runs it, on the execution's
	 * workflow snapshot, which carries no static data (n8n 2.41.1 toWorkflowSnapshot keeps id, name,
	 * nodes, connections, settings; JobProcessor reloads static data only for resumed executions).
	 * Default 'regular': in n8n's main process, over the object webhook() wrote into.
	 */
	executionsMode?: 'regular' | 'queue';
	/** The first N executions webhook() asks for fail to start (n8n answers 500; see webhook-call.ts). */
	failedStarts?: number;
	/** The workflow's id (default WORKFLOW_ID): several triggers in one test are several workflows. */
	workflowId?: string;
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
	/** Errors thrown by webhook() (n8n answers those with a 500), and errors of the executions. */
	errors: Error[];
	/** Resolves when every execution started so far has finished (n8n runs them after answering). */
	idle(): Promise<void>;
	close(): Promise<void>;
	/**
	 * Serves requests whose path starts with `prefix` on the listen() server with `handler` instead
	 * (e.g. '/webhook-waiting/' for waiting.ts), as n8n serves every endpoint on one origin.
	 */
	route(prefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
	/**
	 * Serves one request as this trigger's webhook: give it to another harness's route() for this
	 * trigger's path, so that several triggers share one origin as the workflows of one n8n do.
	 */
	serve(req: IncomingMessage, res: ServerResponse): void;
}

export async function createTriggerHarness(opts: TriggerHarnessOptions): Promise<TriggerHarness> {
	const env = await createEnvironment(opts.credentialTypes, opts.credentials);
	const typeName = opts.typeName ?? defaultTypeName(opts.nodeType);
	env.nodeTypes.register(typeName, opts.nodeType);
	const version = opts.typeVersion ?? 1;
	const description = env.nodeTypes.getByNameAndVersion(typeName, version).description;
	const defaults = description.defaults as { name?: string } | undefined;
	const node = makeNode(
		defaults?.name ?? description.displayName,
		typeName,
		structuredClone(opts.parameters),
		{
			typeVersion: version,
			...(Object.keys(env.credentialRefs).length > 0 && { credentials: env.credentialRefs }),
		},
	);
	NodeHelpers.resolveNodeWebhookId(node, description); // n8n assigns it when the node is added
	const workflowJson = { ...workflowBase([node], {}), id: opts.workflowId ?? WORKFLOW_ID };
	/** The workflow's `staticData` column: NULL until n8n first saves something there. */
	let persisted: IDataObject | null = opts.workflowStaticData
		? structuredClone(opts.workflowStaticData)
		: null;
	let server: Server | undefined;
	const baseUrl = () => opts.webhookBaseUrl ?? (server ? serverBase(server) : DEFAULT_BASE_URL);

	/** A fresh Workflow per operation over the static data as read from the database, like the CLI. */
	const load = (
		staticData: IDataObject | undefined = persisted === null
			? undefined
			: structuredClone(persisted),
	) =>
		new Workflow({
			...workflowJson,
			nodes: structuredClone(workflowJson.nodes),
			nodeTypes: env.nodeTypes,
			active: true,
			staticData,
		});
	/** WorkflowStaticDataService.saveStaticData: writes the whole object when the workflow marked it changed. */
	const persist = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			persisted = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	};
	/**
	 * One production webhook call as n8n 2.41.1 handles it (webhooks/live-webhooks.js executeWebhook):
	 * the workflow is built over the `staticData` object read from the database, webhook() runs, and
	 * after a successful answer `saveStaticData(workflow)` saves it if `__dataChanged`. But when
	 * webhook() returned workflowData, WorkflowRunner.run (establishContextForPersistence, and
	 * runMainProcess in regular mode) first builds the execution's Workflow over the SAME staticData
	 * object, and n8n-workflow's ObservableObject.create resets `__dataChanged` to false on it: so what
	 * webhook() wrote is then not saved, unless the column was NULL (each Workflow got its own {}).
	 * The execution then runs (n8n-core's WorkflowExecute, starting at the trigger with webhook()'s
	 * output: a trigger without execute() passes it through) on static data reloaded from the database
	 * (regular mode: WorkflowRunner.prepareNewExecution) or none at all (queue mode: the worker uses the
	 * execution's workflow snapshot), and saves it at the end if changed (hookFunctionsSave /
	 * hookFunctionsSaveWorker), replacing the whole column.
	 */
	const pending = new Set<Promise<void>>();
	let startsToFail = opts.failedStarts ?? 0;
	const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
	const serveCall = (req: IncomingMessage, res: ServerResponse) => {
		for (const [prefix, handler] of routes)
			if (req.url?.startsWith(prefix)) return handler(req, res);
		const fromDatabase = persisted === null ? undefined : structuredClone(persisted);
		const workflow = load(fromDatabase);
		let failed = false;
		let execution: { workflow: Workflow; data: INodeExecutionData[][] } | undefined;
		const done = handleWebhookCall(req, res, {
			workflow,
			node: workflow.getNode(node.name)!,
			webhookData: webhookData(workflow, 'webhook'),
			onExecution: (data) => {
				harness.executions.push(data);
				load(fromDatabase); // WorkflowRunner.run (establishContextForPersistence): new Workflow({ staticData })
				// prepareNewExecution (run(data, loadStaticData = true)) reloads it from the database; a worker has none.
				execution = { workflow: opts.executionsMode === 'queue' ? load({}) : load(), data };
			},
			onError: (error) => {
				failed = true;
				harness.errors.push(error);
			},
			startFails: () => {
				if (startsToFail <= 0) return false;
				startsToFail--;
				return (failed = true);
			},
		}).then(async () => {
			if (!failed) persist(workflow);
			if (execution) await runExecution(execution.workflow, execution.data);
		});
		pending.add(done);
		void done.finally(() => pending.delete(done));
	};
	const runExecution = async (workflow: Workflow, data: INodeExecutionData[][]) => {
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: workflow.getNode(node.name)!, data: { main: data }, source: null },
				],
			},
		});
		const run = await new WorkflowExecute(
			additionalData(env, 'webhook', workflowJson, baseUrl()),
			'webhook',
			runExecutionData,
		).processRunExecutionData(workflow);
		const error = run.data.resultData.error;
		if (error) harness.errors.push(Object.assign(new Error(error.message), error));
		persist(workflow);
	};
	const webhookData = (
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		isTest = false,
	): IWebhookData => {
		const webhookDescription = description.webhooks?.find(
			(w) => w.name === 'default',
		) as IWebhookDescription;
		const wfNode = workflow.getNode(node.name)!;
		const path = String(
			workflow.expression.getSimpleParameterValue(
				wfNode,
				webhookDescription.path,
				'internal',
				{},
			) ?? '',
		);
		const httpMethod = workflow.expression.getSimpleParameterValue(
			wfNode,
			webhookDescription.httpMethod,
			mode,
			{},
			undefined,
			'GET',
		);
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
	/** Calls one of the node's webhook methods as n8n does, with the production URL or the test URL. */
	const callMethod = async (
		method: WebhookSetupMethodNames,
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		isTest = false,
	) => {
		const data = webhookData(workflow, mode, isTest);
		const fn = env.nodeTypes.getByNameAndVersion(typeName, version).webhookMethods?.default?.[
			method
		];
		if (!fn) throw new Error(`Node type has no webhookMethods.default.${method}`);
		const context = new HookContext(
			workflow,
			workflow.getNode(node.name)!,
			data.workflowExecuteAdditionalData,
			mode,
			activation,
			data,
		);
		return (await fn.call(context)) as boolean;
	};
	const runMethod = async (
		method: WebhookSetupMethodNames,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	) => {
		const workflow = load();
		const result = await callMethod(method, workflow, mode, activation);
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
	const testMethod = async (
		method: WebhookSetupMethodNames,
		workflow: Workflow,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	) => await callMethod(method, workflow, mode, activation, true);
	const stopTestListening = async () => {
		const workflow = testWorkflow;
		testWorkflow = undefined;
		if (workflow) await testMethod('delete', workflow, 'internal', 'update');
	};

	const harness: TriggerHarness = {
		get staticData() {
			return (persisted?.[`node:${node.name}`] as IDataObject | undefined) ?? {};
		},
		get workflowStaticData() {
			return persisted ?? {};
		},
		get webhookUrl() {
			const workflow = load();
			const data = webhookData(workflow, 'trigger');
			const context = new HookContext(
				workflow,
				workflow.getNode(node.name)!,
				data.workflowExecuteAdditionalData,
				'trigger',
				'activate',
				data,
			);
			return context.getNodeWebhookUrl('default')!;
		},
		checkExists: async () => await runMethod('checkExists', 'trigger', 'activate'),
		create: async () => await runMethod('create', 'trigger', 'activate'),
		delete: async () => await runMethod('delete', 'internal', 'update'),
		get testWebhookUrl() {
			const workflow = load();
			const data = webhookData(workflow, 'manual', true);
			return new HookContext(
				workflow,
				workflow.getNode(node.name)!,
				data.workflowExecuteAdditionalData,
				'manual',
				'manual',
				data,
			).getNodeWebhookUrl('default')!;
		},
		async listenForTestEvent() {
			testWorkflow = load();
			// As n8n: a failed create is followed by delete (deactivateWebhooks), then the error goes to the editor.
			const failed = await (async () => {
				if (!(await testMethod('checkExists', testWorkflow, 'manual', 'manual')))
					await testMethod('create', testWorkflow, 'manual', 'manual');
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
		route: (prefix, handler) => void routes.set(prefix, handler),
		serve: (req, res) => serveCall(req, res),
		executions: [],
		errors: [],
		async idle() {
			while (pending.size > 0) await Promise.allSettled([...pending]);
		},
		async listen() {
			if (!server) {
				const started = createServer(serveCall);
				await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
				server = started;
			}
			const url = `${serverBase(server)}/webhook/${webhookData(load(), 'webhook').path}`;
			return { url, close: async () => await harness.close() };
		},
		async close() {
			await harness.idle();
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
