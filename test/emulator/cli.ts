/**
 * `npm run emulator [-- --port 3999 --host 127.0.0.1 --state FILE --latency MS --rate-limit N
 *   --webhook-version v0.1|v1 --api-type messages|sms --account-status-url URL
 *   --unauthorized-title TITLE --no-retry-after]`
 * Runs the Vonage emulator until Ctrl-C / SIGTERM. With --state, the account's credentials are kept in
 * FILE (created with mode 0600 on first run) so an n8n credential pointing here keeps working.
 * Prints the URL and the state file's path, never a secret.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startEmulator, type EmulatorCredentials, type EmulatorOptions } from './index';
import { isHttpUrl } from './http';
import { MESSAGING_API_TYPES, WEBHOOK_VERSIONS } from './types';
import { MESSAGES_401_TITLES, type Messages401Title } from './problems';

const CREDENTIAL_KEYS = [
	'apiKey',
	'apiSecret',
	'applicationId',
	'privateKey',
	'publicKey',
	'signatureSecret',
] as const;

function numberFlag(name: string, value: string | undefined, min: number): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min)
		throw new Error(`--${name} must be an integer >= ${min}, got "${value}"`);
	return n;
}

function choiceFlag<T extends string>(
	name: string,
	value: string | undefined,
	choices: readonly T[],
): T | undefined {
	if (value === undefined) return undefined;
	if (!choices.includes(value as T))
		throw new Error(`--${name} must be one of ${choices.join(', ')}, got "${value}"`);
	return value as T;
}

function urlFlag(name: string, value: string | undefined): string | undefined {
	if (value === undefined || isHttpUrl(value)) return value;
	throw new Error(`--${name} must be an http(s) URL, got "${value}"`);
}

/** --unauthorized-title: one of the recorded Messages API 401 titles (problems.ts). */
function titleFlag(value: string | undefined): Messages401Title | undefined {
	if (value === undefined) return undefined;
	if (!MESSAGES_401_TITLES.includes(value as Messages401Title)) {
		throw new Error(
			`--unauthorized-title must be one of ${MESSAGES_401_TITLES.map((t) => JSON.stringify(t)).join(', ')}, got "${value}"`,
		);
	}
	return value as Messages401Title;
}

/** The credentials kept in FILE; a file without all of them is an error (it is never overwritten). */
function loadCredentials(file: string): Partial<EmulatorCredentials> {
	const state = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	const missing = CREDENTIAL_KEYS.filter(
		(key) => typeof state[key] !== 'string' || state[key] === '',
	);
	if (missing.length > 0)
		throw new Error(`state file ${file} lacks ${missing.join(', ')}; delete it to start afresh`);
	return Object.fromEntries(
		CREDENTIAL_KEYS.map((key) => [key, state[key]]),
	) as Partial<EmulatorCredentials>;
}

function saveCredentials(file: string, credentials: EmulatorCredentials, url: string): void {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify({ ...credentials, baseUrl: url }, null, 2)}\n`, {
		mode: 0o600,
	});
	chmodSync(file, 0o600);
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '3999' },
			host: { type: 'string', default: '127.0.0.1' },
			state: { type: 'string' },
			latency: { type: 'string' },
			'rate-limit': { type: 'string' },
			'webhook-version': { type: 'string' },
			'api-type': { type: 'string' },
			'account-status-url': { type: 'string' },
			'unauthorized-title': { type: 'string' },
			'no-retry-after': { type: 'boolean' },
		},
	});
	const stateFile = values.state ? resolve(values.state) : undefined;
	const existing = stateFile !== undefined && existsSync(stateFile);
	const options: EmulatorOptions = {
		...(existing ? loadCredentials(stateFile) : {}),
		port: numberFlag('port', values.port, 0),
		host: values.host,
		latencyMs: numberFlag('latency', values.latency, 0),
		rateLimitPerSecond: numberFlag('rate-limit', values['rate-limit'], 1),
		webhookRetryDelaysMs: [5_000, 10_000, 20_000, 40_000, 80_000],
		statusDelayMs: 500,
		applicationWebhookVersion: choiceFlag(
			'webhook-version',
			values['webhook-version'],
			WEBHOOK_VERSIONS,
		),
		messagingApiType: choiceFlag('api-type', values['api-type'], MESSAGING_API_TYPES),
		accountStatusUrl: urlFlag('account-status-url', values['account-status-url']),
		logSkipped: true,
		unauthorizedTitle: titleFlag(values['unauthorized-title']),
		throttleRetryAfter: values['no-retry-after'] === true ? false : undefined,
	};
	const emulator = await startEmulator(options);
	if (stateFile && !existing) saveCredentials(stateFile, emulator.credentials, emulator.url);

	console.log(`Vonage emulator listening on ${emulator.url}`);
	console.log(
		`  API key ${emulator.credentials.apiKey}, application ${emulator.credentials.applicationId}`,
	);
	if (stateFile)
		console.log(`  credentials ${existing ? 'loaded from' : 'written to'} ${stateFile}`);
	console.log(
		`  control: GET ${emulator.url}/_emulator/state, POST ${emulator.url}/_emulator/inbound {"from","to","text"}`,
	);
	const {
		applicationWebhookVersion: version,
		messagingApiType: apiType,
		accountStatusUrl,
	} = emulator.options;
	console.log(
		`  account: Messaging API type ${apiType ?? 'messages'}, application webhook version ${version ?? 'unset (v1)'}, account-level status URL ${accountStatusUrl ?? 'unset'}`,
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`emulator: ${signal}, stopping`);
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(`emulator: ${error.message}`);
	process.exit(1);
});
