import {
	createHash,
	createHmac,
	createPrivateKey,
	createSign,
	randomUUID,
	sign,
	timingSafeEqual,
	type KeyObject,
} from 'node:crypto';

/** Vonage accepts `exp` between 30 s and 24 h after `iat`; 15 minutes is its SDK's default. */
export const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;

function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * A PEM as users paste it, rebuilt: with real line breaks or literal "\n" / "\r\n" sequences (as it
 * comes out of JSON or environment variables), with indented lines, or with every line break turned
 * into a space (as some copy-paste paths do). The base64 body is re-wrapped at 64 characters.
 */
function unescapeLineBreaks(pem: string): string {
	return pem.replace(/\\r\\n|\\n|\\r/g, '\n');
}

export function normalisePrivateKey(pem: string): string {
	const unescaped = unescapeLineBreaks(pem);
	const match = PEM.exec(unescaped);
	if (!match) return unescaped.trim();
	const [, label, inner] = match;
	const lines = inner.split(/\r?\n/).map((line) => line.trim());
	// Headers such as "Proc-Type: 4,ENCRYPTED" (traditional OpenSSL encryption) stay as they are.
	const headers = lines.filter((line) => /^[A-Za-z-]+:/.test(line));
	const body = lines
		.filter((line) => !/^[A-Za-z-]+:/.test(line))
		.join('')
		.replace(/\s+/g, '');
	const wrapped = body.match(/.{1,64}/g) ?? [];
	const head = headers.length > 0 ? [...headers, ''] : [];
	return [`-----BEGIN ${label}-----`, ...head, ...wrapped, `-----END ${label}-----`, ''].join('\n');
}

export const PRIVATE_KEY_HELP =
	'The private key is not a valid RSA private key in PEM format. Paste the whole content of the ' +
	'private.key file that Vonage downloaded when you created the application, including its ' +
	'first line (BEGIN ... KEY) and last line (END ... KEY).';

export const ENCRYPTED_KEY_HELP =
	'The private key is encrypted with a passphrase, which n8n cannot use. Paste the unencrypted ' +
	'private.key file exactly as Vonage gave it to you when you created the application, or ' +
	'generate a new key pair for the application in the Vonage Dashboard.';

function isEncrypted(pem: string): boolean {
	const text = unescapeLineBreaks(pem);
	return (
		Boolean(PEM.exec(text)?.[1].includes('ENCRYPTED')) || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(text)
	);
}

// Parsing a PEM costs about as much as signing with it; a run signs once per request with the same key.
let cachedKey: { pem: string; key: KeyObject | undefined } | undefined;

function rsaKey(pem: string): KeyObject | undefined {
	if (cachedKey?.pem !== pem) {
		let key: KeyObject | undefined;
		try {
			key = isEncrypted(pem) ? undefined : createPrivateKey(normalisePrivateKey(pem));
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

/** Why a private key cannot sign, in words that never repeat any of the key; undefined when it can. */
export function privateKeyProblem(pem: string): string | undefined {
	if (isUsablePrivateKey(pem)) return undefined;
	return isEncrypted(pem) ? ENCRYPTED_KEY_HELP : PRIVATE_KEY_HELP;
}

/** A fresh RS256 application JWT (new `jti` every call), as Vonage's own SDK signs one per request. */
function unsignedApplicationJwt(
	applicationId: string,
	nowSeconds: number,
	ttlSeconds: number,
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
	return `${header}.${payload}`;
}

function signingKey(privateKeyPem: string): KeyObject {
	const key = rsaKey(privateKeyPem);
	if (!key) throw new Error(privateKeyProblem(privateKeyPem) ?? PRIVATE_KEY_HELP);
	return key;
}

export function signApplicationJwt(
	applicationId: string,
	privateKeyPem: string,
	nowSeconds = Math.floor(Date.now() / 1000),
	ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
): string {
	const signingInput = unsignedApplicationJwt(applicationId, nowSeconds, ttlSeconds);
	const signature = createSign('RSA-SHA256').update(signingInput).sign(signingKey(privateKeyPem));
	return `${signingInput}.${base64url(signature)}`;
}

/**
 * signApplicationJwt on libuv's thread pool: RSA signing is the dearest step of a request (about
 * 1 ms of CPU), and there it does not hold up n8n's own thread.
 */
export async function signApplicationJwtOffThread(
	applicationId: string,
	privateKeyPem: string,
	ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
): Promise<string> {
	const key = signingKey(privateKeyPem);
	const signingInput = unsignedApplicationJwt(
		applicationId,
		Math.floor(Date.now() / 1000),
		ttlSeconds,
	);
	const signature = await new Promise<Buffer>((resolve, reject) =>
		sign('sha256', Buffer.from(signingInput), key, (error, result) =>
			error ? reject(error) : resolve(result),
		),
	);
	return `${signingInput}.${base64url(signature)}`;
}

export interface VerifiedToken {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
}

/**
 * Verifies an HS256 JWT (the way Vonage signs webhooks) and returns its claims, or throws an
 * Error whose message says why. Only HS256 is accepted: `none` and every other algorithm fail.
 * Each part must be canonical base64url (no padding, no other characters, no stray bits), and a
 * token that marks any header as critical (`crit`) is refused: we understand no extension.
 */
export function verifyHs256Jwt(token: string, secret: string): VerifiedToken {
	const parts = token.split('.');
	if (parts.length !== 3) throw new Error('the token is not a JWT');
	const [headerPart, payloadPart, signaturePart] = parts;
	const header = decodeSegment(headerPart);
	const claims = decodeSegment(payloadPart);
	const given = strictBase64url(signaturePart);
	if (!header || !claims || !given) throw new Error('the token is not a JWT');
	if (header.alg !== 'HS256')
		throw new Error(`the token's algorithm is ${String(header.alg)}, not HS256`);
	if (header.crit !== undefined) throw new Error('the token has critical headers (crit)');
	const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		throw new Error('the token signature does not match the signature secret');
	}
	return { header, claims };
}

/** Decodes base64url only when `text` is its canonical form: what Buffer.from would silently skip is refused. */
export function strictBase64url(text: string): Buffer | undefined {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
	const bytes = Buffer.from(text, 'base64url');
	return bytes.toString('base64url') === text ? bytes : undefined;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	const bytes = strictBase64url(segment);
	if (!bytes) return undefined;
	try {
		const value: unknown = JSON.parse(bytes.toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

export function sha256Hex(body: Buffer | string): string {
	return createHash('sha256').update(body).digest('hex');
}
