// Credentials and workflows through n8n's public API, and the CLI imports that keep exact ids.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nHttp } from './http';
import type { N8nLine } from './paths';
import type { CredentialInput, Workflow, WorkflowInput } from './types';

type CredentialSummary = { id: string; name: string; type: string };

export class N8nResources {
	constructor(
		private readonly http: N8nHttp,
		private readonly line: N8nLine,
		private readonly cli: (args: string[]) => Promise<string>,
		private readonly userFolder: string,
	) {}

	async listCredentials(): Promise<CredentialSummary[]> {
		return await this.http.listAll<CredentialSummary>('/credentials');
	}

	async createCredential(input: CredentialInput): Promise<string> {
		return (await this.http.api<{ id: string }>('POST', '/credentials', this.credentialBody(input)))
			.id;
	}

	/**
	 * n8n 1.x adds "Allowed HTTP Request Domains" to credentials that authenticate requests, and its
	 * public API's schema then demands `allowedDomains` unless the choice is given: give n8n's default.
	 */
	private credentialBody(input: CredentialInput): CredentialInput {
		if (this.line !== '1.x' || 'allowedHttpRequestDomains' in input.data) return input;
		return { ...input, data: { ...input.data, allowedHttpRequestDomains: 'all' } };
	}

	/** Creates the credential, or updates the one of the same name and type. Returns its id. */
	async upsertCredential(input: CredentialInput): Promise<string> {
		const existing = (await this.listCredentials()).find(
			(c) => c.name === input.name && c.type === input.type,
		);
		if (!existing) return await this.createCredential(input);
		const { name, type, data } = this.credentialBody(input);
		await this.http.api('PATCH', `/credentials/${existing.id}`, { name, type, data });
		return existing.id;
	}

	/** The CLI way, keeping exact ids (for fixtures that reference credential ids): n8n import:credentials. */
	async importCredentialsWithCli(
		credentials: Array<CredentialInput & { id: string }>,
	): Promise<void> {
		await this.importWithCli(
			'credentials',
			credentials.map((c) => ({ ...c, isManaged: false })),
		);
	}

	/** The CLI way for workflows: n8n import:workflow (keeps ids; imported workflows are unpublished). */
	async importWorkflowsWithCli(workflows: Array<WorkflowInput & { id: string }>): Promise<void> {
		await this.importWithCli('workflow', workflows);
	}

	private async importWithCli(kind: 'credentials' | 'workflow', items: unknown[]): Promise<void> {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(items));
		try {
			await this.cli([`import:${kind}`, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async listWorkflows(): Promise<Workflow[]> {
		return await this.http.listAll<Workflow>('/workflows');
	}

	async createWorkflow(input: WorkflowInput): Promise<Workflow> {
		return await this.http.api<Workflow>('POST', '/workflows', workflowBody(input));
	}

	/** Creates the workflow, or replaces the one with the same name (unpublishing it first). */
	async upsertWorkflow(input: WorkflowInput): Promise<Workflow> {
		const existing = (await this.listWorkflows()).find((w) => w.name === input.name);
		if (!existing) return await this.createWorkflow(input);
		if (existing.active) await this.unpublishWorkflow(existing.id);
		return await this.http.api<Workflow>('PUT', `/workflows/${existing.id}`, workflowBody(input));
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return await this.http.api<Workflow>('GET', `/workflows/${id}`);
	}

	/** Publishes (n8n 1.x: activates) the workflow's current version. */
	async publishWorkflow(id: string): Promise<Workflow> {
		return await this.http.api<Workflow>(
			'POST',
			`/workflows/${id}/${this.line === '1.x' ? 'activate' : 'publish'}`,
			{},
		);
	}

	/** Unpublishes (n8n 1.x: deactivates) the workflow. */
	async unpublishWorkflow(id: string): Promise<Workflow> {
		return await this.http.api<Workflow>(
			'POST',
			`/workflows/${id}/${this.line === '1.x' ? 'deactivate' : 'unpublish'}`,
		);
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.http.api('DELETE', `/workflows/${id}`);
	}
}

function workflowBody(input: WorkflowInput): WorkflowInput {
	// The public API accepts only these fields; exported workflows carry more (id, active, tags, meta…).
	const body: WorkflowInput = {
		name: input.name,
		nodes: input.nodes,
		connections: input.connections,
		settings: input.settings ?? { executionOrder: 'v1' },
	};
	if (input.staticData !== undefined && input.staticData !== null)
		body.staticData = input.staticData;
	return body;
}
