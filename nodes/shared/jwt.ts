import { createHash, createHmac, createPrivateKey, createSign, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';

/** Vonage accepts `exp` between 30 s and 24 h after `iat`; 15 minutes is its SDK's default. */
export const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;

function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/**
 * Accepts a PEM as users paste it: with real line breaks, with literal "\n" sequences
 * (as it comes out of JSON or environment variables), or with surrounding whitespace.
 */
export function normalisePrivateKey(pem: string): string {
	return pem.replace(/\\n/g, '\n').replace(/\r\n/g, '\n').trim();
}

export const PRIVATE_KEY_HELP =
	'The private key is not a valid RSA private key in PEM format. Paste the whole content of the ' +
	'private.key file that Vonage downloaded when you created the application, including its ' +
	'first line (BEGIN ... KEY) and last line (END ... KEY).';

// Parsing a PEM costs about as much as signing with it; a run signs once per request with the same key.
let cachedKey: { pem: string; key: KeyObject | undefined } | undefined;

function rsaKey(pem: string): KeyObject | undefined {
	if (cachedKey?.pem !== pem) {
		let key: KeyObject | undefined;
		try {
			key = createPrivateKey(normalisePrivateKey(pem));
		} catch {
			key = undefined;
		}
		cachedKey = { pem, key: key?.asymmetricKeyType === 'rsa' ? key : undefined };
	}
	return cachedKey.key;
}

export function isUsablePrivateKey(pem: string): boolean {
	return rsaKey(pem) !== undefined;
}

/** A fresh RS256 application JWT (new `jti` every call), as Vonage's own SDK signs one per request. */
export function signApplicationJwt(
	applicationId: string,
	privateKeyPem: string,
	nowSeconds = Math.floor(Date.now() / 1000),
	ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
): string {
	const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
	const payload = base64url(
		JSON.stringify({
			application_id: applicationId,
			iat: nowSeconds,
			jti: randomUUID(),
			exp: nowSeconds + ttlSeconds,
		}),
	);
	const signingInput = `${header}.${payload}`;
	const key = rsaKey(privateKeyPem);
	if (!key) throw new Error(PRIVATE_KEY_HELP);
	const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
	return `${signingInput}.${base64url(signature)}`;
}

export interface VerifiedToken {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
}

/**
 * Verifies an HS256 JWT (the way Vonage signs webhooks) and returns its claims, or throws an
 * Error whose message says why. Only HS256 is accepted: `none` and every other algorithm fail.
 */
export function verifyHs256Jwt(token: string, secret: string): VerifiedToken {
	const parts = token.split('.');
	if (parts.length !== 3) throw new Error('the token is not a JWT');
	const [headerPart, payloadPart, signaturePart] = parts;
	const header = decodeSegment(headerPart);
	const claims = decodeSegment(payloadPart);
	if (!header || !claims) throw new Error('the token is not a JWT');
	if (header.alg !== 'HS256') throw new Error(`the token's algorithm is ${String(header.alg)}, not HS256`);
	const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
	const given = Buffer.from(signaturePart, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		throw new Error('the token signature does not match the signature secret');
	}
	return { header, claims };
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export function sha256Hex(body: Buffer | string): string {
	return createHash('sha256').update(body).digest('hex');
}
