import { sha256Hex, verifyHs256Jwt } from './jwt';

export const DEFAULT_MAX_AGE_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 60;

export type SignatureCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Checks a Vonage signed webhook: `Authorization: Bearer <HS256 JWT>` made with the signature
 * secret, whose `payload_hash` is the SHA-256 of the exact body received and whose `iat` is recent.
 * Vonage's own SDK checks only the signature; the hash and the age stop tampering and replays.
 */
export function checkSignature(input: {
	authorization: string | undefined;
	rawBody: Buffer | string;
	secret: string;
	maxAgeSeconds?: number;
	nowSeconds?: number;
}): SignatureCheck {
	const match = /^Bearer\s+(\S+)$/i.exec(input.authorization?.trim() ?? '');
	if (!match) return { ok: false, reason: 'no "Authorization: Bearer" token' };

	let claims: Record<string, unknown>;
	try {
		claims = verifyHs256Jwt(match[1], input.secret).claims;
	} catch (error) {
		return { ok: false, reason: (error as Error).message };
	}

	if (typeof claims.payload_hash !== 'string' || claims.payload_hash.toLowerCase() !== sha256Hex(input.rawBody)) {
		return { ok: false, reason: 'payload_hash does not match the body' };
	}
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	const maxAge = input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
	if (typeof claims.iat !== 'number') return { ok: false, reason: 'the token has no iat' };
	if (claims.iat > now + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'the token was issued in the future' };
	if (now - claims.iat > maxAge) return { ok: false, reason: `the token is older than ${maxAge} seconds` };
	return { ok: true, claims };
}
