// Starts the repository's Vonage emulator (test/emulator/cli.ts) as a separate process and reads
// the credentials it keeps in its state file.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { EmulatorCredentials as EmulatorAccount } from '../emulator/types';
import { REPO_ROOT } from './n8n/paths';
import { cleanEnv, startService, tail, waitFor, type Service } from './n8n/proc';

/** The emulator's credentials (test/emulator/types.ts) as the suite reads them from its state file: no public key. */
export type EmulatorCredentials = Omit<EmulatorAccount, 'publicKey'>;

export interface EmulatorProcess {
	url: string;
	statePath: string;
	credentials: EmulatorCredentials;
	service: Service;
	stop(): Promise<void>;
}

export const EMULATOR_CLI = path.join(REPO_ROOT, 'test', 'emulator', 'cli.ts');

function pickString(sources: Array<Record<string, unknown> | undefined>, keys: string[]): string {
	for (const source of sources) {
		if (!source) continue;
		for (const key of keys) {
			const value = source[key];
			if (typeof value === 'string' && value !== '') return value;
		}
	}
	return '';
}

/** Reads the credentials from the emulator's state file (top level, or under "credentials"/"account"). */
export function readEmulatorCredentials(statePath: string): EmulatorCredentials {
	const state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as Record<string, unknown>;
	const nested = (key: string) =>
		typeof state[key] === 'object' && state[key] !== null
			? (state[key] as Record<string, unknown>)
			: undefined;
	const sources = [nested('credentials'), nested('account'), nested('application'), state];
	const credentials: EmulatorCredentials = {
		apiKey: pickString(sources, ['apiKey', 'api_key']),
		apiSecret: pickString(sources, ['apiSecret', 'api_secret']),
		applicationId: pickString(sources, ['applicationId', 'application_id', 'id']),
		privateKey: pickString(sources, ['privateKey', 'private_key']),
		signatureSecret: pickString(sources, ['signatureSecret', 'signature_secret']),
	};
	const missing = Object.entries(credentials)
		.filter(([, v]) => v === '')
		.map(([k]) => k);
	if (missing.length > 0)
		throw new Error(`emulator state ${statePath} lacks ${missing.join(', ')}`);
	return credentials;
}

/** The credential data for n8n's `vonageMessagesApi` credential type. */
export function vonageCredentialData(
	emulator: Pick<EmulatorProcess, 'url' | 'credentials'>,
	authType: 'jwt' | 'basic',
): Record<string, string> {
	return {
		authType,
		apiKey: emulator.credentials.apiKey,
		apiSecret: emulator.credentials.apiSecret,
		applicationId: emulator.credentials.applicationId,
		// the dialog shows Private Key only for JWT (n8n 1.x's public API refuses it otherwise)
		...(authType === 'jwt' ? { privateKey: emulator.credentials.privateKey } : {}),
		signatureSecret: emulator.credentials.signatureSecret,
		baseUrl: emulator.url,
	};
}

/** Starts `test/emulator/cli.ts --port <port> --state <statePath>` and waits until it serves. */
export async function startEmulator(options: {
	port: number;
	statePath: string;
	logFile: string;
	extraArgs?: string[];
}): Promise<EmulatorProcess> {
	if (!fs.existsSync(EMULATOR_CLI))
		throw new Error(`the emulator CLI ${EMULATOR_CLI} does not exist (yet)`);
	fs.mkdirSync(path.dirname(options.statePath), { recursive: true });
	fs.writeFileSync(options.logFile, '');
	const service = startService(
		'emulator',
		process.execPath,
		[
			'-r',
			'ts-node/register/transpile-only',
			EMULATOR_CLI,
			'--port',
			String(options.port),
			'--state',
			options.statePath,
			...(options.extraArgs ?? []),
		],
		{ cwd: REPO_ROOT, env: cleanEnv(), logFile: options.logFile },
	);
	const fallbackUrl = `http://127.0.0.1:${options.port}`;
	try {
		const url = await waitFor(
			`the emulator on port ${options.port}`,
			async () => {
				if (service.child.exitCode !== null)
					throw new Error(`emulator exited with ${service.child.exitCode}`);
				const printed = /https?:\/\/(?:127\.0\.0\.1|localhost):\d+/.exec(
					fs.readFileSync(options.logFile, 'utf8'),
				);
				const url = printed ? printed[0].replace('localhost', '127.0.0.1') : fallbackUrl;
				const res = await fetch(`${url}/_emulator/state`).catch(() => undefined);
				return res?.ok && fs.existsSync(options.statePath) ? url : undefined;
			},
			30_000,
			200,
		);
		return {
			url,
			statePath: options.statePath,
			credentials: readEmulatorCredentials(options.statePath),
			service,
			stop: async () => await service.stop(),
		};
	} catch (error) {
		await service.stop();
		const log = fs.existsSync(options.logFile) ? fs.readFileSync(options.logFile, 'utf8') : '';
		throw new Error(`${(error as Error).message}\n--- ${options.logFile} ---\n${tail(log)}`);
	}
}
