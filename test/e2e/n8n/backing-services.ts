// Redis and PostgreSQL for n8n's queue mode, from Debian's packages (installed with apt-get when
// missing), each started by us on a free loopback port with its data in a temporary folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { delay, freePort, run, startService, waitFor, type Service } from './proc';

let aptUpdated = false;

/** apt-get install the given Debian packages (root only; no prompts). */
export async function aptInstall(packages: string[]): Promise<void> {
	if (process.getuid?.() !== 0) {
		throw new Error(
			`missing ${packages.join(', ')}: install with sudo apt-get install -y ${packages.join(' ')}`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	console.log(`[apt] installing ${packages.join(', ')}`);
	const install = async () =>
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
			env,
			timeoutMs: 600_000,
		});
	try {
		if (!aptUpdated) throw new Error('package lists not updated in this run');
		await install();
	} catch {
		await run('apt-get', ['update'], { env, timeoutMs: 300_000 });
		aptUpdated = true;
		await install();
	}
}

function which(binary: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, binary);
		if (fs.existsSync(candidate)) return candidate;
	}
	for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
		const candidate = path.join(dir, binary);
		if (fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

export interface RedisServer {
	host: string;
	port: number;
	service: Service;
	stop(): Promise<void>;
}

export async function startRedis(logDir: string): Promise<RedisServer> {
	let bin = which('redis-server');
	if (!bin) {
		await aptInstall(['redis-server']);
		bin = which('redis-server');
		if (!bin) throw new Error('redis-server not found after apt-get install redis-server');
	}
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-redis-'));
	const service = startService(
		'redis',
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ logFile: path.join(logDir, 'redis.log') },
	);
	await waitFor(
		'redis to accept connections',
		async () => {
			if (service.child.exitCode !== null)
				throw new Error(`redis-server exited; see ${service.logFile}`);
			const log = fs.readFileSync(service.logFile, 'utf8');
			return /Ready to accept connections/.test(log) ? true : undefined;
		},
		20_000,
		100,
	);
	return {
		host: '127.0.0.1',
		port,
		service,
		async stop() {
			await service.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	database: string;
	service: Service;
	stop(): Promise<void>;
}

function findPostgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

async function userIds(name: string): Promise<{ uid: number; gid: number } | undefined> {
	const result = await run('id', ['-u', name], { allowFailure: true });
	if (result.code !== 0) return undefined;
	const gid = await run('id', ['-g', name]);
	return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A private PostgreSQL cluster: initdb into a temporary folder, trust auth, loopback only,
 * durability off (test data). PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user that Debian's package creates.
 */
export async function startPostgres(logDir: string): Promise<PostgresServer> {
	let binDir = findPostgresBinDir();
	if (!binDir) {
		await aptInstall(['postgresql']);
		binDir = findPostgresBinDir();
		if (!binDir)
			throw new Error(
				'postgres not found under /usr/lib/postgresql after apt-get install postgresql',
			);
	}
	const asRoot = process.getuid?.() === 0;
	const ids = asRoot ? await userIds('postgres') : undefined;
	if (asRoot && !ids)
		throw new Error('running as root but there is no postgres user to run PostgreSQL as');

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pg-'));
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir);
	if (ids) {
		fs.chownSync(dir, ids.uid, ids.gid);
		fs.chownSync(socketDir, ids.uid, ids.gid);
	}
	const user = 'n8n';
	const database = 'postgres';
	const initdb = path.join(binDir, 'initdb');
	const initArgs = ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--no-sync'];
	if (ids) {
		await run(
			'setpriv',
			[`--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', initdb, ...initArgs],
			{
				cwd: dir,
				timeoutMs: 120_000,
			},
		);
	} else {
		await run(initdb, initArgs, { cwd: dir, timeoutMs: 120_000 });
	}

	const port = await freePort();
	const logFile = path.join(logDir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	if (ids) fs.chownSync(logFile, ids.uid, ids.gid);
	const service = startService(
		'postgres',
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-k',
			socketDir,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		],
		// SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for clients to disconnect)
		{ cwd: dir, logFile, uid: ids?.uid, gid: ids?.gid, stopSignal: 'SIGINT' },
	);
	const pgIsReady = path.join(binDir, 'pg_isready');
	await waitFor(
		'postgres to accept connections',
		async () => {
			if (service.child.exitCode !== null) throw new Error(`postgres exited; see ${logFile}`);
			const r = await run(
				pgIsReady,
				['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database],
				{
					allowFailure: true,
				},
			);
			return r.code === 0 ? true : undefined;
		},
		30_000,
		200,
	);
	return {
		host: '127.0.0.1',
		port,
		user,
		database,
		service,
		async stop() {
			await service.stop();
			await delay(100);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
