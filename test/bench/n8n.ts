// The real n8n the receive and shared-limit parts run against, started the way the e2e suite starts
// it (packed package installed as a community node into a fresh user folder, SQLite, the emulator in
// its own process), through N8nServer's public methods only.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { buildPackage, installIntoUserFolder } from '../e2e/n8n/community-package';
import { startEmulator, vonageCredentialData, type EmulatorProcess } from '../e2e/emulator-process';
import { ensureInstalled } from '../e2e/n8n/install';
import { DEV_DIR } from '../e2e/n8n/paths';
import { freePort } from '../e2e/n8n/proc';
import { N8nServer, type Workflow, type WorkflowInput } from '../e2e/n8n/server';
import { CREDENTIAL_TYPE, type CredentialRef } from '../e2e/workflows';
import { PROFILE_HOOK } from './profile';

export interface BenchN8n {
	n8n: N8nServer;
	emulator: EmulatorProcess;
	dir: string;
	/** Process id of n8n's main process (what serves webhooks and runs executions in regular mode). */
	mainPid?: number;
	vonage(
		auth: 'jwt' | 'basic',
		overrides?: Record<string, string>,
		name?: string,
	): Promise<CredentialRef>;
	publish(input: WorkflowInput): Promise<Workflow>;
	stop(): Promise<void>;
}

export async function startBenchN8n(options: {
	skipBuild: boolean;
	profile: boolean;
	emulatorArgs?: string[];
	env?: Record<string, string>;
}): Promise<BenchN8n> {
	await ensureInstalled({ quiet: true });
	if (!options.skipBuild) await buildPackage();
	const dir = path.join(DEV_DIR, 'bench', 'n8n');
	fs.rmSync(dir, { recursive: true, force: true });
	const logDir = path.join(dir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	await installIntoUserFolder(dir);
	const emulator = await startEmulator({
		port: await freePort(),
		statePath: path.join(dir, 'emulator.json'),
		logFile: path.join(logDir, 'emulator.log'),
		extraArgs: options.emulatorArgs,
	});
	let n8n: N8nServer | undefined;
	try {
		n8n = await N8nServer.start({
			mode: 'regular',
			userFolder: dir,
			logDir,
			env: {
				...options.env,
				...(options.profile
					? {
							NODE_OPTIONS: `--require ${PROFILE_HOOK}`,
							BENCH_PROFILE_DIR: path.join(dir, 'profiles'),
						}
					: {}),
			},
		});
	} finally {
		if (!n8n) await emulator.stop();
	}
	const server = n8n;
	const mainPid = (
		server as unknown as { processes?: Array<{ name: string; child?: { pid?: number } }> }
	).processes?.find((p) => p.name === 'n8n-main')?.child?.pid;
	let credentials = 0;
	return {
		n8n: server,
		emulator,
		dir,
		mainPid,
		async vonage(auth, overrides = {}, name) {
			const credentialName = name ?? `bench ${auth} ${++credentials}`;
			const id = await server.createCredential({
				name: credentialName,
				type: CREDENTIAL_TYPE,
				data: { ...vonageCredentialData(emulator, auth), ...overrides },
			});
			return { id, name: credentialName };
		},
		async publish(input) {
			const workflow = await server.createWorkflow(input);
			await server.publishWorkflow(workflow.id);
			return workflow;
		},
		async stop() {
			await server.stop();
			await emulator.stop();
		},
	};
}
