// Checks that the local n8n works at all, with built-in nodes only: start it, publish a
// Webhook -> Code workflow, call its production URL, find the execution in the public API, stop.
//
//   node -r ts-node/register/transpile-only test/e2e/n8n/smoke.ts [--queue]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { stopAllOnSignals } from './proc';
import { N8nServer } from './server';

async function main(): Promise<void> {
	stopAllOnSignals();
	const mode = process.argv.includes('--queue') ? 'queue' : 'regular';
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-smoke-${mode}-`));
	const started = Date.now();
	const n8n = await N8nServer.start({ mode, userFolder });
	const up = Date.now();
	try {
		const workflow = await n8n.createWorkflow({
			name: 'smoke: webhook + code',
			nodes: [
				{
					parameters: { httpMethod: 'POST', path: 'smoke', responseMode: 'lastNode', options: {} },
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'a6f1c1a4-5b0e-4c55-9d1e-3c2b1d0e9f01',
				},
				{
					parameters: {
						jsCode: 'return [{ json: { answer: $input.first().json.body.value + 1 } }];',
					},
					name: 'Code',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
				},
			],
			connections: { Webhook: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
		});
		await n8n.publishWorkflow(workflow.id);
		const response = await n8n.callWebhook('smoke', { value: 41 });
		const answer = (response.json as { answer?: number } | undefined)?.answer;
		if (response.status !== 200 || answer !== 42) {
			throw new Error(`webhook answered ${response.status} ${response.text}`);
		}
		const [execution] = await n8n.waitForExecutions(workflow.id, 1);
		if (execution.status !== 'success')
			throw new Error(`execution ${execution.id} is ${execution.status}`);
		console.log(
			`smoke (${mode}): OK. start ${((up - started) / 1000).toFixed(1)} s, workflow round trip ${((Date.now() - up) / 1000).toFixed(1)} s`,
		);
	} finally {
		await n8n.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
