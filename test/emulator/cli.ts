/**
 * `npm run emulator [-- --port 3999 --host 127.0.0.1 --state FILE --latency MS --rate-limit N]`
 * Runs the Vonage emulator until Ctrl-C. With --state, the account's credentials are kept in FILE
 * (created with mode 0600 on first run) so an n8n credential pointing here keeps working.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startEmulator, type EmulatorCredentials } from './index';

const { values } = parseArgs({
	options: {
		port: { type: 'string', default: '3999' },
		host: { type: 'string', default: '127.0.0.1' },
		state: { type: 'string' },
		latency: { type: 'string' },
		'rate-limit': { type: 'string' },
	},
});

function loadState(file: string | undefined): Partial<EmulatorCredentials> {
	if (!file || !existsSync(file)) return {};
	return JSON.parse(readFileSync(file, 'utf8')) as EmulatorCredentials;
}

async function main() {
	const stateFile = values.state ? resolve(values.state) : undefined;
	const emulator = await startEmulator({
		...loadState(stateFile),
		port: Number(values.port),
		host: values.host,
		latencyMs: values.latency ? Number(values.latency) : undefined,
		rateLimitPerSecond: values['rate-limit'] ? Number(values['rate-limit']) : undefined,
		webhookRetryDelaysMs: [5000, 10000, 20000, 40000],
		statusDelayMs: 500,
	});
	if (stateFile && !existsSync(stateFile)) {
		mkdirSync(dirname(stateFile), { recursive: true });
		writeFileSync(stateFile, JSON.stringify({ ...emulator.credentials, baseUrl: emulator.url }, null, 2), { mode: 0o600 });
	}
	console.log(`Vonage emulator listening on ${emulator.url}`);
	console.log(`  API key ${emulator.credentials.apiKey}, application ${emulator.credentials.applicationId}`);
	if (stateFile) console.log(`  secrets and private key in ${stateFile}`);
	console.log(`  control: GET ${emulator.url}/_emulator/state, POST ${emulator.url}/_emulator/inbound {"from","to","text"}`);
	const stop = async () => {
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	console.error(`emulator: ${error.message}`);
	process.exit(1);
});
