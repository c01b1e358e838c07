import type { VonageCredentials } from '../../shared/api/credentials';
import { isVonageHost } from '../../shared/api/baseUrl';
import { RateLimiter, StartWindow } from './throttle';

/**
 * One window of request starts per Vonage account in this n8n process. Vonage counts its limit per
 * API key, across everything that uses the key (any auth type, any application, any regional host),
 * so every run that sends with the same account waits in the same window: a hundred executions
 * started at once together stay under the cap, not each.
 * Queue mode: each worker process has its own windows (see docs/throughput.md).
 */

/** At most this many accounts are remembered; past it the least recently used idle ones go first. */
export const MAX_ACCOUNT_WINDOWS = 1000;
/** A window nobody used for this long holds no start Vonage still counts, and is dropped. */
export const IDLE_WINDOW_MS = 60_000;

interface Entry {
	window: StartWindow;
	lastUsed: number;
}

// Insertion order is use order: a window is moved to the end each time it is used.
const windows = new Map<string, Entry>();
// Application IDs whose API key a credential named (a JWT credential may leave the key empty).
const keyOfApplication = new Map<string, string>();

type AccountFields = Pick<VonageCredentials, 'baseUrl' | 'apiKey' | 'applicationId'>;

/**
 * Where the account lives: every Vonage host (api.nexmo.com, api-eu.vonage.com, …) is one platform;
 * any other host (the emulator, a proxy) by its normalised origin (case, default port, trailing dot).
 */
function platformOf(baseUrl: string): string {
	try {
		const url = new URL(baseUrl);
		const host = url.hostname.toLowerCase().replace(/\.$/, '');
		if (isVonageHost(host)) return 'vonage';
		return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
	} catch {
		return baseUrl.toLowerCase();
	}
}

function remember(map: Map<string, string>, key: string, value: string): void {
	map.delete(key);
	map.set(key, value);
	if (map.size > MAX_ACCOUNT_WINDOWS) map.delete(map.keys().next().value as string);
}

/**
 * The account a credential sends for: its API key where it has one, otherwise the API key another
 * credential named for the same application, otherwise the application ID.
 */
export function accountKey(credentials: AccountFields): string {
	const platform = platformOf(credentials.baseUrl);
	const { apiKey, applicationId } = credentials;
	if (apiKey && applicationId) remember(keyOfApplication, `${platform} ${applicationId}`, apiKey);
	const key = apiKey || keyOfApplication.get(`${platform} ${applicationId}`);
	return key ? `${platform} key:${key}` : `${platform} application:${applicationId}`;
}

function dropIdle(now: number): void {
	for (const [key, entry] of windows) {
		if (now - entry.lastUsed < IDLE_WINDOW_MS && windows.size <= MAX_ACCOUNT_WINDOWS) break;
		windows.delete(key);
	}
}

/** A limiter for one run: at most `perSecond` starts per rolling second, counting every run of the account. */
export function accountLimiter(
	credentials: AccountFields,
	perSecond: number,
	now = Date.now(),
): RateLimiter {
	const key = accountKey(credentials);
	const entry = windows.get(key) ?? { window: new StartWindow(), lastUsed: now };
	windows.delete(key);
	entry.lastUsed = now;
	windows.set(key, entry);
	dropIdle(now);
	return new RateLimiter(perSecond, entry.window, () => (entry.lastUsed = Date.now()));
}

/** How many account windows this process keeps (for tests and diagnostics). */
export function accountWindowCount(): number {
	return windows.size;
}
