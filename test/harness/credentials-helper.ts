// The harness's `additionalData.credentialsHelper`. It mirrors n8n's
// packages/cli/src/credentials-helper.ts (CredentialsHelper) minus the database, licensing,
// external secrets, dynamic credentials and admin overwrites (none of which apply to a plain
// self-hosted instance): credentials are saved encrypted with n8n-core's `Credentials` class,
// decrypted in `getDecrypted`, get their type's defaults and expressions applied, and requests
// are signed by the credential type's own `authenticate` / `preAuthentication`.
import { Credentials, getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	UserError,
	Workflow,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import type { HarnessCredentialTypes } from './registry';

// Same stand-ins the CLI uses to resolve credential expressions outside of a node run.
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const mockType = { description: { properties: [] } } as unknown as INodeType;
const mockNodeTypes: INodeTypes = {
	getByName: () => mockType,
	getByNameAndVersion: () => mockType,
	getKnownTypes: () => ({}),
};

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** What n8n's `credentials_entity` table would hold: ciphertext only. */
	private readonly rows = new Map<string, ICredentialsEncrypted>();

	constructor(private readonly credentialTypes: HarnessCredentialTypes) {
		super();
	}

	/** Saves a credential like the editor does; returns the reference a node stores. */
	async save(type: string, data: ICredentialDataDecryptedObject): Promise<INodeCredentialsDetails> {
		this.credentialTypes.getByName(type); // unknown types are rejected, as in the UI
		const ref = { id: `cred-${this.rows.size + 1}`, name: `${type} account` };
		const credentials = new Credentials(ref, type);
		await credentials.setData(data);
		this.rows.set(ref.id, credentials.getDataToSave());
		return ref;
	}

	/** The stored (encrypted) rows, for assertions. */
	get stored(): ICredentialsEncrypted[] {
		return [...this.rows.values()];
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		if (!this.credentialTypes.getByName(credentialType).restrictToSupportedNodes) return true;
		const supported = this.credentialTypes.getSupportedNodes(credentialType);
		return supported.some((name) => nodeType === name || nodeType.endsWith(`.${name}`));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) throw new UserError('Workflow and node are required');
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(entries as Record<string, string>)) {
						const keyResolved = this.resolveValue(key, credentials, workflow, node);
						target[outerKey] ??= {};
						target[outerKey][keyResolved] = this.resolveValue(value, credentials, workflow, node);
					}
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolveValue(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const additionalKeys = { $credentials: credentials };
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	/** CLI semantics: runs only if the type has an expirable hidden field that is empty/expired. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const ref = node.credentials?.[typeName];
		if (!ref) return undefined;
		const stored = await (await this.getCredentials(ref, typeName)).getData();
		await this.updateCredentials(ref, typeName, {
			...stored,
			...output,
		} as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output) as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return ((await type.preAuthentication.call(helpers, credentials)) ?? undefined) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(ref: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const row = ref.id ? this.rows.get(ref.id) : undefined;
		if (!row || row.type !== type) {
			throw new UserError(`Credential with ID "${ref.id}" does not exist for type "${type}".`);
		}
		return new Credentials({ id: row.id ?? null, name: row.name }, row.type, row.data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		ref: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const decrypted = await (await this.getCredentials(ref, type)).getData();
		if (raw === true) return decrypted;
		return await this.applyDefaults(
			additionalData,
			decrypted,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** CLI `applyDefaultsAndOverwrites` without admin overwrites (none configured). */
	async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		resolve?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(
			properties,
			{ ...original } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (resolve) {
			try {
				data = resolve.workflow.expression.getParameterValue(
					data as INodeParameters,
					resolve.runExecutionData,
					resolve.runIndex,
					resolve.itemIndex,
					resolve.node.name,
					resolve.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- same rethrow as n8n's CLI
				throw e;
			}
			return data;
		}
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: mockNodeTypes,
		});
		const acquired = await workflow.expression.acquireIsolate();
		try {
			return workflow.expression.getComplexParameterValue(
				mockNode,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		} finally {
			if (acquired) await workflow.expression.releaseIsolate();
		}
	}

	async updateCredentials(
		ref: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(ref, type);
		await credentials.setData(data);
		this.rows.set(credentials.id!, credentials.getDataToSave());
	}

	async updateCredentialsOauthTokenData(
		ref: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(ref, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		this.rows.set(credentials.id!, credentials.getDataToSave());
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const typeData = this.credentialTypes.getByName(type);
		if (typeData.extends === undefined) return typeData.properties;
		const combined: INodeProperties[] = [];
		for (const parent of typeData.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, typeData.properties);
		return combined;
	}
}
