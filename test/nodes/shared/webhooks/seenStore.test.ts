import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { SeenStore } from '../../../../nodes/shared/webhooks/seenStore';

const LATER = 10_000_000;
const limits = (perScope: number, total: number) => new SeenStore({ perScope, total });

/** A full garbage collection, so the heap holds only what is still referenced. */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

describe('SeenStore: keys remembered in this process', () => {
	it('says "seen" for a key recorded in the same scope until it expires', () => {
		const store = limits(10, 10);
		store.record('a', 'k', 2000, 1000);
		expect([store.has('a', 'k', 1500), store.has('b', 'k', 1500)]).toEqual([true, false]);
		expect(store.has('a', 'k', 2000)).toBe(false); // expired
		store.record('a', 'k', 3000, 2000);
		expect(store.has('a', 'k', 2500)).toBe(true);
	});

	it('forgets a key on request (an event n8n could not start)', () => {
		const store = limits(10, 10);
		store.record('a', 'k', LATER, 0);
		store.forget('a', 'k');
		expect([store.has('a', 'k', 0), store.count()]).toEqual([false, 0]);
	});

	it('forgets the oldest keys of a scope beyond its own limit, truly oldest first', () => {
		const store = limits(3, 100);
		for (const key of ['1', '2', '3', '4']) store.record('s', key, LATER, 0);
		expect(['1', '2', '3', '4'].map((key) => store.has('s', key, 0))).toEqual([
			false,
			true,
			true,
			true,
		]);
	});

	it("never pushes out another scope's keys for a flood below the total", () => {
		const store = limits(1000, 2000);
		store.record('first trigger', 'retry me', LATER, 0);
		for (let i = 0; i < 5000; i++) store.record('flooded trigger', `junk ${i}`, LATER, 0);
		expect(store.has('first trigger', 'retry me', 0)).toBe(true);
		expect(store.count('flooded trigger')).toBe(1000);
	});

	it('when all scopes together are full, takes from the scope holding the most keys', () => {
		const store = limits(1000, 1000);
		for (let i = 0; i < 10; i++) store.record('quiet', `q${i}`, LATER, 0);
		for (let i = 0; i < 2000; i++) store.record('busy', `b${i}`, LATER, 0);
		expect([store.count('quiet'), store.count('busy'), store.count()]).toEqual([10, 990, 1000]);
		expect(store.has('busy', 'b1999', 0)).toBe(true);
		expect(store.has('busy', 'b1009', 0)).toBe(false);
	});

	it('drops expired keys as it goes', () => {
		const store = limits(2, 2);
		store.record('s', 'old', 100, 0);
		store.record('s', 'new', LATER, 50);
		store.record('s', 'newer', LATER, 200); // 'old' has expired: 'new' stays within the limit
		expect(store.has('s', 'new', 300)).toBe(true);
	});

	it('keeps a key in fixed space whatever its length (60 keys of 2 MB)', () => {
		const store = limits(1000, 1000);
		collectGarbage();
		const before = process.memoryUsage().heapUsed;
		for (let i = 0; i < 60; i++) store.record('s', `${i}`.padEnd(2_000_000, 'x'), LATER, 0);
		collectGarbage();
		const grown = process.memoryUsage().heapUsed - before;
		expect(grown).toBeLessThan(5_000_000); // 120 MB if the keys were kept as they came
		expect(store.has('s', '7'.padEnd(2_000_000, 'x'), 0)).toBe(true);
		expect(store.has('s', '7'.padEnd(2_000_000, 'y'), 0)).toBe(false);
	});
});
