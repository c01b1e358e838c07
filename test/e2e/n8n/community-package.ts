// Builds this repository's package and installs it into an n8n user folder as a community node
// package, the way n8n 2.x installs one from the registry: `npm pack`, unpack into
// <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies from its
// package.json, install its runtime dependencies, record it in nodes/package.json. n8n loads every
// package found there at start-up. So n8n runs exactly the files a user would get from npm.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { REPO_ROOT } from './paths';
import { cleanEnv, run } from './proc';

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

export function readRepoPackage(): PackageJson {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** `npm run build` in the repository (tsc + icons into dist/). */
export async function buildPackage(): Promise<void> {
	const started = Date.now();
	console.log('[package] npm run build');
	await run('npm', ['run', 'build'], { cwd: REPO_ROOT, env: cleanEnv(), timeoutMs: 300_000 });
	console.log(`[package] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Lists the n8n entry files (package.json "n8n" section) that the build did not produce. */
export function missingDistFiles(): string[] {
	const pkg = readRepoPackage();
	const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	return files.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
}

/** npm pack + install into <userFolder>/.n8n/nodes. Returns the installed package directory. */
export async function installIntoUserFolder(userFolder: string): Promise<string> {
	const started = Date.now();
	const pkg = readRepoPackage();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	try {
		const packed = await run(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
			{
				cwd: REPO_ROOT,
				env: cleanEnv(),
			},
		);
		const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
		const tarball = path.join(packDir, path.basename(filename));

		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

		const manifestPath = path.join(packageDir, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as PackageJson;
		delete manifest.devDependencies;
		delete manifest.peerDependencies;
		delete manifest.optionalDependencies;
		fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
		if (Object.keys(manifest.dependencies ?? {}).length > 0) {
			await run(
				'npm',
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
				],
				{ cwd: packageDir, env: cleanEnv(), timeoutMs: 300_000 },
			);
		}

		const nodesManifestPath = path.join(nodesDir, 'package.json');
		const nodesManifest = fs.existsSync(nodesManifestPath)
			? (JSON.parse(fs.readFileSync(nodesManifestPath, 'utf8')) as PackageJson)
			: { name: 'installed-nodes', private: true, version: '0.0.0' };
		nodesManifest.dependencies = { ...nodesManifest.dependencies, [pkg.name]: pkg.version };
		fs.writeFileSync(nodesManifestPath, `${JSON.stringify(nodesManifest, null, 2)}\n`);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
	console.log(
		`[package] ${pkg.name}@${pkg.version} installed into ${nodesDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	return packageDir;
}
