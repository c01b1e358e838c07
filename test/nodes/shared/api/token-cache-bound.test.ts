// Issue 20: the token cache holds at most MAX_CACHED_TOKENS credentials' tokens. With one more credential
// than that, no two credentials ever get the same token (each is signed by its own key for its own
// application), the cache never grows past its bound, and a credential whose token was pushed out simply
// gets a freshly signed one, without an error.
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';

import type { VonageCredentials } from '../../../../nodes/shared/api/credentials';
import {
	MAX_CACHED_TOKENS,
	applicationToken,
	cachedTokenCount,
} from '../../../../nodes/shared/api/tokenCache';

const REQUEST_MS = 30_000;

function credential(index: number): VonageCredentials {
	const { privateKey } = generateKeyPairSync('rsa', {
		modulusLength: 1024,
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	});
	return {
		authType: 'jwt',
		apiKey: '',
		apiSecret: '',
		applicationId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		privateKey,
		signatureSecret: '',
		baseUrl: 'https://api.nexmo.com',
	};
}

/** The token's application id, if its RS256 signature verifies with `credentials`' own key. */
function signedFor(token: string, credentials: VonageCredentials): string | undefined {
	const [header, payload, signature] = token.split('.');
	const ok = verify(
		'sha256',
		Buffer.from(`${header}.${payload}`),
		createPublicKey(credentials.privateKey),
		Buffer.from(signature, 'base64url'),
	);
	if (!ok) return undefined;
	return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).application_id;
}

describe(`the token cache with ${MAX_CACHED_TOKENS + 1} credentials`, () => {
	const credentials = Array.from({ length: MAX_CACHED_TOKENS + 1 }, (_, i) => credential(i));
	const first: string[] = [];

	it('gives each credential its own token and never holds more than its bound', async () => {
		for (const c of credentials) {
			const { token, use } = await applicationToken(c, REQUEST_MS);
			expect(use.reused).toBe(false);
			expect(signedFor(token, c)).toBe(c.applicationId);
			first.push(token);
			expect(cachedTokenCount()).toBeLessThanOrEqual(MAX_CACHED_TOKENS);
		}
		expect(new Set(first).size).toBe(credentials.length);
		expect(cachedTokenCount()).toBe(MAX_CACHED_TOKENS);
	});

	it('reuses the tokens it kept', async () => {
		const last = credentials[credentials.length - 1];
		const { token, use } = await applicationToken(last, REQUEST_MS);
		expect(use.reused).toBe(true);
		expect(token).toBe(first[first.length - 1]);
	});

	it('signs a new token, without an error, for the credential it pushed out', async () => {
		const evicted = credentials[0];
		const { token, use } = await applicationToken(evicted, REQUEST_MS);
		expect(use.reused).toBe(false);
		expect(token).not.toBe(first[0]);
		expect(signedFor(token, evicted)).toBe(evicted.applicationId);
		expect(first).not.toContain(token);
		expect(cachedTokenCount()).toBe(MAX_CACHED_TOKENS);
		// It is kept again: the next request of the same credential reuses it.
		expect((await applicationToken(evicted, REQUEST_MS)).use.reused).toBe(true);
	});
});
