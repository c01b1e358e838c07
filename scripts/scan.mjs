// `npm run scan`: n8n's verification scan of community packages, run offline on this repository.
//
// n8n verifies a package with @n8n/scan-community-package: it lints the source that the package's
// npm provenance attests (SOURCE_FILE_PATTERNS of a checkout of the commit) and the published tarball
// (its **/*.js and package.json), both with analyzePackage. Here the same function runs on the same
// file sets: this working tree as the source, and `npm pack`'s output (dist must be built first) as
// the tarball. The tarball must also carry what users and n8n read: LICENSE, CHANGELOG.md, README.md
// and each node's codex file beside its code. Exits 1 when anything fails.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function report(leg, result) {
	console.log(
		`${result.passed ? 'ok    ' : 'FAILED'} ${leg}${result.message ? `: ${result.message}` : ''}`,
	);
	if (!result.passed && result.details) console.log(result.details);
	return result.passed;
}

/** `npm pack` into a temporary folder, unpacked as n8n unpacks the registry's tarball. */
function packAndUnpack(workDir) {
	const packed = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', workDir],
		{
			cwd: repoRoot,
			encoding: 'utf8',
		},
	);
	const [{ filename, files }] = JSON.parse(packed);
	const packageDir = path.join(workDir, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', [
		'-xzf',
		path.join(workDir, path.basename(filename)),
		'-C',
		packageDir,
		'--strip-components=1',
	]);
	return { packageDir, files: files.map((f) => f.path) };
}

/** What the tarball must contain besides code: license, changelog, readme, a codex file per node. */
function missingFromTarball(files) {
	const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	const required = ['LICENSE', 'CHANGELOG.md', 'README.md', ...(manifest.n8n?.credentials ?? [])];
	for (const node of manifest.n8n?.nodes ?? []) required.push(node, node.replace(/\.js$/, '.json'));
	return required.filter((file) => !files.includes(file));
}

async function main() {
	const started = Date.now();
	let passed = report(
		`source (${SOURCE_FILE_PATTERNS.join(', ')})`,
		await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS),
	);

	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		const { packageDir, files } = packAndUnpack(workDir);
		const missing = missingFromTarball(files);
		passed =
			report('tarball contents', {
				passed: missing.length === 0,
				message: missing.length
					? `missing ${missing.join(', ')} (npm run build first?)`
					: `${files.length} files`,
			}) && passed;
		passed =
			report(
				`tarball (${TARBALL_FILE_PATTERNS.join(', ')})`,
				await analyzePackage(packageDir, TARBALL_FILE_PATTERNS),
			) && passed;
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.log(
		`scan ${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	process.exitCode = passed ? 0 : 1;
}

await main();
