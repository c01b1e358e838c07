// `npm run test:first-run`: the README's "Try it without a Vonage account", walked as a new user
// would: a fresh clone of this repository (its committed HEAD), `npm ci`, `npm run dev`, then the
// story the README tells, checked through n8n's and the emulator's HTTP interfaces:
//   - the trigger examples are published;
//   - running "Vonage: send SMS to customers" sends its messages, and the status workflow fires for
//     each one as the emulator reports it;
//   - the README's inbound `curl`, run as written, starts the reply bot and its reply is sent;
//   - Ctrl-C stops n8n and the emulator.
// n8n itself is not installed again: the clone's `npm run dev` uses this checkout's runtime
// (N8N_RUNTIME_DIR, installed here first when missing). Prints one line per check and ends with
// "N passed, N failed".
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { EmulatorClient } from './emulator-client';
import { readEmulatorCredentials } from './emulator-process';
import { N8nHttp } from './n8n/http';
import { ensureInstalled } from './n8n/install';
import { REPO_ROOT, runtimeFor } from './n8n/paths';
import {
	cleanEnv,
	freePort,
	isPortFree,
	run,
	startService,
	stopAll,
	stopAllOnSignals,
	tail,
	waitFor,
	type Service,
} from './n8n/proc';
import type { Execution, Workflow } from './n8n/types';
import { listExecutions } from './n8n/webhooks';

const SEND_WORKFLOW = 'Vonage: send SMS to customers';

const results: Array<{ name: string; ok: boolean }> = [];
async function check<T>(name: string, body: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		const value = await body();
		results.push({ name, ok: true });
		console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		return value;
	} catch (error) {
		results.push({ name, ok: false });
		console.log(
			`  FAIL  ${name}\n        ${(error as Error).message.split('\n').join('\n        ')}`,
		);
		throw error;
	}
}

/** The README's inbound curl command (the shell block after "Send yourself an inbound SMS"). */
function readmeCurl(readme: string): string {
	const block = /Send yourself an inbound SMS[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme);
	if (!block)
		throw new Error('README has no inbound curl block after "Send yourself an inbound SMS"');
	return block[1].replace(/\\\n\s*/g, ' ').trim();
}

function workflowNamed(workflows: Workflow[], name: string): Workflow {
	const found = workflows.find((w) => w.name === name);
	if (!found)
		throw new Error(`no workflow "${name}" (have: ${workflows.map((w) => w.name).join(', ')})`);
	return found;
}

/** Items a node output in an execution (first run, all outputs). */
function nodeItems(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((r) =>
		(r.data?.main ?? []).flatMap((items) => (items ?? []).map((i) => i.json)),
	);
}

async function finished(
	http: N8nHttp,
	workflowId: string,
	count: number,
	timeoutMs = 60_000,
): Promise<Execution[]> {
	return await waitFor(
		`${count} finished execution(s) of workflow ${workflowId}`,
		async () => {
			const done = (await listExecutions(http, { workflowId })).filter(
				(e) => e.stoppedAt !== null && e.status !== 'running',
			);
			return done.length >= count ? done : undefined;
		},
		timeoutMs,
		500,
	);
}

