// A real n8n (an install made by install.ts) for `npm run dev`, the e2e suite and the screenshots,
// driven only through its HTTP interfaces. The work is done by one module per concern:
// processes.ts (start/stop, CLI), http.ts (REST, public API, owner, API key), resources.ts
// (credentials, workflows), webhooks.ts (production webhooks, executions).
import * as path from 'node:path';

import { N8nHttp } from './http';
import { ensureInstalled } from './install';
import { runtimeFor, type Runtime } from './paths';
import { N8nProcesses, seconds } from './processes';
import type { Service } from './proc';
import { N8nResources } from './resources';
import {
	DEFAULT_OWNER,
	type CredentialInput,
	type Execution,
	type N8nMode,
	type Owner,
	type StartOptions,
	type Workflow,
	type WorkflowInput,
} from './types';
import { callWebhook, listExecutions, waitForExecutions, webhookUrl } from './webhooks';

export * from './types';

export class N8nServer {
	readonly mode: N8nMode;
	readonly owner: Owner;
	readonly logDir: string;
	readonly userFolder: string;
	readonly runtime: Runtime;
	private readonly http = new N8nHttp();
	private readonly procs: N8nProcesses;
	private readonly resources: N8nResources;
	private stopped = false;

	private constructor(readonly options: StartOptions) {
		this.mode = options.mode ?? 'regular';
		this.owner = options.owner ?? DEFAULT_OWNER;
		this.runtime = options.runtime ?? runtimeFor();
		this.userFolder = path.resolve(options.userFolder);
		this.logDir = options.logDir ?? path.join(this.userFolder, 'logs');
		const { mode, runtime, userFolder, logDir } = this;
		this.procs = new N8nProcesses({ ...options, mode, runtime, userFolder, logDir }, (m) =>
			this.log(m),
		);
		this.resources = new N8nResources(
			this.http,
			runtime.line,
			async (args) => await this.cli(args),
			userFolder,
		);
	}

	/** Installs n8n if needed, starts it, sets up the owner account and a public-API key. */
	static async start(options: StartOptions): Promise<N8nServer> {
		await ensureInstalled({ quiet: true, runtime: options.runtime });
		const server = new N8nServer(options);
		try {
			const started = Date.now();
			await server.procs.start();
			server.http.baseUrl = server.procs.baseUrl;
			await server.setupOwner();
			await server.createApiKey();
			server.log(
				`n8n ${server.runtime.n8nVersion} up in ${seconds(started)} s (logs: ${server.logDir})`,
			);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	private log(message: string): void {
		console.log(`[n8n:${this.mode}] ${message}`);
	}

	/** Every process started (n8n's, and Redis/PostgreSQL in queue mode). */
	get processes(): Service[] {
		return this.procs.services;
	}
	/** Editor / REST / public API. */
	get baseUrl(): string {
		return this.procs.baseUrl;
	}
	/** Base of production webhook URLs (the webhook processor in queue mode). */
	get webhookBaseUrl(): string {
		return this.procs.webhookBaseUrl;
	}
	get apiKey(): string {
		return this.http.apiKey;
	}
	set apiKey(value: string) {
		this.http.apiKey = value;
	}

	// ---- HTTP, account ----
	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		return await this.http.rest<T>(method, route, body);
	}
	async api<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		return await this.http.api<T>(method, route, body);
	}
	async nodeTypes(): Promise<
		Array<{ name: string; version: number | number[]; [key: string]: unknown }>
	> {
		return await this.http.nodeTypes();
	}
	async setupOwner(): Promise<void> {
		await this.http.setupOwner(this.owner);
	}
	async login(): Promise<void> {
		await this.http.login(this.owner);
	}
	async createApiKey(): Promise<string> {
		return await this.http.createApiKey();
	}
	async cli(args: string[]): Promise<string> {
		return await this.procs.cli(args);
	}

	// ---- credentials ----
	async listCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		return await this.resources.listCredentials();
	}
	async createCredential(input: CredentialInput): Promise<string> {
		return await this.resources.createCredential(input);
	}
	async upsertCredential(input: CredentialInput): Promise<string> {
		return await this.resources.upsertCredential(input);
	}
	async importCredentialsWithCli(
		credentials: Array<CredentialInput & { id: string }>,
	): Promise<void> {
		await this.resources.importCredentialsWithCli(credentials);
	}
	async importWorkflowsWithCli(workflows: Array<WorkflowInput & { id: string }>): Promise<void> {
		await this.resources.importWorkflowsWithCli(workflows);
	}

	// ---- workflows ----
	async listWorkflows(): Promise<Workflow[]> {
		return await this.resources.listWorkflows();
	}
	async createWorkflow(input: WorkflowInput): Promise<Workflow> {
		return await this.resources.createWorkflow(input);
	}
	async upsertWorkflow(input: WorkflowInput): Promise<Workflow> {
		return await this.resources.upsertWorkflow(input);
	}
	async getWorkflow(id: string): Promise<Workflow> {
		return await this.resources.getWorkflow(id);
	}
	async publishWorkflow(id: string): Promise<Workflow> {
		return await this.resources.publishWorkflow(id);
	}
	async unpublishWorkflow(id: string): Promise<Workflow> {
		return await this.resources.unpublishWorkflow(id);
	}
	async deleteWorkflow(id: string): Promise<void> {
		await this.resources.deleteWorkflow(id);
	}

	// ---- webhooks, executions ----
	webhookUrl(webhookPath: string): string {
		return webhookUrl(this.webhookBaseUrl, webhookPath);
	}
	async callWebhook(
		webhookPath: string,
		body: unknown,
		options: { method?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
	): Promise<{ status: number; text: string; json?: unknown }> {
		return await callWebhook(this.webhookUrl(webhookPath), body, options);
	}
	async listExecutions(
		query: { workflowId?: string; status?: string; includeData?: boolean; limit?: number } = {},
	): Promise<Execution[]> {
		return await listExecutions(this.http, query);
	}
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
	): Promise<Execution[]> {
		return await waitForExecutions(this.http, workflowId, count, timeoutMs);
	}

	/** Stops n8n's processes (and Redis/PostgreSQL in queue mode), each by its process group. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		const started = Date.now();
		await this.procs.stop();
		this.log(`stopped in ${seconds(started)} s`);
	}
}
