// `npm run dev`: real n8n with this package installed as a community node, the Vonage emulator, a
// ready credential and the example workflows. The examples that start from one of our triggers are
// published (n8n 1.x: activated), so they register on the emulator's application and run as the
// README tells; the others are imported for you to run. Runs until Ctrl-C, then stops everything.
//
//   node -r ts-node/register/transpile-only scripts/dev.ts [--port 5678] [--emulator-port 3999]
//        [--skip-build] [--no-publish]
//
// --no-publish: import the trigger examples without publishing them (those published in an earlier
// run are published again).
//
// Data lives in .n8n-dev/ (git-ignored): n8n's user folder (.n8n-dev/.n8n), the emulator state
// (.n8n-dev/emulator.json), logs (.n8n-dev/logs) and the n8n install (.n8n-dev/runtime). Delete
// .n8n-dev/.n8n to start over with an empty n8n.
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	buildPackage,
	installIntoUserFolder,
	missingDistFiles,
} from '../test/e2e/n8n/community-package';
import {
	startEmulator,
	vonageCredentialData,
	type EmulatorProcess,
} from '../test/e2e/emulator-process';
import { ensureInstalled } from '../test/e2e/n8n/install';
import { DEV_DIR, REPO_ROOT } from '../test/e2e/n8n/paths';
import { stopAll, stopAllOnSignals, waitFor } from '../test/e2e/n8n/proc';
import { N8nServer, type Workflow, type WorkflowInput } from '../test/e2e/n8n/server';

export const DEV_CREDENTIAL_NAME = 'Vonage (local emulator)';
export const CREDENTIAL_TYPE = 'vonageMessagesApi';
const PACKAGE_NAME = 'n8n-nodes-vonage-messages';

function argValue(name: string, fallback: string): string {
	const index = process.argv.indexOf(name);
	if (index >= 0 && process.argv[index + 1]) return process.argv[index + 1];
	const prefixed = process.argv.find((a) => a.startsWith(`${name}=`));
	return prefixed ? prefixed.slice(name.length + 1) : fallback;
}

interface NodeJson {
	type?: string;
	credentials?: Record<string, { id: string; name: string }>;
}

/** Points every vonageMessagesApi credential reference of a workflow at the given credential. */
export function useCredential(
	workflow: WorkflowInput,
	credential: { id: string; name: string },
): WorkflowInput {
	const nodes = (workflow.nodes as NodeJson[]).map((node) => {
		if (!node.credentials?.[CREDENTIAL_TYPE]) return node;
		return { ...node, credentials: { ...node.credentials, [CREDENTIAL_TYPE]: credential } };
	});
	return { ...workflow, nodes };
}

export interface DevEnvironment {
	n8n: N8nServer;
	emulator: EmulatorProcess;
	credential: { id: string; name: string };
	/** Example file name -> saved workflow. */
	workflows: Map<string, Workflow>;
	stop(): Promise<void>;
}

/**
 * Builds and installs the package into userFolder, starts the emulator and n8n, creates the
 * credential and imports the examples. Used by `npm run dev` and by the screenshots script.
 */
