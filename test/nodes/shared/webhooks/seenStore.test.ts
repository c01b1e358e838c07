import { SeenStore } from '../../../../nodes/shared/webhooks/seenStore';

describe('SeenStore: keys remembered in this process', () => {
	it('says "seen" for a key recorded in the same scope until it expires', () => {
		const store = new SeenStore(10);
		expect(store.seen('a', 'k', 2000, 1000)).toBe(false);
		expect(store.seen('a', 'k', 2000, 1500)).toBe(true);
		expect(store.seen('b', 'k', 2000, 1500)).toBe(false);
		expect(store.seen('a', 'k', 3000, 2000)).toBe(false); // expired: recorded again
		expect(store.seen('a', 'k', 3000, 2500)).toBe(true);
	});

	it('forgets the oldest keys beyond its limit', () => {
		const store = new SeenStore(3);
		for (const key of ['1', '2', '3', '4']) expect(store.seen('s', key, 10_000, 0)).toBe(false);
		expect(store.seen('s', '4', 10_000, 0)).toBe(true);
		expect(store.seen('s', '1', 10_000, 0)).toBe(false);
	});

	it('drops expired keys as it goes', () => {
		const store = new SeenStore(2);
		store.seen('s', 'old', 100, 0);
		store.seen('s', 'new', 10_000, 50);
		store.seen('s', 'newer', 10_000, 200); // 'old' has expired: 'new' stays within the limit
		expect(store.seen('s', 'new', 10_000, 300)).toBe(true);
	});
});
