// Where the local n8n runtimes live and which versions they pin. Shared by install, dev, e2e and
// screenshot scripts. Everything is under <repo>/.n8n-dev/ (git-ignored), nothing global.
//
// Two n8n lines are supported and tested: the pinned 2.x (default: `npm run dev`, the e2e suite) and
// the maintained 1.x line (`npm run test:e2e -- --n8n 1.x`). Each has its own install folder and its
// own committed lock (test/e2e/n8n/runtime/<line>/package-lock.json).
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DEV_DIR = path.join(REPO_ROOT, '.n8n-dev');

export type N8nLine = '2.x' | '1.x';
export const N8N_LINES: readonly N8nLine[] = ['2.x', '1.x'];

export interface Runtime {
	line: N8nLine;
	/** n8n release installed. For 2.x, n8n-core / n8n-workflow in devDependencies match it. */
	n8nVersion: string;
	/** Installed from the npm registry's per-platform `node-<os>-<arch>` package. */
	nodeVersion: string;
	/**
	 * Native modules n8n needs at run time whose install scripts were skipped. sqlite3 (the database)
	 * ships no binary and is compiled with node-gyp (about 2 minutes on 2 cores); isolated-vm (n8n 2.x
	 * evaluates expressions in it by default) ships prebuilt binaries that its install step selects.
	 */
	nativeModules: readonly string[];
	/** npm `overrides` of the runtime's package.json. */
	overrides: Record<string, string>;
	/** The committed lock of the whole tree. */
	lockFile: string;
	dir: string;
	nodePackage: string;
	nodePackageDir: string;
	nodeBinDir: string;
	nodeBin: string;
	n8nBin: string;
	markerFile: string;
}

const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

function runtimeAt(
	line: N8nLine,
	dir: string,
	spec: Pick<Runtime, 'n8nVersion' | 'nodeVersion' | 'nativeModules' | 'overrides'>,
): Runtime {
	const nodePackageDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
		line,
		...spec,
		lockFile: path.join(REPO_ROOT, 'test', 'e2e', 'n8n', 'runtime', line, 'package-lock.json'),
		dir,
		nodePackage: NODE_PACKAGE,
		nodePackageDir,
		nodeBinDir: path.join(nodePackageDir, 'bin'),
		nodeBin: path.join(nodePackageDir, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		markerFile: path.join(dir, 'installed.json'),
	};
}

function dirFromEnv(variable: string, fallback: string): string {
	const value = process.env[variable];
	return value ? path.resolve(value) : path.join(DEV_DIR, fallback);
}

/** The runtime of an n8n line. N8N_RUNTIME_DIR / N8N1_RUNTIME_DIR point at an existing install. */
export function runtimeFor(line: N8nLine = '2.x'): Runtime {
	if (line === '1.x') {
		return runtimeAt('1.x', dirFromEnv('N8N1_RUNTIME_DIR', 'runtime-1.x'), {
			n8nVersion: '1.123.81',
			// n8n 1.123 accepts Node 20.19 to 24.x; the same Node 24 as for 2.x keeps one toolchain.
			nodeVersion: '24.21.0',
			// the same two native modules (1.123's @n8n/expression-runtime depends on isolated-vm too)
			nativeModules: ['sqlite3', 'isolated-vm'],
			// n8n-nodes-base 1.x names a SheetJS tarball hosted outside the npm registry; the registry's
			// last xlsx release stands in for it (only the Spreadsheet File nodes use it).
			overrides: { xlsx: '0.18.5' },
		});
	}
	return runtimeAt('2.x', dirFromEnv('N8N_RUNTIME_DIR', 'runtime'), {
		n8nVersion: '2.41.1',
		nodeVersion: '24.21.0',
		nativeModules: ['sqlite3', 'isolated-vm'],
		overrides: {},
	});
}

export function parseLine(value: string | undefined): N8nLine {
	if (value === undefined || value === '' || value === '2' || value === '2.x') return '2.x';
	if (value === '1' || value === '1.x') return '1.x';
	throw new Error(`unknown n8n line "${value}": use 2.x or 1.x`);
}

/** The default runtime (2.x); kept as constants for the scripts that use only it. */
const DEFAULT = runtimeFor('2.x');
export const N8N_VERSION = DEFAULT.n8nVersion;
export const RUNTIME_DIR = DEFAULT.dir;
