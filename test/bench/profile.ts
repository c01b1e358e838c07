// CPU profiles of n8n's main process (see profile-hook.js) and a summary of where the time went:
// self time by package, and inclusive time of the busiest functions (each counted once per sample,
// so recursion does not inflate it).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { waitFor } from '../e2e/n8n/proc';

export const PROFILE_HOOK = path.join(__dirname, 'profile-hook.js');

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

function profileDir(benchDir: string): string {
	return path.join(benchDir, 'profiles');
}

export function profiledPid(benchDir: string): number | undefined {
	const file = path.join(profileDir(benchDir), 'main.pid');
	return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : undefined;
}

async function signalAndWait(
	benchDir: string,
	expected: (state: string) => boolean,
): Promise<string> {
	const pid = profiledPid(benchDir);
	if (!pid) throw new Error('n8n did not load the profile hook');
	process.kill(pid, 'SIGUSR2');
	const stateFile = path.join(profileDir(benchDir), 'state');
	return await waitFor(
		'the profiler',
		async () => {
			const state = fs.existsSync(stateFile) ? fs.readFileSync(stateFile, 'utf8') : '';
			return expected(state) ? state : undefined;
		},
		30_000,
		50,
	);
}

export async function startProfile(benchDir: string): Promise<void> {
	await signalAndWait(benchDir, (state) => state === 'started');
}

/** Stops the profiler and returns the profile's file. */
export async function stopProfile(benchDir: string): Promise<string> {
	const state = await signalAndWait(benchDir, (s) => s.startsWith('stopped'));
	return path.join(profileDir(benchDir), `profile-${state.split(' ')[1]}.cpuprofile`);
}

/** Which part of the stack a function belongs to, from its script URL. */
export function packageOf(frame: CallFrame): string {
	const { url, functionName } = frame;
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.includes('n8n-nodes-vonage-messages')) return 'ours (n8n-nodes-vonage-messages)';
	if (url.startsWith('node:')) return 'node core';
	const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
	return packages.length > 0 ? packages[packages.length - 1][1] : url;
}

function where(frame: CallFrame): string {
	const file = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
	return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

export interface ProfileSummary {
	totalMs: number;
	idleMs: number;
	byPackage: Array<[string, number]>;
	inclusive: Array<[string, number]>;
}

export function summarise(file: string, top = 40): ProfileSummary {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	let totalMs = 0;
	let idleMs = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
		const leaf = byId.get(profile.samples[i]);
		if (!leaf) continue;
		totalMs += ms;
		if (leaf.callFrame.functionName === '(idle)') {
			idleMs += ms;
			continue;
		}
		const pkg = packageOf(leaf.callFrame);
		self.set(pkg, (self.get(pkg) ?? 0) + ms);
		const seen = new Set<string>();
		for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
			const node = byId.get(id)!;
			if (node.callFrame.functionName === '(root)') break;
			const key = where(node.callFrame);
			if (seen.has(key)) continue;
			seen.add(key);
			inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
		}
	}
	const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
	return { totalMs, idleMs, byPackage: sorted(self), inclusive: sorted(inclusive).slice(0, top) };
}

export function printSummary(title: string, summary: ProfileSummary, events: number): void {
	const busy = summary.totalMs - summary.idleMs;
	console.log(
		`\nprofile: ${title}: ${busy.toFixed(0)} ms busy for ${events} events = ${(busy / events).toFixed(2)} ms/event`,
	);
	console.log('  self time by package (ms/event):');
	for (const [pkg, ms] of summary.byPackage.slice(0, 15))
		console.log(`    ${(ms / events).toFixed(2).padStart(7)}  ${pkg}`);
	console.log('  inclusive time of the busiest functions (ms/event):');
	for (const [fn, ms] of summary.inclusive)
		console.log(`    ${(ms / events).toFixed(2).padStart(7)}  ${fn}`);
}
