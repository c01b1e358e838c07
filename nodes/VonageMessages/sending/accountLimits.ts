import type { VonageCredentials } from '../../shared/api/credentials';
import { RateLimiter, StartWindow } from './throttle';

/**
 * One window of request starts per Vonage account in this n8n process. Vonage counts its limit per
 * API key, across everything that uses the key, so every run that sends with the same account waits
 * in the same window: a hundred executions started at once together stay under the cap, not each.
 * An account is its Base URL plus API key, or the application ID when the credential has no key.
 * Queue mode: each worker process has its own windows (see docs/throughput.md).
 */
const windows = new Map<string, StartWindow>();

export function accountKey(
	credentials: Pick<VonageCredentials, 'baseUrl' | 'apiKey' | 'applicationId'>,
): string {
	const who = credentials.apiKey
		? `key:${credentials.apiKey}`
		: `application:${credentials.applicationId}`;
	return `${credentials.baseUrl} ${who}`;
}

/** A limiter for one run: at most `perSecond` starts per rolling second, counting every run of the account. */
export function accountLimiter(credentials: VonageCredentials, perSecond: number): RateLimiter {
	const key = accountKey(credentials);
	let window = windows.get(key);
	if (!window) {
		window = new StartWindow();
		windows.set(key, window);
	}
	return new RateLimiter(perSecond, window);
}
