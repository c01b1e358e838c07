// Small helpers the bench parts share: a plain text table, CPU time of this process and of another
// process (from /proc), and a pool that runs async tasks at most N at a time.
import * as fs from 'node:fs';

export type Cell = string | number | undefined;

function cell(value: Cell, decimals: number): string {
	if (value === undefined) return '-';
	if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(decimals) : '-';
	return value;
}

/** Prints rows under a header; the first column is left-aligned, the others right-aligned. */
export function printTable(
	title: string,
	header: string[],
	rows: Cell[][],
	decimals: number[] = [],
): void {
	const text = [header, ...rows.map((row) => row.map((value, i) => cell(value, decimals[i] ?? 1)))];
	const widths = header.map((_, i) => Math.max(...text.map((row) => row[i]?.length ?? 0)));
	console.log(`\n${title}`);
	for (const row of text) {
		console.log(
			row
				.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i])))
				.join('  '),
		);
	}
}

export function ratio(value: number | undefined, baseline: number | undefined): string {
	if (value === undefined || baseline === undefined || !baseline) return '-';
	return `${(value / baseline).toFixed(2)}x`;
}

/** CPU milliseconds (user + system) this process has used. */
export function ownCpuMs(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) process `pid` has used, or undefined when /proc cannot tell. */
export function processCpuMs(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces) start at index 2 of the remainder.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]);
		return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return undefined;
	}
}

/** Runs task(0..count-1), at most `concurrency` at once. */
export async function pool(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export function seconds(fromNs: bigint, toNs = process.hrtime.bigint()): number {
	return Number(toNs - fromNs) / 1e9;
}
