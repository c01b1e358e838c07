// Keeps the layout as built: fails on an import cycle between the package's files, and on an import
// from one folder into another that the importing folder's README does not allow.
//
//   node scripts/check-imports.mjs [--root DIR]     (run by `npm run lint`)
//
// The rule is stated once, in each folder's README.md, as a line `May use: a, b` (folders from the
// repository's top, such as nodes/shared/api, or `nothing`). A file belongs to the nearest folder above it that has such a README; imports inside
// one folder are always allowed. Imports of packages (n8n-workflow, node:*) are not checked.
import fs from 'node:fs';
import path from 'node:path';

const rootArg = process.argv.indexOf('--root');
const root = path.resolve(rootArg > 0 ? process.argv[rootArg + 1] : process.cwd());
const SOURCE_DIRS = ['nodes', 'credentials'];

function walk(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

const files = SOURCE_DIRS.flatMap((dir) => walk(path.join(root, dir)));
const sources = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));

/** Folder (from the top, e.g. `nodes/shared/api`) → the folders it may use. */
const folders = new Map();
for (const readme of files.filter((file) => path.basename(file) === 'README.md')) {
	const line = fs.readFileSync(readme, 'utf8').match(/^May use:\s*(.*)$/m);
	if (!line) continue;
	const uses = line[1]
		.split(',')
		.map((name) => name.trim().replace(/[`.]/g, '').replace(/\/$/, ''))
		.filter((name) => name !== '' && name !== 'nothing');
	folders.set(path.relative(root, path.dirname(readme)), uses);
}

/** The folder a file belongs to: the nearest one above it with a rule. */
function folderOf(file) {
	let dir = path.relative(root, path.dirname(file));
	while (!folders.has(dir)) {
		if (!dir.includes('/')) return undefined;
		dir = path.dirname(dir);
	}
	return dir;
}

function resolveImport(from, specifier) {
	const base = path.resolve(path.dirname(from), specifier);
	for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
		if (sources.includes(candidate)) return candidate;
	}
	return undefined;
}

const IMPORT =
	/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.{1,2}\/[^']+)'|\brequire\('(\.{1,2}\/[^']+)'\)/g;
const graph = new Map();
const problems = [];
const rel = (file) => path.relative(root, file);

for (const file of sources) {
	const text = fs.readFileSync(file, 'utf8');
	const targets = [];
	const own = folderOf(file);
	if (own === undefined)
		problems.push(`${rel(file)}: its folder has no README.md with a "May use:" line`);
	for (const match of text.matchAll(IMPORT)) {
		const specifier = match[1] ?? match[2];
		const target = resolveImport(file, specifier);
		if (!target) continue; // JSON, assets
		targets.push(target);
		const other = folderOf(target);
		if (own === undefined || other === undefined || other === own) continue;
		if (!folders.get(own).includes(other)) {
			problems.push(
				`${rel(file)} imports ${rel(target)}: ${own} may use ${folders.get(own).join(', ') || 'nothing'}, not ${other} (${own}/README.md)`,
			);
		}
	}
	graph.set(file, targets);
}

// Cycles: Tarjan's strongly connected components; any component of two or more files is a cycle.
let index = 0;
const stack = [];
const state = new Map();
function connect(file) {
	const node = { index, low: index, onStack: true };
	index++;
	state.set(file, node);
	stack.push(file);
	for (const next of graph.get(file) ?? []) {
		const seen = state.get(next);
		if (!seen) {
			connect(next);
			node.low = Math.min(node.low, state.get(next).low);
		} else if (seen.onStack) node.low = Math.min(node.low, seen.index);
	}
	if (node.low === node.index) {
		const component = [];
		let member;
		do {
			member = stack.pop();
			state.get(member).onStack = false;
			component.push(member);
		} while (member !== file);
		const selfImport = component.length === 1 && (graph.get(file) ?? []).includes(file);
		if (component.length > 1 || selfImport)
			problems.push(`import cycle: ${component.reverse().map(rel).join(' -> ')}`);
	}
}
for (const file of sources) if (!state.has(file)) connect(file);

if (problems.length > 0) {
	console.error(`check-imports: ${problems.length} problem(s)`);
	for (const problem of problems) console.error(`- ${problem}`);
	process.exit(1);
}
console.log(
	`check-imports: ${sources.length} files, ${folders.size} folders, no cycle, every import allowed`,
);
