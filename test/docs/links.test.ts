// The README is a front door and docs/ holds the reference: every local link and image in them
// resolves (file and heading anchor), the nodes' codex links point at a page and heading that exist,
// and the layout and code map in docs/development.md match the folders as they are.
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	REPO_ROOT,
	brokenLink,
	documentedTree,
	linkTargets,
	localTarget,
	markdownPages,
	mayUseLines,
	read,
} from './markdown';

const pages = markdownPages();

describe('links in the README and docs/', () => {
	it.each(pages)('%s: every local link and image resolves', (page) => {
		const broken = linkTargets(read(page))
			.map((target) => brokenLink(page, target))
			.filter(Boolean);
		expect(broken).toEqual([]);
	});

	it('the README is a front door: at most 200 lines, linking every page under docs/', () => {
		const readme = read('README.md');
		expect(readme.split('\n').length).toBeLessThanOrEqual(200);
		const linked = new Set(linkTargets(readme).map((target) => target.split('#')[0]));
		const unlinked = pages.filter((page) => page !== 'README.md' && !linked.has(page));
		expect(unlinked).toEqual([]);
	});

	it('every image under docs/images/ is shown on some page', () => {
		const shown = new Set(
			pages.flatMap((page) =>
				linkTargets(read(page)).map((target) =>
					path.posix.normalize(path.posix.join(path.posix.dirname(page), target)),
				),
			),
		);
		const images = fs
			.readdirSync(path.join(REPO_ROOT, 'docs/images'))
			.map((f) => `docs/images/${f}`);
		expect(images.filter((image) => !shown.has(image))).toEqual([]);
	});
});

describe("the nodes' codex links (n8n's Docs button)", () => {
	const codexFiles = fs
		.readdirSync(path.join(REPO_ROOT, 'nodes'))
		.map((dir) => `nodes/${dir}/${dir}.node.json`)
		.filter((file) => fs.existsSync(path.join(REPO_ROOT, file)));

	it.each(codexFiles)('%s: every link to this repository finds its page and heading', (file) => {
		const urls = [
			...fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/"url":\s*"([^"]+)"/g),
		].map((m) => m[1]);
		const broken = urls
			.map((url) => ({ url, local: localTarget(url) }))
			.filter(({ local }) => local !== undefined)
			.map(({ url, local }) => (brokenLink('README.md', local!) ? url : undefined))
			.filter(Boolean);
		expect(urls.length).toBeGreaterThan(0);
		expect(broken).toEqual([]);
	});
});

describe('docs/development.md matches the tree', () => {
	const development = read('docs/development.md');

	it('the Layout tree names every folder with its README\'s "May use:" line, and no other', () => {
		expect(Object.fromEntries(documentedTree(development))).toEqual(
			Object.fromEntries(mayUseLines()),
		);
	});

	it('every file the code map names exists', () => {
		const codeMap = development.slice(development.indexOf('## Code map'));
		const named = [...codeMap.matchAll(/`((?:nodes|credentials)\/[^`]+)`/g)]
			.map((m) => m[1])
			.filter((file) => !file.includes('<'));
		expect(named.length).toBeGreaterThan(0);
		expect(named.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)))).toEqual([]);
	});
});
