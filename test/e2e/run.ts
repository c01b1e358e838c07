// `npm run test:e2e`: the end-to-end suite in real n8n. For each mode (regular: one n8n process
// with SQLite; queue: main + worker + webhook processor with Redis and PostgreSQL) it installs the
// packed package as a community node into a fresh n8n user folder, starts the Vonage emulator and
// n8n, creates JWT and Basic credentials and runs the scenarios in scenarios.ts.
//
//   node -r ts-node/register/transpile-only test/e2e/run.ts [--mode regular|queue|both]
//        [--n8n 2.x|1.x] [--skip-build] [--only <text in scenario name>]
//
// --n8n picks the n8n line (test/e2e/n8n/paths.ts): the pinned 2.x (default) or the maintained 1.x,
// installed into its own runtime folder on first use.
// Prints one line per scenario and ends with "N passed, N failed"; exits 1 when any failed.
// Logs of each mode stay in .n8n-dev/e2e/<mode>/logs (n8n 1.x: .n8n-dev/e2e/1.x-<mode>/logs).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { buildPackage, installIntoUserFolder, missingDistFiles } from './n8n/community-package';
import { startEmulator, vonageCredentialData, type EmulatorProcess } from './emulator-process';
import { ensureInstalled } from './n8n/install';
import { DEV_DIR, parseLine, runtimeFor, type Runtime } from './n8n/paths';
import { freePort, stopAll, stopAllOnSignals } from './n8n/proc';
import { N8nServer, type N8nMode } from './n8n/server';
import { EmulatorClient } from './emulator-client';
import { scenarios, type Context } from './scenarios';
import { CREDENTIAL_TYPE } from './workflows';

interface Result {
	mode: N8nMode;
	name: string;
	ok: boolean;
	ms: number;
	error?: string;
}

function arg(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	if (index >= 0) return process.argv[index + 1];
	const prefixed = process.argv.find((a) => a.startsWith(`${name}=`));
	return prefixed?.slice(name.length + 1);
}

function seconds(ms: number): string {
	return (ms / 1000).toFixed(1);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: timed out after ${seconds(ms)} s`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

let skipped = 0;

async function runMode(
	mode: N8nMode,
	runtime: Runtime,
	only: string | undefined,
): Promise<Result[]> {
	const named = scenarios.filter((s) => !only || s.name.includes(only));
	const selected = named.filter((s) => !s.n8nLines || s.n8nLines.includes(runtime.line));
	for (const s of named.filter((n) => !selected.includes(n))) {
		skipped++;
		console.log(`  skip  ${s.name} (n8n ${s.n8nLines?.join(', ')} only)`);
	}
	const started = Date.now();
	const workDir = path.join(
		DEV_DIR,
		'e2e',
		runtime.line === '2.x' ? mode : `${runtime.line}-${mode}`,
	);
	fs.rmSync(workDir, { recursive: true, force: true });
	const logDir = path.join(workDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	console.log(`\n=== ${mode} mode, n8n ${runtime.n8nVersion} (logs: ${logDir})`);

	let emulator: EmulatorProcess | undefined;
	let n8n: N8nServer | undefined;
	let current: Context | undefined; // a scenario may restart n8n (ctx.n8n is then another server)
	const results: Result[] = [];
	try {
		let ctx: Context;
		try {
			await installIntoUserFolder(workDir);
			emulator = await startEmulator({
				port: await freePort(),
				statePath: path.join(workDir, 'emulator.json'),
				logFile: path.join(logDir, 'emulator.log'),
			});
			n8n = await N8nServer.start({ mode, runtime, userFolder: workDir, logDir });
			const credential = async (auth: 'jwt' | 'basic') => {
				const name = `e2e ${auth === 'jwt' ? 'JWT' : 'Basic'} (emulator)`;
				const id = await n8n!.createCredential({
					name,
					type: CREDENTIAL_TYPE,
					data: vonageCredentialData(emulator!, auth),
				});
				return { id, name };
			};
			ctx = {
				mode,
				n8n,
				emulator: new EmulatorClient(emulator.url, emulator.credentials),
				credentials: { jwt: await credential('jwt'), basic: await credential('basic') },
				sendWorkflows: {},
			};
			current = ctx;
			console.log(`setup: ${seconds(Date.now() - started)} s`);
		} catch (error) {
			const message = (error as Error).message;
			console.log(`setup FAILED: ${message}`);
			return selected.map((s) => ({
				mode,
				name: s.name,
				ok: false,
				ms: 0,
				error: `setup failed: ${message.split('\n')[0]}`,
			}));
		}

		for (const scenario of selected) {
			const t = Date.now();
			try {
				await withTimeout(scenario.run(ctx), scenario.timeoutMs, scenario.name);
				results.push({ mode, name: scenario.name, ok: true, ms: Date.now() - t });
				console.log(`  ok    ${scenario.name} (${seconds(Date.now() - t)} s)`);
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				results.push({ mode, name: scenario.name, ok: false, ms: Date.now() - t, error: message });
				console.log(
					`  FAIL  ${scenario.name} (${seconds(Date.now() - t)} s)\n        ${message.split('\n').join('\n        ')}`,
				);
			}
		}
		return results;
	} finally {
		await n8n?.stop();
		if (current && current.n8n !== n8n) await current.n8n.stop();
		await emulator?.stop();
		console.log(`=== ${mode} mode: ${seconds(Date.now() - started)} s wall`);
	}
}

async function main(): Promise<void> {
	stopAllOnSignals();
	const started = Date.now();
	const modeArg = arg('--mode') ?? 'both';
	const modes: N8nMode[] = modeArg === 'both' ? ['regular', 'queue'] : [modeArg as N8nMode];
	if (!modes.every((m) => m === 'regular' || m === 'queue'))
		throw new Error(`--mode must be regular, queue or both`);
	const only = arg('--only');
	const runtime = runtimeFor(parseLine(arg('--n8n')));

	await ensureInstalled({ runtime });
	if (!process.argv.includes('--skip-build') && process.env.E2E_SKIP_BUILD !== '1')
		await buildPackage();
	const missing = missingDistFiles();
	if (missing.length > 0)
		console.log(`warning: the build lacks ${missing.join(', ')}; scenarios using them will fail`);

	const results: Result[] = [];
	for (const mode of modes) results.push(...(await runMode(mode, runtime, only)));

	const failed = results.filter((r) => !r.ok);
	if (failed.length > 0) {
		console.log('\nFailed:');
		for (const r of failed)
			console.log(`  [${r.mode}] ${r.name}: ${(r.error ?? '').split('\n')[0]}`);
	}
	console.log(`\ne2e wall time: ${seconds(Date.now() - started)} s`);
	console.log(
		`${results.length - failed.length} passed, ${failed.length} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
	);
	process.exitCode = failed.length > 0 ? 1 : 0;
}

main()
	.catch(async (error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		await stopAll();
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	})
	.finally(() => {
		// nothing of ours may keep the process alive (keep-alive sockets, timers)
		setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
	});
