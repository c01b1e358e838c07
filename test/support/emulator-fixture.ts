// One emulator per test file (or describe block): started before its tests, closed after them, and reset
// before each test unless the file resets it itself. Replaces the start/close/reset hooks every file repeated.
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';

export interface EmulatorFixtureOptions {
	/** Reset the emulator's records, faults and options before each test (default true). */
	resetBeforeEach?: boolean;
}

/**
 * Registers beforeAll (start), afterAll (close) and, unless `resetBeforeEach: false`, beforeEach (reset) in
 * the current scope, and returns the emulator. The returned object stands for the emulator that beforeAll
 * starts: every property and method goes to it, so use it only inside hooks and tests.
 */
export function useEmulator(
	options: EmulatorOptions = {},
	fixture: EmulatorFixtureOptions = {},
): Emulator {
	let started: Emulator | undefined;
	const current = (): Emulator => {
		if (!started)
			throw new Error(
				'useEmulator: the emulator is used outside a test or hook (it starts in beforeAll)',
			);
		return started;
	};

	beforeAll(async () => {
		started = await startEmulator(options);
	});
	afterAll(async () => {
		await started?.close();
		started = undefined;
	});
	if (fixture.resetBeforeEach ?? true) beforeEach(() => current().reset());

	return new Proxy({} as Emulator, {
		get: (_target, key) => {
			const emulator = current();
			const value: unknown = Reflect.get(emulator, key, emulator);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(emulator)
				: value;
		},
		set: (_target, key, value) => Reflect.set(current(), key, value),
		has: (_target, key) => Reflect.has(current(), key),
		ownKeys: () => Reflect.ownKeys(current()),
		getOwnPropertyDescriptor: (_target, key) => {
			const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
			// A proxy may report a property as configurable only if its target has it; ours has none.
			return descriptor && { ...descriptor, configurable: true };
		},
		getPrototypeOf: () => Reflect.getPrototypeOf(current()),
	});
}
