// Starts n8n's processes for one instance. Regular mode: one `n8n start` with SQLite. Queue mode:
// `n8n start` + `n8n worker` + `n8n webhook` with Redis and PostgreSQL from backing-services.ts.
// Each process runs in its own process group and is stopped through it.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	startPostgres,
	startRedis,
	type PostgresServer,
	type RedisServer,
} from './backing-services';
import { runtimeEnv } from './install';
import type { Runtime } from './paths';
import { freePort, isPortFree, run, startService, tail, waitFor, type Service } from './proc';
import type { N8nMode, StartOptions } from './types';

const QUIET_ENV: NodeJS.ProcessEnv = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
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

/** Settings only one n8n line knows. */
const LINE_ENV: Record<Runtime['line'], NodeJS.ProcessEnv> = {
	// fetches a catalogue from n8n's servers every start; this machine has no such network
	'2.x': { N8N_DISABLED_MODULES: 'mcp-registry' },
	'1.x': {},
};

export class N8nProcesses {
	readonly services: Service[] = [];
	baseUrl = '';
	webhookBaseUrl = '';
	private env: NodeJS.ProcessEnv = {};
	private redis?: RedisServer;
	private postgres?: PostgresServer;

	constructor(
		private readonly options: StartOptions & {
			mode: N8nMode;
			runtime: Runtime;
			userFolder: string;
			logDir: string;
		},
		private readonly log: (message: string) => void,
	) {}

	private encryptionKey(): string {
		if (this.options.encryptionKey) return this.options.encryptionKey;
		const file = path.join(this.options.userFolder, 'encryption-key');
		if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
		const key = crypto.randomBytes(24).toString('base64url');
		fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
		return key;
	}

	/** Starts every process of the mode and waits until each answers its readiness check. */
	async start(): Promise<void> {
		const { mode, runtime, userFolder, logDir } = this.options;
		const started = Date.now();
		fs.mkdirSync(userFolder, { recursive: true });
		fs.mkdirSync(logDir, { recursive: true });
		const port = this.options.port ?? (await freePort());
		if (!(await isPortFree(port)))
			throw new Error(`port ${port} on 127.0.0.1 is in use (another n8n running?)`);
		this.baseUrl = `http://127.0.0.1:${port}`;
		const webhookPort = mode === 'queue' ? await freePort() : port;
		this.webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;

		this.env = {
			...QUIET_ENV,
			...LINE_ENV[runtime.line],
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey(),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_WEBHOOK_URL: `${this.webhookBaseUrl}/`,
			...(mode === 'queue' ? await this.queueEnv() : { DB_TYPE: 'sqlite' }),
			...this.options.env,
		};

		const main = await this.spawn('main', ['start'], port);
		await this.waitReady(main, `${this.baseUrl}/healthz/readiness`);
		// n8n 1.x reports ready while it still runs its migrations, before the REST API is mounted
		await this.waitReady(main, `${this.baseUrl}/rest/settings`);
		this.log(`main ready at ${this.baseUrl} after ${seconds(started)} s`);

		if (mode === 'queue') {
			const workerPort = await freePort();
			const worker = await this.spawn('worker', ['worker', '--concurrency=10'], workerPort, {
				QUEUE_HEALTH_CHECK_PORT: String(workerPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
			const webhook = await this.spawn('webhook', ['webhook'], webhookPort);
			await Promise.all([
				this.waitReady(worker, `http://127.0.0.1:${workerPort}/healthz/readiness`),
				this.waitReady(webhook, `${this.webhookBaseUrl}/healthz/readiness`),
			]);
			this.log(`worker and webhook processor ready after ${seconds(started)} s`);
		}
	}

	/** Redis and PostgreSQL for queue mode, and the settings that point n8n at them. */
	private async queueEnv(): Promise<NodeJS.ProcessEnv> {
		const { logDir } = this.options;
		[this.redis, this.postgres] = await Promise.all([startRedis(logDir), startPostgres(logDir)]);
		this.services.push(this.redis.service, this.postgres.service);
		return {
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
		};
	}

	private async spawn(
		name: string,
		args: string[],
		port: number,
		extra: NodeJS.ProcessEnv = {},
	): Promise<Service> {
		const { runtime, logDir } = this.options;
		const env = runtimeEnv(
			{
				...this.env,
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				...extra,
			},
			runtime,
		);
		const logFile = path.join(logDir, `n8n-${name}.log`);
		fs.writeFileSync(logFile, '');
		const service = startService(`n8n-${name}`, runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: runtime.dir,
			env,
			logFile,
		});
		this.services.push(service);
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
			throw new Error(
				`${(error as Error).message}\n--- ${service.logFile} (tail) ---\n${tail(log)}`,
			);
		}
	}

	/** Runs an n8n CLI command against this instance's database. */
	async cli(args: string[]): Promise<string> {
		const { runtime } = this.options;
		const env = runtimeEnv(
			{ ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			runtime,
		);
		const result = await run(runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: runtime.dir,
			env,
			timeoutMs: 180_000,
		});
		return result.stdout;
	}

	/** Stops n8n's processes (and Redis/PostgreSQL in queue mode), each by its process group. */
	async stop(): Promise<void> {
		const n8nProcesses = this.services.filter((p) => p.name.startsWith('n8n-')).reverse();
		await Promise.all(
			n8nProcesses.map(async (p) => {
				const t = Date.now();
				await p.stop();
				if (Date.now() - t > 5000) this.log(`${p.name} took ${seconds(t)} s to stop`);
			}),
		);
		await this.redis?.stop();
		await this.postgres?.stop();
	}
}

export function seconds(since: number): string {
	return ((Date.now() - since) / 1000).toFixed(1);
}
