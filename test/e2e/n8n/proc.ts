// Small process helpers: run a command to completion, start a long-running one in its own
// process group, stop it by group id, find free loopback ports.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Print the command's output as it comes (default: keep it and print it on failure). */
	stream?: boolean;
	timeoutMs?: number;
	/** Return instead of throwing when the exit code is not 0. */
	allowFailure?: boolean;
	input?: string;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

export async function run(
	cmd: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const child = spawn(cmd, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		if (options.stream) process.stdout.write(chunk);
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		if (options.stream) process.stderr.write(chunk);
	});
	if (options.input !== undefined) child.stdin?.end(options.input);
	let timedOut = false;
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					killGroup(child, 'SIGKILL');
				}, options.timeoutMs);
	const code = await new Promise<number>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
	}).finally(() => clearTimeout(timer));
	if (timedOut)
		throw new Error(
			`${cmd} ${args.join(' ')}: timed out after ${options.timeoutMs} ms\n${tail(stdout + stderr)}`,
		);
	if (code !== 0 && !options.allowFailure) {
		throw new Error(
			`${cmd} ${args.join(' ')} exited with ${code}\n${options.stream ? '' : tail(stdout + stderr)}`,
		);
	}
	return { code, stdout, stderr };
}

export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

export interface Service {
	name: string;
	child: ChildProcess;
	logFile: string;
	/** Resolves with the exit code when the process has exited. */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

const running = new Set<Service>();

/**
 * Starts a long-running process in its own process group (so stopping it also stops whatever it
 * spawned, e.g. n8n's task runners), with stdout and stderr appended to logFile.
 */
export function startService(
	name: string,
	cmd: string,
	args: string[],
	options: {
		cwd?: string;
		env?: NodeJS.ProcessEnv;
		logFile: string;
		uid?: number;
		gid?: number;
		/** Signal asking the main process to shut down (default SIGTERM). */
		stopSignal?: NodeJS.Signals;
	},
): Service {
	const fd = fs.openSync(options.logFile, 'a');
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', fd, fd],
		detached: true,
	};
	if (options.uid !== undefined) spawnOptions.uid = options.uid;
	if (options.gid !== undefined) spawnOptions.gid = options.gid;
	const child = spawn(cmd, args, spawnOptions);
	fs.closeSync(fd);
	const exited = new Promise<number | null>((resolve) => {
		child.on('error', () => resolve(-1));
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
	});
	const service: Service = {
		name,
		child,
		logFile: options.logFile,
		exited,
		async stop() {
			running.delete(service);
			if (child.exitCode !== null || child.signalCode !== null) {
				killGroup(child, 'SIGKILL'); // leftovers of the group, if any
				return;
			}
			// Ask the main process only: n8n stops its own task runner, and signalling the whole group
			// at once makes n8n wait for the runner it lost (15 s instead of 2 s).
			try {
				child.kill(options.stopSignal ?? 'SIGTERM');
			} catch {
				// already gone
			}
			const done = await Promise.race([
				exited.then(() => true),
				unrefDelay(15_000).then(() => false),
			]);
			killGroup(child, 'SIGKILL');
			if (!done) await Promise.race([exited, unrefDelay(5_000)]);
		},
	};
	running.add(service);
	return service;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// group already gone
	}
}

/** Stops every service started by startService that is still running (last started first). */
export async function stopAll(): Promise<void> {
	const services = [...running].reverse();
	for (const service of services) await service.stop();
}

/** Makes SIGINT/SIGTERM and normal exits stop the services first. */
export function stopAllOnSignals(): void {
	let stopping = false;
	const handler = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping…`);
		void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	process.on('exit', () => {
		for (const service of running) killGroup(service.child, 'SIGKILL');
	});
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A delay that does not keep the process alive. */
export function unrefDelay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export async function isPortFree(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Polls check() until it returns a value other than undefined, or throws after timeoutMs. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs: number,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
		}
		await delay(intervalMs);
	}
}

/** Whether n8n serves a webhook URL: anything but 404 to an empty POST (unsigned, a trigger answers 503). */
export async function isServed(url: string): Promise<boolean> {
	const res = await fetch(url, {
		method: 'POST',
		body: '{}',
		headers: { 'content-type': 'application/json' },
	});
	await res.arrayBuffer();
	return res.status !== 404;
}

/** An environment without the npm_config_* variables an `npm run` parent passes down. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key)) continue;
		if (key === 'NODE_OPTIONS' || key === 'TS_NODE_PROJECT') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}
