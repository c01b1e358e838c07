// runNode(): a two-node workflow [Start] -> [node under test], executed by n8n-core's
// WorkflowExecute exactly as a production execution is: the Start node's items are put on the
// execution stack (like a trigger's emitted data), then the engine runs the node under test with
// its real ExecuteContext (parameters + expressions, credentials, helpers, pairedItem, errors).
import { WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	createRunExecutionData,
	type ExecutionError,
	type ICredentialType,
	type ICredentialsEncrypted,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRunData,
	type OnError,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { defaultTypeName, type AnyNodeType } from './registry';
import {
	additionalData,
	createEnvironment,
	makeNode,
	workflowBase,
	type CredentialsInput,
} from './workflow';

export const START_NODE_NAME = 'Start';
const START_TYPE = 'n8n-nodes-base.start';

/** Emits its input unchanged: what a trigger hands to the first node of a production run. */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		description: 'Harness start node',
		defaults: { name: START_NODE_NAME },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface RunNodeOptions {
	nodeType: AnyNodeType;
	/** Registered type name. Default: `<package.json name>.<description.name>`, as n8n names community nodes. */
	typeName?: string;
	parameters: INodeParameters;
	/** Plain objects become `{ json }` items; arrays whose every entry has a `json` object are used as-is. */
	items: IDataObject[] | INodeExecutionData[];
	credentials?: CredentialsInput;
	credentialTypes?: ICredentialType[];
	/** The editor's Settings > On Error > "Continue" (sets node.onError = 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/** Any other On Error setting, e.g. 'continueErrorOutput'. Wins over continueOnFail. */
	onError?: OnError;
	typeVersion?: number;
	/** Execution mode the engine sees via this.getMode(). Default 'manual' (like n8n's own node tests). */
	mode?: WorkflowExecuteMode;
	/** Name of the node under test. Default: description.defaults.name. */
	nodeName?: string;
	/** Cancels the execution (as n8n's Stop does: the engine's cancel) once this settles. */
	cancelWhen?: Promise<unknown>;
	/** The instance's base URL (resume URLs, webhook URLs). Default http://localhost:5678. */
	baseUrl?: string;
	/** The execution's id. Default 'harness-execution-1'. */
	executionId?: string;
}

export interface RunNodeResult {
	/** Every output branch of the node under test, as the engine recorded them. */
	outputs: INodeExecutionData[][];
	/** The error the node threw (the original instance, e.g. NodeApiError), if the run failed. */
	error?: Error;
	/** The serialized error n8n recorded for the execution (what the UI/DB would show). */
	executionError?: ExecutionError;
	runData: IRunData;
	/** The encrypted credential rows the run used; no plaintext anywhere. */
	storedCredentials: ICredentialsEncrypted[];
	/** The workflow as n8n would save it (credentials referenced by id only). */
	workflowJson: ReturnType<typeof workflowBase>;
	/** Set when the node put the execution to wait (putExecutionToWait): until when. */
	waitTill?: Date;
	/** The Workflow the run used, and the node's name in it (waiting.ts resumes on them). */
	workflow: Workflow;
	nodeName: string;
	/** The additionalData of the run (URLs, credentials helper). */
	additionalData: ReturnType<typeof additionalData>;
}

export function toItems(items: IDataObject[] | INodeExecutionData[]): INodeExecutionData[] {
	const isExecutionData = (item: object) =>
		'json' in item && typeof item.json === 'object' && item.json !== null;
	if (items.length > 0 && items.every(isExecutionData)) return items as INodeExecutionData[];
	return (items as IDataObject[]).map((json) => ({ json }));
}

/** Same node type, but remembers what its execute() threw (the engine keeps only a copy). */
export function recordingErrors<T extends AnyNodeType>(nodeType: T, sink: { error?: Error }): T {
	const wrapped = Object.create(nodeType) as T & Record<string, unknown>;
	if ('nodeVersions' in nodeType) {
		wrapped.getNodeType = (version?: number) =>
			recordingErrors(nodeType.getNodeType(version), sink);
		return wrapped;
	}
	const execute = (nodeType as INodeType).execute as ((...args: unknown[]) => unknown) | undefined;
	if (execute) {
		wrapped.execute = async function (this: unknown, ...args: unknown[]) {
			try {
				return await execute.apply(this, args);
			} catch (error) {
				sink.error = error as Error;
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- must reach the engine unchanged
				throw error;
			}
		};
	}
	return wrapped;
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const env = await createEnvironment(opts.credentialTypes, opts.credentials);
	const typeName = opts.typeName ?? defaultTypeName(opts.nodeType);
	const sink: { error?: Error } = {};
	env.nodeTypes
		.register(START_TYPE, new StartNode())
		.register(typeName, recordingErrors(opts.nodeType, sink));

	const { defaults } = opts.nodeType.description as { defaults?: { name?: string } };
	const name = opts.nodeName ?? defaults?.name ?? opts.nodeType.description.displayName;
	const onError = opts.onError ?? (opts.continueOnFail ? 'continueRegularOutput' : undefined);
	const start = makeNode(START_NODE_NAME, START_TYPE, {});
	const node = makeNode(name, typeName, structuredClone(opts.parameters), {
		typeVersion: opts.typeVersion ?? 1,
		position: [250, 0],
		...(Object.keys(env.credentialRefs).length > 0 && { credentials: env.credentialRefs }),
		...(onError && { onError }),
	});
	const connections = {
		[START_NODE_NAME]: { main: [[{ node: name, type: 'main' as const, index: 0 }]] },
	};
	const workflowJson = workflowBase([start, node], connections);

	const workflow = new Workflow({
		...workflowJson,
		nodes: structuredClone(workflowJson.nodes),
		nodeTypes: env.nodeTypes,
	});
	const mode = opts.mode ?? 'manual';
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(START_NODE_NAME)!,
					data: { main: [toItems(opts.items)] },
					source: null,
				},
			],
		},
	});
	const runAdditionalData = additionalData(env, mode, workflowJson, opts.baseUrl, opts.executionId);
	const engine = new WorkflowExecute(runAdditionalData, mode, runExecutionData);
	const running = engine.processRunExecutionData(workflow);
	const cancel = () => running.cancel();
	void opts.cancelWhen?.then(cancel, cancel);
	const run = await running;

	const { runData, error: executionError } = run.data.resultData;
	const task = runData[name]?.[0];
	let error = sink.error;
	if (!error && (task?.error ?? executionError)) {
		const recorded = (task?.error ?? executionError)!;
		error = Object.assign(new Error(recorded.message), recorded);
	}
	return {
		outputs: (task?.data?.main ?? []).map((branch) => branch ?? []),
		error: task?.error || executionError ? error : undefined,
		executionError,
		runData,
		storedCredentials: env.credentialsHelper.stored,
		workflowJson,
		waitTill: run.waitTill ?? undefined,
		workflow,
		nodeName: name,
		additionalData: runAdditionalData,
	};
}
