// Reading the repository's Markdown the way GitHub shows it: the links a page makes (outside code),
// the anchors its headings get, and the folder tree with its "May use:" lines in docs/development.md.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO_ROOT } from '../support/shared-reference';

export { REPO_ROOT };

/** The repository's GitHub address, as the codex files and package.json name it. */
export const REPO_URL = 'https://github.com/n8n-nodes-vonage-messages/n8n-nodes-vonage-messages';

/** The pages a reader of the repository follows: the README and every page under docs/. */
export function markdownPages(): string[] {
	const docs = path.join(REPO_ROOT, 'docs');
	return [
		'README.md',
		...fs
			.readdirSync(docs)
			.filter((name) => name.endsWith('.md'))
			.map((name) => `docs/${name}`),
	];
}

export function read(page: string): string {
	return fs.readFileSync(path.join(REPO_ROOT, page), 'utf8');
}

/** The page without fenced code blocks and inline code, where nothing is a link or a heading. */
function prose(text: string): string {
	return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every link and image target in a page, outside code. */
export function linkTargets(text: string): string[] {
	return [...prose(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
export function anchors(text: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	const withoutFences = text.replace(/^```[\s\S]*?^```/gm, '');
	for (const [, heading] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
		const base = heading
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		result.add(count === 0 ? base : `${base}-${count}`);
	}
	return result;
}

/** Why a link from `page` does not resolve, or undefined when it does. External links are not followed. */
export function brokenLink(page: string, target: string): string | undefined {
	if (/^[a-z]+:/i.test(target)) return undefined;
	const [file, anchor] = target.split('#', 2);
	const resolved =
		file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
	if (resolved.startsWith('..')) return `${target} points outside the repository`;
	if (!fs.existsSync(path.join(REPO_ROOT, resolved))) return `${target}: no file ${resolved}`;
	if (anchor !== undefined && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor))
		return `${target}: ${resolved} has no heading with the anchor #${anchor}`;
	return undefined;
}

/** A GitHub address of this repository as the local page it shows (`/blob/main/<path>`, or the README). */
export function localTarget(url: string): string | undefined {
	if (!url.startsWith(REPO_URL)) return undefined;
	const rest = url.slice(REPO_URL.length);
	if (rest.startsWith('/blob/main/')) return rest.slice('/blob/main/'.length);
	if (rest === '' || rest.startsWith('#')) return `README.md${rest}`;
	return rest;
}

/** Folder (from the top) -> the folders its README's "May use:" line names ([] for "nothing"). */
export function mayUseLines(): Map<string, string[]> {
	const result = new Map<string, string[]>();
	const visit = (dir: string) => {
		for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
			const rel = `${dir}/${entry.name}`;
			if (entry.isDirectory()) visit(rel);
			else if (entry.name === 'README.md') {
				const line = /^May use:\s*(.*)$/m.exec(read(rel));
				if (line) result.set(dir, parseUses(line[1]));
			}
		}
	};
	['nodes', 'credentials'].forEach(visit);
	return result;
}

function parseUses(list: string): string[] {
	const uses = list
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return uses.length === 1 && uses[0] === 'nothing' ? [] : uses.sort();
}

/**
 * The folder tree in docs/development.md's "Layout" (a ```text block drawn with │ ├── └──): folder ->
 * what its "May use:" line there says. A folder's line ends its name with "/"; its "May use:" line
 * may go on over the next lines, each starting with another folder name.
 */
export function documentedTree(development: string): Map<string, string[]> {
	const block = /## Layout[\s\S]*?```text\n([\s\S]*?)```/.exec(development);
	if (!block) throw new Error('docs/development.md has no ```text tree under "## Layout"');
	const result = new Map<string, string[]>();
	const stack: string[] = [];
	let current: string | undefined;
	let uses: string | undefined;
	const flush = () => {
		if (current !== undefined && uses !== undefined) result.set(current, parseUses(uses));
		uses = undefined;
	};
	for (const line of block[1].split('\n')) {
		const text = line.replace(/^[│├└─\s]*/, '');
		const depth = (line.length - text.length) / 4;
		const folder = /^([\w.-]+)\/(\s|$)/.exec(text);
		if (folder) {
			flush();
			stack.length = depth;
			stack.push(folder[1]);
			current = stack.join('/');
		} else if (text.startsWith('May use:')) {
			uses = text.slice('May use:'.length);
		} else if (uses !== undefined && /^(nodes|credentials)\//.test(text)) {
			uses += `, ${text}`;
		}
	}
	flush();
	return result;
}
