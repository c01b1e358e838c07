// Builds what the CLI builds around an execution: the workflow (nodes as n8n saves them, with
// credentials referenced by id only), the node-type/credential registries, and the
// `additionalData` bag (WorkflowExecuteAdditionalData.getBase in packages/cli).
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import {
	UserError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeCredentials,
	type INodeParameters,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import { Container, bootEngine } from './engine';
import { HarnessCredentialTypes, HarnessNodeTypes } from './registry';

export const WORKFLOW_ID = 'harness-workflow';
export const DEFAULT_BASE_URL = 'http://localhost:5678';

export type CredentialsInput = Record<string, ICredentialDataDecryptedObject>;

export interface Environment {
	nodeTypes: HarnessNodeTypes;
	credentialsHelper: HarnessCredentialsHelper;
	/** Node credential references ({ id, name }) for the saved credentials, keyed by type. */
	credentialRefs: INodeCredentials;
}

/** Registers credential types and saves the given credentials encrypted, like the editor. */
export async function createEnvironment(
	credentialTypes: ICredentialType[] = [],
	credentials: CredentialsInput = {},
): Promise<Environment> {
	bootEngine();
	const credentialsHelper = new HarnessCredentialsHelper(
		new HarnessCredentialTypes(credentialTypes),
	);
	const credentialRefs: INodeCredentials = {};
	for (const [type, data] of Object.entries(credentials)) {
		credentialRefs[type] = await credentialsHelper.save(type, data);
	}
	return { nodeTypes: new HarnessNodeTypes(), credentialsHelper, credentialRefs };
}

export function makeNode(
	name: string,
	type: string,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode {
	return { id: `${name}-id`, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

export function workflowBase(
	nodes: INode[],
	connections: IWorkflowBase['connections'],
): IWorkflowBase {
	const now = new Date();
	return {
		id: WORKFLOW_ID,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: now,
		updatedAt: now,
	} as IWorkflowBase;
}

const notAvailable = (what: string) => () => {
	throw new UserError(`${what} is not available in the test harness`);
};

/** Mirrors the URLs of WorkflowExecuteAdditionalData.getBase() for an instance at `baseUrl`. */
export function additionalData(
	env: Environment,
	mode: WorkflowExecuteMode,
	workflow: IWorkflowBase,
	baseUrl = DEFAULT_BASE_URL,
	executionId = 'harness-execution-1',
): IWorkflowExecuteAdditionalData {
	const base = baseUrl.replace(/\/$/, '');
	return {
		credentialsHelper: env.credentialsHelper,
		executionId,
		workflowId: workflow.id,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflow),
		executeWorkflow: notAvailable('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('The task runner (Code node)'),
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy), // no providers configured
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
	} as IWorkflowExecuteAdditionalData;
}
