import { sha256Hex, verifyHs256Jwt } from '../api/jwt';

/**
 * Vonage retries an event it could not deliver for 24 hours (5 s, doubling up to 15 min), and does not
 * say whether a retry is signed again. A genuine retry must not be refused for its age, so the default
 * window covers the whole schedule plus an hour; replays inside it are stopped by the seen-`jti` store.
 */
export const DEFAULT_MAX_AGE_SECONDS = 25 * 60 * 60;
export const MAX_AGE_RANGE = { min: 10, max: 48 * 60 * 60 } as const;
export const MAX_AGE_OPTION = 'Max Signature Age (Seconds)';
const CLOCK_SKEW_SECONDS = 60;

export type SignatureCheck =
	| { ok: true; claims: Record<string, unknown>; jti: string }
	/** `unsigned`: no Bearer token at all (Vonage's rare unsigned callback), as opposed to a refused one. */
	| { ok: false; unsigned: boolean; reason: string };

export interface SignatureInput {
	authorization: string | undefined;
	rawBody: Buffer | string;
	secret: string;
	maxAgeSeconds?: number;
	nowSeconds?: number;
	/** The credential's own values: a token that carries another one was signed for someone else. */
	expected?: { apiKey?: string; applicationId?: string };
}

const refuse = (reason: string): SignatureCheck => ({ ok: false, unsigned: false, reason });

/** Checks the Max Signature Age option (which an expression can set to anything) and returns it. */
export function maxAgeOf(value: unknown): number {
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value < MAX_AGE_RANGE.min ||
		value > MAX_AGE_RANGE.max
	) {
		const shown = typeof value === 'string' ? `"${value}"` : String(value);
		throw new Error(
			`${MAX_AGE_OPTION} must be a number of seconds from ${MAX_AGE_RANGE.min} to ${MAX_AGE_RANGE.max}, not ${shown}. ` +
				`Leave it empty for the default (${DEFAULT_MAX_AGE_SECONDS}, which covers Vonage's 24-hour retries).`,
		);
	}
	return value;
}

function timeClaims(
	claims: Record<string, unknown>,
	now: number,
	maxAge: number,
): string | undefined {
	const { iat, exp, nbf } = claims;
	if (typeof iat !== 'number') return 'the token has no iat';
	if (iat > now + CLOCK_SKEW_SECONDS) return 'the token was issued in the future';
	if (now - iat > maxAge) return `the token is older than ${maxAge} seconds`;
	if (exp !== undefined && (typeof exp !== 'number' || exp <= now - CLOCK_SKEW_SECONDS))
		return 'the token has expired (exp)';
	if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_SKEW_SECONDS))
		return 'the token is not valid yet (nbf)';
	return undefined;
}

function whoseToken(
	claims: Record<string, unknown>,
	expected: SignatureInput['expected'],
): string | undefined {
	const differs = (claim: unknown, ours: string | undefined) =>
		typeof claim === 'string' && !!ours && claim !== ours;
	if (differs(claims.api_key, expected?.apiKey))
		return "the token's api_key is not the credential's API key";
	if (differs(claims.application_id, expected?.applicationId)) {
		return "the token's application_id is not the credential's application ID";
	}
	return undefined;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
	return /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
}

/**
 * Checks a Vonage signed webhook: `Authorization: Bearer <HS256 JWT>` made with the signature secret,
 * whose `payload_hash` is the SHA-256 of the exact body received, whose `iat` is within the window
 * (and `exp`/`nbf`, when present, hold), with a `jti`, for this credential's account and application.
 * Vonage's own SDK checks only the signature; the rest stops tampering, replays and cross-application use.
 */
export function checkSignature(input: SignatureInput): SignatureCheck {
	const token = bearerToken(input.authorization);
	if (!token) return { ok: false, unsigned: true, reason: 'no "Authorization: Bearer" token' };

	let claims: Record<string, unknown>;
	try {
		claims = verifyHs256Jwt(token, input.secret).claims;
	} catch (error) {
		return refuse((error as Error).message);
	}
	if (
		typeof claims.payload_hash !== 'string' ||
		claims.payload_hash.toLowerCase() !== sha256Hex(input.rawBody)
	) {
		return refuse('payload_hash does not match the body');
	}
	const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
	const late = timeClaims(claims, now, input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
	if (late) return refuse(late);
	if (typeof claims.jti !== 'string' || claims.jti === '') return refuse('the token has no jti');
	const foreign = whoseToken(claims, input.expected);
	if (foreign) return refuse(foreign);
	return { ok: true, claims, jti: claims.jti };
}
