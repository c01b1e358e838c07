/** [0,1,2,5,7,8] -> "0-2, 5, 7-8": item indexes compact enough for an error message. */
export function itemRanges(indexes: number[]): string {
	const parts: string[] = [];
	let start = -1;
	let previous = -2;
	const flush = () => {
		if (start >= 0) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
	};
	for (const index of [...indexes].sort((a, b) => a - b)) {
		if (index !== previous + 1) {
			flush();
			start = index;
		}
		previous = index;
	}
	flush();
	return parts.join(', ');
}
