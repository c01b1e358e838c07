// Checks that a local `npm publish` is refused and sends nothing: npm publishes this package to a
// throwaway registry on 127.0.0.1, once as the repository's .npmrc has it (lifecycle scripts off) and
// once with scripts on and --provenance=false. Each must fail before any PUT reaches the registry.
// Used by .ci/run; prints one line per case.
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const writes = [];
const server = http.createServer((req, res) => {
	if (req.method !== 'GET') writes.push(`${req.method} ${req.url}`);
	req.resume();
	req.on('end', () => res.writeHead(404, { 'content-type': 'application/json' }).end('{}'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const registry = `http://127.0.0.1:${server.address().port}/`;

const cases = [
	['npm publish (as .npmrc has it)', []],
	[
		'npm publish --ignore-scripts=false --provenance=false',
		['--ignore-scripts=false', '--provenance=false'],
	],
];
/** Runs npm asynchronously (the registry answers from this same process). */
function npmPublish(flags) {
	return new Promise((resolve) => {
		const args = [
			'publish',
			`--registry=${registry}`,
			`--${registry.slice('http:'.length)}:_authToken=local-check`,
			...flags,
		];
		const child = spawn('npm', args, {
			cwd: repoRoot,
			env: { ...process.env, GITHUB_ACTIONS: '', npm_config_provenance: '' },
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('close', (code) => resolve({ code, output }));
	});
}

let failed = 0;
for (const [name, flags] of cases) {
	const before = writes.length;
	const result = await npmPublish(flags);
	const refused = result.code !== 0 && writes.length === before;
	if (!refused) failed++;
	const reason = result.output.split('\n').find((l) => /Refusing|provenance/.test(l)) ?? '';
	console.log(
		`${refused ? 'ok  ' : 'FAIL'}  ${name}: exit ${result.code}, ${writes.length - before} write(s) to the registry. ${reason.trim()}`,
	);
}
server.close();
process.exitCode = failed > 0 ? 1 : 0;
