// Where the local n8n runtime lives and which versions it pins. Shared by install, dev, e2e and
// screenshot scripts. Everything is under <repo>/.n8n-dev/ (git-ignored), nothing global.
import * as path from 'node:path';

/** n8n release the package is tested against. n8n-core / n8n-workflow in devDependencies match it. */
export const N8N_VERSION = '2.41.1';

/** n8n 2.x needs Node >= 24. Installed from the npm registry's per-platform `node-<os>-<arch>` package. */
export const NODE_VERSION = '24.21.0';

/**
 * Native modules n8n needs at run time whose install scripts were skipped. sqlite3 (the database)
 * ships no binary and is compiled with node-gyp (about 2 minutes on 2 cores); isolated-vm (n8n 2.x
 * evaluates expressions in it by default) ships prebuilt binaries that its install step selects.
 */
export const NATIVE_MODULES = ['sqlite3', 'isolated-vm'] as const;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEV_DIR = path.join(REPO_ROOT, '.n8n-dev');
export const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? path.resolve(process.env.N8N_RUNTIME_DIR)
	: path.join(DEV_DIR, 'runtime');

export const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;
export const NODE_PACKAGE_DIR = path.join(RUNTIME_DIR, 'node_modules', NODE_PACKAGE);
export const NODE_BIN_DIR = path.join(NODE_PACKAGE_DIR, 'bin');
export const NODE_BIN = path.join(NODE_BIN_DIR, 'node');
export const N8N_BIN = path.join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
export const MARKER_FILE = path.join(RUNTIME_DIR, 'installed.json');
