// The node-type and credential-type registries that n8n's CLI builds from installed packages
// (LoadNodesAndCredentials -> NodeTypes / CredentialTypes). The harness registers the classes a
// test hands it instead of scanning `dist/`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { UnrecognizedCredentialTypeError, UnrecognizedNodeTypeError } from 'n8n-core';
import {
	NodeHelpers,
	type ICredentialType,
	type IDataObject,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

export type AnyNodeType = INodeType | IVersionedNodeType;

/**
 * n8n registers a community package's nodes as `<package name>.<description.name>`
 * (PackageDirectoryLoader); we read the package name from the repo's package.json the same way.
 */
export function defaultTypeName(nodeType: AnyNodeType): string {
	const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
		name: string;
	};
	return `${pkg.name}.${nodeType.description.name}`;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	register(typeName: string, nodeType: AnyNodeType): this {
		this.types.set(typeName, nodeType);
		return this;
	}

	getByName(nodeType: string): AnyNodeType {
		const found = this.types.get(nodeType);
		if (found) return found;
		const dot = nodeType.lastIndexOf('.');
		throw new UnrecognizedNodeTypeError(nodeType.slice(0, dot), nodeType.slice(dot + 1));
	}

	/** Same resolution as the CLI's NodeTypes: versioned types pick the requested version. */
	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}
}

export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(credentialTypes: ICredentialType[] = []) {
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	recognizes(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UnrecognizedCredentialTypeError(name);
		return type;
	}

	/** All ancestors through `extends`, nearest first (as the CLI's CredentialTypes does). */
	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getSupportedNodes(name: string): string[] {
		return this.types.get(name)?.supportedNodes ?? [];
	}
}