export async function startDevEnvironment(options: {
	userFolder: string;
	port: number;
	emulatorPort: number;
	build: boolean;
	/** Publish the examples that start from one of this package's triggers. */
	publish: boolean;
}): Promise<DevEnvironment> {
	const logDir = path.join(options.userFolder, 'logs');
	fs.mkdirSync(logDir, { recursive: true });

	await ensureInstalled();
	if (options.build) await buildPackage();
	const missing = missingDistFiles();
	if (missing.length > 0) console.warn(`[dev] warning: the build lacks ${missing.join(', ')}`);
	await installIntoUserFolder(options.userFolder);

	const emulator = await startEmulator({
		port: options.emulatorPort,
		statePath: path.join(options.userFolder, 'emulator.json'),
		logFile: path.join(logDir, 'emulator.log'),
	});
	console.log(`[dev] Vonage emulator at ${emulator.url} (state: ${emulator.statePath})`);

	let n8n: N8nServer;
	try {
		n8n = await N8nServer.start({ userFolder: options.userFolder, port: options.port, logDir });
	} catch (error) {
		await emulator.stop();
		throw error;
	}
	const stop = async () => {
		await n8n.stop();
		await emulator.stop();
	};
	try {
		const credentialId = await n8n.upsertCredential({
			name: DEV_CREDENTIAL_NAME,
			type: CREDENTIAL_TYPE,
			data: vonageCredentialData(emulator, 'jwt'),
		});
		const credential = { id: credentialId, name: DEV_CREDENTIAL_NAME };

		const workflows = new Map<string, Workflow>();
		const publishedBefore = new Set(
			(await n8n.listWorkflows()).filter((w) => w.active).map((w) => w.name),
		);
		const publishedTriggers = new Map<string, string>();
		const examplesDir = path.join(REPO_ROOT, 'examples');
		const examples = fs.existsSync(examplesDir)
			? fs
					.readdirSync(examplesDir)
					.filter((f) => f.endsWith('.json'))
					.sort()
			: [];
		for (const file of examples) {
			try {
				const input = JSON.parse(
					fs.readFileSync(path.join(examplesDir, file), 'utf8'),
				) as WorkflowInput;
				const saved = await n8n.upsertWorkflow(useCredential(input, credential));
				workflows.set(file, saved);
				let state = 'imported';
				const trigger = ourTrigger(saved);
				// one Vonage application has one Status URL and one Inbound URL: the first example of each
				// trigger (in file order) is published, the others stay imported for you to switch to
				const holder = trigger ? publishedTriggers.get(trigger) : undefined;
				if (holder && options.publish) {
					state = `imported (not published: the application's ${trigger} URL is for "${holder}")`;
				} else if ((options.publish && trigger) || publishedBefore.has(saved.name)) {
					if (trigger) publishedTriggers.set(trigger, saved.name);
					try {
						await n8n.publishWorkflow(saved.id);
						await waitForRegistration(emulator, saved);
						state = 'published';
					} catch (error) {
						state = `imported (publish failed: ${(error as Error).message.split('\n')[0]})`;
					}
				}
				console.log(
					`[dev] ${file}: ${state} as "${saved.name}" (${n8n.baseUrl}/workflow/${saved.id})`,
				);
			} catch (error) {
				console.warn(`[dev] ${file}: not imported: ${(error as Error).message.split('\n')[0]}`);
			}
		}
		return { n8n, emulator, credential, workflows, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The node type of this package's trigger the workflow starts from, if any (then it can be published). */
export function ourTrigger(workflow: WorkflowInput): string | undefined {
	return (workflow.nodes as Array<{ type?: string }>)
		.map((n) => n.type ?? '')
		.find((type) => type.startsWith(`${PACKAGE_NAME}.`) && type.endsWith('Trigger'))
		?.slice(PACKAGE_NAME.length + 1)
		.replace(/^vonageMessages(\w+)Trigger$/, (_, kind: string) => kind.toLowerCase());
}

/**
 * Publishing returns before n8n has run the triggers' registration on the Vonage application; the
 * next publish must wait for it, or two registrations could overwrite each other's change.
 */
export async function waitForRegistration(
	emulator: EmulatorProcess,
	workflow: Workflow,
): Promise<void> {
	const webhookIds = (
		workflow.nodes as Array<{
			type?: string;
			webhookId?: string;
			parameters?: { registration?: string };
		}>
	)
		.filter(
			(n) =>
				// only triggers register: n8n gives the Messages node a webhookId too (send-and-wait resumes)
				n.type?.startsWith(`${PACKAGE_NAME}.`) &&
				n.type.endsWith('Trigger') &&
				n.webhookId &&
				n.parameters?.registration !== 'manual',
		)
		.map((n) => n.webhookId as string);
	if (webhookIds.length === 0) return;
	await waitFor(
		`the Vonage application to point at ${workflow.name}`,
		async () => {
			const res = await fetch(`${emulator.url}/_emulator/state`);
			const text = await res.text();
			return webhookIds.every((id) => text.includes(id)) ? true : undefined;
		},
		15_000,
		200,
	).catch((error: Error) => console.warn(`[dev] ${error.message}`));
}

async function main(): Promise<void> {
	stopAllOnSignals();
	const started = Date.now();
	const env = await startDevEnvironment({
		userFolder: DEV_DIR,
		port: Number(argValue('--port', process.env.N8N_PORT ?? '5678')),
		emulatorPort: Number(argValue('--emulator-port', '3999')),
		build: !process.argv.includes('--skip-build'),
		publish: !process.argv.includes('--no-publish'),
	});
	const { n8n, emulator } = env;
	console.log(
		[
			'',
			`n8n ${n8n.baseUrl} is ready (${((Date.now() - started) / 1000).toFixed(0)} s)`,
			`  log in:     ${n8n.owner.email} / ${n8n.owner.password}`,
			`  credential: "${DEV_CREDENTIAL_NAME}" (JWT) points at the emulator ${emulator.url}`,
			`  inbound:    curl -X POST ${emulator.url}/_emulator/inbound -H 'content-type: application/json' \\`,
			`                -d '{"from":"447700900123","to":"447700900001","text":"hello"}'`,
			`  logs:       ${n8n.logDir}`,
			'Ctrl-C stops n8n and the emulator.',
		].join('\n'),
	);
	// keep running until a signal; stopAllOnSignals stops n8n and the emulator
	await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
}

if (require.main === module) {
	main().catch(async (error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		await stopAll();
		process.exit(1);
	});
}
