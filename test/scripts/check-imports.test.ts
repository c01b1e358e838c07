// scripts/check-imports.mjs, run by `npm run lint`, keeps the layout as built: it fails on an import
// cycle and on an import that a folder's README ("May use:") does not allow. Each case copies the
// package's real nodes/ and credentials/ into a temporary folder, changes one thing, and runs the script.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { REPO_ROOT } from '../support/shared-reference';

const SCRIPT = path.join(REPO_ROOT, 'scripts/check-imports.mjs');

function copyOfPackage(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'check-imports-'));
	for (const folder of ['nodes', 'credentials'])
		cpSync(path.join(REPO_ROOT, folder), path.join(dir, folder), { recursive: true });
	return dir;
}

function check(root: string) {
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- runs the repo's own lint script, as `npm run lint` does
	const run = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const cases: Array<[label: string, change: (root: string) => void, expected: RegExp | null]> = [
	['the package as it is', () => {}, null],
	[
		'a cycle between two files of one folder',
		(root) => {
			writeFileSync(
				path.join(root, 'nodes/shared/vocabulary/a.ts'),
				"import { b } from './b';\nexport const a = () => b;\n",
			);
			writeFileSync(
				path.join(root, 'nodes/shared/vocabulary/b.ts'),
				"import { a } from './a';\nexport const b = () => a;\n",
			);
		},
		/import cycle: nodes\/shared\/vocabulary\/a\.ts -> nodes\/shared\/vocabulary\/b\.ts/,
	],
	[
		'an import pointing the wrong way (vocabulary may use nothing)',
		(root) =>
			appendFileSync(
				path.join(root, 'nodes/shared/vocabulary/numbers.ts'),
				"\nexport { basicAuthorization } from '../api/auth';\n",
			),
		/numbers\.ts imports nodes\/shared\/api\/auth\.ts: nodes\/shared\/vocabulary may use nothing/,
	],
	[
		'a trigger importing the action node',
		(root) =>
			appendFileSync(
				path.join(root, 'nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node.ts'),
				"\nexport * from '../VonageMessages/sending/ranges';\n",
			),
		/may use .*not nodes\/VonageMessages\/sending/,
	],
	[
		'a folder without a rule',
		(root) => {
			const dir = path.join(root, 'nodes/shared/misc');
			cpSync(path.join(root, 'nodes/shared/vocabulary/numbers.ts'), path.join(dir, 'numbers.ts'));
		},
		/nodes\/shared\/misc\/numbers\.ts: its folder has no README\.md with a "May use:" line/,
	],
];

describe('scripts/check-imports.mjs', () => {
	it.each(cases)('%s', (_label, change, expected) => {
		const root = copyOfPackage();
		try {
			change(root);
			const { status, output } = check(root);
			if (expected === null) {
				expect(output).toMatch(/no cycle, every import allowed/);
				expect(status).toBe(0);
			} else {
				expect(output).toMatch(expected);
				expect(status).toBe(1);
			}
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});
});
