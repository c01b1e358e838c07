// Starts and drives a real n8n (the pinned version installed by install.ts) for `npm run dev`, the
// e2e suite and the screenshots. Regular mode: one `n8n start` with SQLite. Queue mode: `n8n start`
// + `n8n worker` + `n8n webhook` with Redis and PostgreSQL started by backing-services.ts.
// Everything is driven through n8n's HTTP interfaces (REST for owner and API key, public API for
// the rest) and each process is stopped through its process group.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './backing-services';
import { ensureInstalled, runtimeEnv } from './install';
import { N8N_BIN, NODE_BIN, RUNTIME_DIR } from './paths';
import { freePort, isPortFree, run, startService, tail, waitFor, type Service } from './proc';

export type N8nMode = 'regular' | 'queue';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'dev@example.com',
	password: 'Vonage-dev-1',
	firstName: 'Dev',
	lastName: 'Owner',
};

export interface StartOptions {
	mode?: N8nMode;
	/** N8N_USER_FOLDER: n8n keeps its data in <userFolder>/.n8n. Created if missing. */
	userFolder: string;
	/** Port of the editor/API (main process). Default: a free port. */
	port?: number;
	/** N8N_ENCRYPTION_KEY. Default: read from/stored in <userFolder>/encryption-key. */
	encryptionKey?: string;
	owner?: Owner;
	/** Extra environment for every n8n process. */
	env?: NodeJS.ProcessEnv;
	/** Where the process logs go. Default: <userFolder>/logs. */
	logDir?: string;
	/** Milliseconds to wait for each process to become ready. */
	readyTimeoutMs?: number;
}

export interface CredentialInput {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowInput {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: unknown;
}

export interface Workflow extends WorkflowInput {
	id: string;
	active: boolean;
	versionId?: string;
}

export interface Execution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData?: {
			error?: { message?: string };
			lastNodeExecuted?: string;
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>>;
		};
	};
}

export class HttpError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}

const QUIET_ENV: NodeJS.ProcessEnv = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	// fetches a catalogue from n8n's servers every start; this machine has no such network
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_SECURE_COOKIE: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'console',
	GENERIC_TIMEZONE: 'UTC',
	TZ: 'UTC',
	NO_PROXY: '127.0.0.1,localhost',
	no_proxy: '127.0.0.1,localhost',
};

export class N8nServer {
	readonly processes: Service[] = [];
	private redis?: RedisServer;
	private postgres?: PostgresServer;
	private cookie = '';
	apiKey = '';
	/** Editor / REST / public API. */
	baseUrl = '';
	/** Base of production webhook URLs (the webhook processor in queue mode). */
	webhookBaseUrl = '';
	readonly mode: N8nMode;
	readonly owner: Owner;
	readonly logDir: string;
	readonly userFolder: string;
	private env: NodeJS.ProcessEnv = {};
	private stopped = false;

	private constructor(readonly options: StartOptions) {
		this.mode = options.mode ?? 'regular';
		this.owner = options.owner ?? DEFAULT_OWNER;
		this.userFolder = path.resolve(options.userFolder);
		this.logDir = options.logDir ?? path.join(this.userFolder, 'logs');
	}

