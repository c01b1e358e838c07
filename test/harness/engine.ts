// Boots the parts of n8n-core's dependency-injection container that the execution engine needs
// when it runs outside the n8n CLI. Everything here is real n8n-core code; the harness only
// supplies what `n8n start` would normally supply from its environment and database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Cipher, EncryptionKeyProxy, InstanceSettings, type KeyInfo } from 'n8n-core';

// n8n-core carries its own copy of @n8n/di (the copy at the top of node_modules is an older
// version pulled in by other tooling). The container keeps its registry in module scope, so we
// must talk to the very copy n8n-core resolves, or `Container.get(Cipher)` inside n8n-core would
// not see what we register here.
const coreRequire = createRequire(require.resolve('n8n-core'));
type DiModule = typeof import('@n8n/di');
type NetworkModule = { parseIncomingMessage: (message: object) => void };
export const { Container } = coreRequire('@n8n/di') as DiModule;
/** n8n's own content-type parser, as used by the CLI's `rawBodyReader` middleware. */
export const { parseIncomingMessage } = coreRequire('@n8n/backend-network') as NetworkModule;

let booted = false;

/**
 * Idempotent. Must run before n8n-core's `InstanceSettings` is first resolved, because that
 * service reads its configuration from the environment when the container builds it:
 * - N8N_USER_FOLDER: a fresh temp dir, so the settings file n8n writes never touches ~/.n8n
 * - N8N_ENCRYPTION_KEY: a random per-process key (what `n8n start` would generate on first run)
 * - N8N_LOG_LEVEL: silent unless the caller set one (the engine logs every node error)
 */
export function bootEngine(): void {
	if (booted) return;
	booted = true;
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('base64');
	process.env.N8N_LOG_LEVEL ??= 'silent';

	// (n8n-core's config classes read the environment when first resolved, not at import time.)
	const cipher = Container.get(Cipher);
	const instanceSettings = Container.get(InstanceSettings);

	// The CLI wires its KeyManagerService into the proxy at boot (EncryptionBootstrapService).
	// With key rotation off (the default), KeyManagerService hands out the "legacy" descriptor:
	// the instance key itself, wrapped with the instance key, AES-256-CBC, without a key-id
	// prefix. That is exactly what we provide, so ciphertext looks like what n8n stores today.
	let legacy: KeyInfo | undefined;
	const legacyKey = (): KeyInfo =>
		(legacy ??= {
			id: 'instance-key',
			value: cipher.encryptDEKWithInstanceKey(instanceSettings.encryptionKey),
			algorithm: 'aes-256-cbc',
			format: 'no-prefix',
		});
	Container.get(EncryptionKeyProxy).setProvider({
		getActiveKey: async () => legacyKey(),
		getLegacyKey: async () => legacyKey(),
		getKeyById: async (id) => (id === 'instance-key' ? legacyKey() : null),
	});
}

type LogLevel = 'error' | 'warn' | 'info' | 'debug';
type LoggerLike = Record<LogLevel, (message: string, meta?: object) => void>;

/**
 * Records what nodes log through `this.logger` (n8n-core hands them the container's Logger, which
 * n8n writes to its log): wraps that logger's methods until `restore()`.
 */
export function captureLogs(): {
	lines: Array<{ level: LogLevel; message: string }>;
	restore(): void;
} {
	bootEngine();
	const { Logger } = coreRequire('@n8n/backend-common') as { Logger: unknown };
	const logger = Container.get(Logger as new () => LoggerLike);
	const lines: Array<{ level: LogLevel; message: string }> = [];
	const originals = new Map<LogLevel, LoggerLike[LogLevel]>();
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		originals.set(level, logger[level]);
		logger[level] = (message: string) => void lines.push({ level, message });
	}
	return {
		lines,
		restore: () => {
			for (const [level, original] of originals) logger[level] = original;
		},
	};
}