async function walk(clone: string, dev: { service?: Service }): Promise<void> {
	await check('fresh clone: npm ci', async () => {
		await run('git', ['clone', '--quiet', REPO_ROOT, clone]);
		await run('npm', ['ci', '--no-audit', '--no-fund'], {
			cwd: clone,
			env: cleanEnv(),
			timeoutMs: 900_000,
		});
	});

	// The README's ports; others only when something here already holds them.
	const port = (await isPortFree(5678)) ? 5678 : await freePort();
	const emulatorPort = (await isPortFree(3999)) ? 3999 : await freePort();
	const args =
		port === 5678 && emulatorPort === 3999
			? []
			: ['--', '--port', String(port), '--emulator-port', String(emulatorPort)];
	const logFile = path.join(clone, 'npm-run-dev.log');
	const { editorUrl, login } = await check(
		`npm run dev ${args.join(' ')}: ready, prints the editor URL and a login`,
		async () => {
			fs.writeFileSync(logFile, '');
			dev.service = startService('npm-run-dev', 'npm', ['run', 'dev', ...args], {
				cwd: clone,
				env: cleanEnv({ N8N_RUNTIME_DIR: runtimeFor('2.x').dir }),
				logFile,
			});
			const service = dev.service;
			return await waitFor(
				'npm run dev to print "is ready"',
				async () => {
					const log = fs.readFileSync(logFile, 'utf8');
					if (service.child.exitCode !== null)
						throw new Error(`npm run dev exited with ${service.child.exitCode}\n${tail(log)}`);
					const ready = /n8n (http:\/\/\S+) is ready/.exec(log);
					const credentials = /log in:\s+(\S+) \/ (\S+)/.exec(log);
					return ready && credentials
						? { editorUrl: ready[1], login: { email: credentials[1], password: credentials[2] } }
						: undefined;
				},
				600_000,
				1000,
			).catch((error: Error) => {
				throw new Error(`${error.message}\n${tail(fs.readFileSync(logFile, 'utf8'))}`);
			});
		},
	);

	const http = new N8nHttp();
	http.baseUrl = editorUrl;
	await http.login({ ...login, firstName: '', lastName: '' });
	await http.createApiKey();
	const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
	const emulator = new EmulatorClient(
		emulatorUrl,
		readEmulatorCredentials(path.join(clone, '.n8n-dev', 'emulator.json')),
	);
	// the workflows the README names
	const statusName = 'Vonage: branch on delivery status';
	const replyName = 'Vonage: reply bot';

	const workflows = await check('the trigger examples are published', async () => {
		const all = await http.listAll<Workflow>('/workflows');
		const inactive = [statusName, replyName].filter((name) => !workflowNamed(all, name).active);
		if (inactive.length > 0) throw new Error(`not published: ${inactive.join(', ')}`);
		return all;
	});
	const statusWorkflow = workflowNamed(workflows, statusName);
	const replyWorkflow = workflowNamed(workflows, replyName);

	const sent = await check(`running "${SEND_WORKFLOW}" sends its messages`, async () => {
		const send = workflowNamed(workflows, SEND_WORKFLOW);
		const trigger = (send.nodes as Array<{ name: string; type: string }>).find(
			(n) => n.type === 'n8n-nodes-base.manualTrigger',
		);
		if (!trigger) throw new Error(`${SEND_WORKFLOW} has no manual trigger`);
		// what the editor's "Execute workflow" button sends
		await http.rest('POST', `/workflows/${send.id}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		const [execution] = await finished(http, send.id, 1);
		if (execution.status !== 'success')
			throw new Error(`execution ${execution.id} ended ${execution.status}`);
		const uuids = nodeItems(execution, 'Send SMS').map((item) => String(item.message_uuid));
		if (uuids.length === 0) throw new Error('Send SMS output no message_uuid');
		return uuids;
	});

	await check(
		`the status workflow fires as the emulator reports each of the ${sent.length} messages`,
		async () => {
			await waitFor(
				'a status execution for every message sent',
				async () => {
					const executions = (await listExecutions(http, { workflowId: statusWorkflow.id })).filter(
						(e) => e.status === 'success',
					);
					const seen = new Set(
						executions.flatMap((e) =>
							nodeItems(e, 'Message Status').map((item) => String(item.message_uuid)),
						),
					);
					return sent.every((uuid) => seen.has(uuid)) ? true : undefined;
				},
				60_000,
				500,
			);
		},
	);

	await check("the README's inbound curl starts the reply bot, and the reply is sent", async () => {
		const readme = fs.readFileSync(path.join(clone, 'README.md'), 'utf8');
		const curl = readmeCurl(readme).replace('http://127.0.0.1:3999', emulatorUrl);
		const from = /"from":"(\d+)"/.exec(curl)?.[1];
		if (!from) throw new Error(`cannot find the sender in: ${curl}`);
		// the emulator answers with its delivery record: n8n's HTTP status, or why nothing was delivered
		const answer = await run('sh', ['-c', curl], { timeoutMs: 60_000 });
		const delivery = JSON.parse(answer.stdout) as { status?: number; error?: string };
		if (delivery.status !== 200)
			throw new Error(`the inbound webhook was not delivered: ${answer.stdout}`);
		const [execution] = await finished(http, replyWorkflow.id, 1);
		if (execution.status !== 'success')
			throw new Error(`reply bot execution ${execution.id} ended ${execution.status}`);
		await waitFor(
			`a reply to ${from}`,
			async () => ((await emulator.messages()).some((m) => m.to === from) ? true : undefined),
			30_000,
			500,
		);
	});

	await check('Ctrl-C stops n8n and the emulator', async () => {
		const service = dev.service!;
		process.kill(-service.child.pid!, 'SIGINT');
		await waitFor(
			'npm run dev to exit',
			async () =>
				service.child.exitCode !== null || service.child.signalCode !== null ? true : undefined,
			60_000,
			250,
		);
		await waitFor(
			'ports to be free',
			async () => ((await isPortFree(port)) && (await isPortFree(emulatorPort)) ? true : undefined),
			30_000,
			250,
		);
	});
}

async function main(): Promise<void> {
	stopAllOnSignals();
	const started = Date.now();
	await ensureInstalled({ runtime: runtimeFor('2.x') });
	const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-first-run-'));
	console.log(`first run, as the README tells it, in ${clone}`);
	const dev: { service?: Service } = {};
	try {
		await walk(clone, dev);
	} catch {
		// reported by check(); the remaining steps depend on the failed one
	} finally {
		await dev.service?.stop();
		await stopAll();
		fs.rmSync(clone, { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok).length;
	console.log(`first run: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
	console.log(`${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

main()
	.catch((error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	})
	.finally(() => setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref());