	/** Installs n8n if needed, starts it, sets up the owner account and a public-API key. */
	static async start(options: StartOptions): Promise<N8nServer> {
		await ensureInstalled({ quiet: true });
		const server = new N8nServer(options);
		try {
			await server.boot();
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	private log(message: string): void {
		console.log(`[n8n:${this.mode}] ${message}`);
	}

	private encryptionKey(): string {
		if (this.options.encryptionKey) return this.options.encryptionKey;
		const file = path.join(this.userFolder, 'encryption-key');
		if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
		const key = crypto.randomBytes(24).toString('base64url');
		fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
		return key;
	}

	private async boot(): Promise<void> {
		const started = Date.now();
		fs.mkdirSync(this.userFolder, { recursive: true });
		fs.mkdirSync(this.logDir, { recursive: true });
		const port = this.options.port ?? (await freePort());
		if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use (another n8n running?)`);
		this.baseUrl = `http://127.0.0.1:${port}`;
		const webhookPort = this.mode === 'queue' ? await freePort() : port;
		this.webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;

		const env: NodeJS.ProcessEnv = {
			...QUIET_ENV,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey(),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_WEBHOOK_URL: `${this.webhookBaseUrl}/`,
			...this.options.env,
		};

		if (this.mode === 'queue') {
			[this.redis, this.postgres] = await Promise.all([startRedis(this.logDir), startPostgres(this.logDir)]);
			this.processes.push(this.redis.service, this.postgres.service);
			Object.assign(env, {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: this.redis.host,
				QUEUE_BULL_REDIS_PORT: String(this.redis.port),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: this.postgres.host,
				DB_POSTGRESDB_PORT: String(this.postgres.port),
				DB_POSTGRESDB_USER: this.postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				DB_POSTGRESDB_DATABASE: this.postgres.database,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				// production webhooks are served by the webhook processor only
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			});
		} else {
			env.DB_TYPE = 'sqlite';
		}
		this.env = env;

		const main = await this.spawnN8n('main', ['start'], port);
		await this.waitReady(main, `${this.baseUrl}/healthz/readiness`);
		this.log(`main ready at ${this.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

		if (this.mode === 'queue') {
			const workerPort = await freePort();
			const worker = await this.spawnN8n('worker', ['worker', '--concurrency=10'], workerPort, {
				QUEUE_HEALTH_CHECK_PORT: String(workerPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			const webhook = await this.spawnN8n('webhook', ['webhook'], webhookPort);
			await Promise.all([
				this.waitReady(worker, `http://127.0.0.1:${workerPort}/healthz/readiness`),
				this.waitReady(webhook, `${this.webhookBaseUrl}/healthz/readiness`),
			]);
			this.log(`worker and webhook processor ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
		}

		await this.setupOwner();
		await this.createApiKey();
		this.log(`up in ${((Date.now() - started) / 1000).toFixed(1)} s (logs: ${this.logDir})`);
	}

	private async spawnN8n(name: string, args: string[], port: number, extra: NodeJS.ProcessEnv = {}): Promise<Service> {
		const env = runtimeEnv({
			...this.env,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extra,
		});
		const logFile = path.join(this.logDir, `n8n-${name}.log`);
		fs.writeFileSync(logFile, '');
		const service = startService(`n8n-${name}`, NODE_BIN, [N8N_BIN, ...args], { cwd: RUNTIME_DIR, env, logFile });
		this.processes.push(service);
		return service;
	}

	private async waitReady(service: Service, url: string): Promise<void> {
		const timeout = this.options.readyTimeoutMs ?? 120_000;
		try {
			await waitFor(
				`${service.name} at ${url}`,
				async () => {
					if (service.child.exitCode !== null) {
						throw new Error(`${service.name} exited with ${service.child.exitCode}`);
					}
					const res = await fetch(url).catch(() => undefined);
					return res?.ok ? true : undefined;
				},
				timeout,
				200,
			);
		} catch (error) {
			const log = fs.existsSync(service.logFile) ? fs.readFileSync(service.logFile, 'utf8') : '';
			throw new Error(`${(error as Error).message}\n--- ${service.logFile} (tail) ---\n${tail(log)}`);
		}
	}

	// ---- HTTP ----

	private async request(
		method: string,
		url: string,
		body: unknown,
		headers: Record<string, string>,
	): Promise<{ status: number; text: string; headers: Headers }> {
		const res = await fetch(url, {
			method,
			headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, text: await res.text(), headers: res.headers };
	}

	/** The internal REST API (/rest/...), authenticated with the owner's session cookie. */
	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const res = await this.request(method, `${this.baseUrl}/rest${route}`, body, this.cookie ? { cookie: this.cookie } : {});
		const cookies = res.headers.getSetCookie?.() ?? [];
		const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		if (res.status >= 400) {
			throw new HttpError(`${method} /rest${route}: ${res.status} ${res.text.slice(0, 500)}`, res.status, res.text);
		}
		const parsed = res.text ? (JSON.parse(res.text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}

	/** The node types n8n loaded (what the editor gets from /types/nodes.json). */
	async nodeTypes(): Promise<Array<{ name: string; version: number | number[]; [key: string]: unknown }>> {
		const res = await this.request('GET', `${this.baseUrl}/types/nodes.json`, undefined, { cookie: this.cookie });
		if (res.status >= 400) throw new HttpError(`GET /types/nodes.json: ${res.status}`, res.status, res.text);
		return JSON.parse(res.text) as Array<{ name: string; version: number | number[] }>;
	}

	/** n8n's public API (/api/v1/...), authenticated with the API key. */
	async api<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const res = await this.request(method, `${this.baseUrl}/api/v1${route}`, body, { 'X-N8N-API-KEY': this.apiKey });
		if (res.status >= 400) {
			throw new HttpError(`${method} /api/v1${route}: ${res.status} ${res.text.slice(0, 500)}`, res.status, res.text);
		}
		return (res.text ? JSON.parse(res.text) : {}) as T;
	}

	/** Creates the owner account on a fresh instance, or logs in to an existing one. */
	async setupOwner(): Promise<void> {
		try {
			await this.rest('POST', '/owner/setup', this.owner);
		} catch (error) {
			if (!(error instanceof HttpError) || error.status !== 400) throw error;
			await this.login();
		}
	}

	async login(): Promise<void> {
		await this.rest('POST', '/login', { emailOrLdapLoginId: this.owner.email, password: this.owner.password });
	}

	/** Replaces the scripts' API key (label 'scripts') with a new one holding every scope the owner may grant. */
	async createApiKey(): Promise<string> {
		const label = 'scripts';
		type Key = { id: string; label: string };
		const listed = await this.rest<Key[] | { items: Key[] }>('GET', '/api-keys?take=100');
		const existing = Array.isArray(listed) ? listed : listed.items;
		for (const key of existing) if (key.label === label) await this.rest('DELETE', `/api-keys/${key.id}`);
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.rawApiKey;
		return this.apiKey;
	}

	// ---- credentials ----

	async listCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		const all: Array<{ id: string; name: string; type: string }> = [];
		let cursor: string | undefined;
		do {
			const page = await this.api<{ data: Array<{ id: string; name: string; type: string }>; nextCursor?: string | null }>(
				'GET',
				`/credentials?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	async createCredential(input: CredentialInput): Promise<string> {
		const created = await this.api<{ id: string }>('POST', '/credentials', input);
		return created.id;
	}

	/** Creates the credential, or updates the one of the same name and type. Returns its id. */
	async upsertCredential(input: CredentialInput): Promise<string> {
		const existing = (await this.listCredentials()).find((c) => c.name === input.name && c.type === input.type);
		if (!existing) return await this.createCredential(input);
		await this.api('PATCH', `/credentials/${existing.id}`, { name: input.name, type: input.type, data: input.data });
		return existing.id;
	}

	/** The CLI way, keeping exact ids (for fixtures that reference credential ids): n8n import:credentials. */
	async importCredentialsWithCli(credentials: Array<CredentialInput & { id: string }>): Promise<void> {
		const file = path.join(this.userFolder, `import-credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials.map((c) => ({ ...c, isManaged: false }))));
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** The CLI way for workflows: n8n import:workflow (keeps ids; imported workflows are unpublished). */
	async importWorkflowsWithCli(workflows: Array<WorkflowInput & { id: string }>): Promise<void> {
		const file = path.join(this.userFolder, `import-workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows));
		try {
			await this.cli(['import:workflow', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Runs an n8n CLI command against this instance's database. */
	async cli(args: string[]): Promise<string> {
		const env = runtimeEnv({ ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		const result = await run(NODE_BIN, [N8N_BIN, ...args], { cwd: RUNTIME_DIR, env, timeoutMs: 180_000 });
		return result.stdout;
	}

	// ---- workflows ----

	async listWorkflows(): Promise<Workflow[]> {
		const all: Workflow[] = [];
		let cursor: string | undefined;
		do {
			const page = await this.api<{ data: Workflow[]; nextCursor?: string | null }>(
				'GET',
				`/workflows?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	async createWorkflow(input: WorkflowInput): Promise<Workflow> {
		return await this.api<Workflow>('POST', '/workflows', workflowBody(input));
	}

	/** Creates the workflow, or replaces the one with the same name (unpublishing it first). */
	async upsertWorkflow(input: WorkflowInput): Promise<Workflow> {
		const existing = (await this.listWorkflows()).find((w) => w.name === input.name);
		if (!existing) return await this.createWorkflow(input);
		if (existing.active) await this.unpublishWorkflow(existing.id);
		return await this.api<Workflow>('PUT', `/workflows/${existing.id}`, workflowBody(input));
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return await this.api<Workflow>('GET', `/workflows/${id}`);
	}

	/** Publishes (n8n 1.x: activates) the workflow's current version. */
	async publishWorkflow(id: string): Promise<Workflow> {
		return await this.api<Workflow>('POST', `/workflows/${id}/publish`, {});
	}

	/** Unpublishes (n8n 1.x: deactivates) the workflow. */
	async unpublishWorkflow(id: string): Promise<Workflow> {
		return await this.api<Workflow>('POST', `/workflows/${id}/unpublish`);
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.api('DELETE', `/workflows/${id}`);
	}

	/** The production URL of a Webhook node path. */
	webhookUrl(webhookPath: string): string {
		return `${this.webhookBaseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
	}

	/**
	 * Calls a production webhook, retrying while n8n still answers "not registered" (publishing
	 * registers webhooks asynchronously; in queue mode the webhook processor learns of it later).
	 */
	async callWebhook(
		webhookPath: string,
		body: unknown,
		options: { method?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
	): Promise<{ status: number; text: string; json?: unknown }> {
		const url = this.webhookUrl(webhookPath);
		return await waitFor(
			`webhook ${url} to be registered`,
			async () => {
				const res = await fetch(url, {
					method: options.method ?? 'POST',
					headers: { 'content-type': 'application/json', ...options.headers },
					body: JSON.stringify(body),
				});
				const text = await res.text();
				if (res.status === 404 && /not registered/.test(text)) return undefined;
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				return { status: res.status, text, json };
			},
			options.timeoutMs ?? 30_000,
			250,
		);
	}

	// ---- executions ----

	async listExecutions(
		query: { workflowId?: string; status?: string; includeData?: boolean; limit?: number } = {},
	): Promise<Execution[]> {
		const params = new URLSearchParams();
		if (query.workflowId) params.set('workflowId', query.workflowId);
		if (query.status) params.set('status', query.status);
		params.set('includeData', String(query.includeData ?? true));
		params.set('limit', String(query.limit ?? 100));
		const page = await this.api<{ data: Execution[] }>('GET', `/executions?${params.toString()}`);
		return page.data;
	}

	/** Waits until the workflow has at least `count` finished executions (newest first). */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<Execution[]> {
		return await waitFor(
			`${count} finished execution(s) of workflow ${workflowId}`,
			async () => {
				const executions = (await this.listExecutions({ workflowId })).filter(
					(e) => e.stoppedAt !== null && e.status !== 'running' && e.status !== 'new',
				);
				return executions.length >= count ? executions : undefined;
			},
			timeoutMs,
			300,
		);
	}

	// ---- lifecycle ----

	/** Stops n8n's processes (and Redis/PostgreSQL in queue mode), each by its process group. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		const started = Date.now();
		const n8nProcesses = this.processes.filter((p) => p.name.startsWith('n8n-')).reverse();
		await Promise.all(
			n8nProcesses.map(async (p) => {
				const t = Date.now();
				await p.stop();
				if (Date.now() - t > 5000) this.log(`${p.name} took ${((Date.now() - t) / 1000).toFixed(1)} s to stop`);
			}),
		);
		await this.redis?.stop();
		await this.postgres?.stop();
		this.log(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
	if (input.staticData !== undefined && input.staticData !== null) body.staticData = input.staticData;
	return body;
}
