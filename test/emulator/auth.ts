import type { IncomingHttpHeaders } from 'node:http';
import jwt from 'jsonwebtoken';

export interface AccountKeys {
	apiKey: string;
	apiSecret: string;
	applicationId: string;
	publicKey: string;
}

export type AuthResult = { ok: true; auth: 'jwt' | 'basic'; jti?: string } | { ok: false; detail: string };

const MAX_TTL_SECONDS = 24 * 60 * 60;
const SKEW_SECONDS = 60;

/** Checks Authorization as Vonage does: exactly one of Basic key:secret or an RS256 application JWT. */
export function checkAuth(
	headers: IncomingHttpHeaders,
	keys: AccountKeys,
	usedJtis: Set<string>,
	allow: { jwt: boolean; basic: boolean },
): AuthResult {
	const header = headers.authorization ?? '';
	const [scheme, value] = header.split(/\s+/, 2);
	if (/^basic$/i.test(scheme ?? '') && value) {
		if (!allow.basic) return { ok: false, detail: 'Basic authentication is not accepted here.' };
		const decoded = Buffer.from(value, 'base64').toString('utf8');
		const at = decoded.indexOf(':');
		if (at < 0 || decoded.slice(0, at) !== keys.apiKey || decoded.slice(at + 1) !== keys.apiSecret) {
			return { ok: false, detail: 'Invalid API key or secret.' };
		}
		return { ok: true, auth: 'basic' };
	}
	if (/^bearer$/i.test(scheme ?? '') && value) {
		if (!allow.jwt) return { ok: false, detail: 'This API accepts only Basic authentication (API key and secret).' };
		let claims: jwt.JwtPayload;
		try {
			claims = jwt.verify(value, keys.publicKey, { algorithms: ['RS256'], clockTolerance: SKEW_SECONDS }) as jwt.JwtPayload;
		} catch (error) {
			return { ok: false, detail: `Invalid token: ${(error as Error).message}` };
		}
		const now = Math.floor(Date.now() / 1000);
		if (claims.application_id !== keys.applicationId) return { ok: false, detail: 'Invalid token: unknown application_id.' };
		if (typeof claims.iat !== 'number' || claims.iat > now + SKEW_SECONDS) return { ok: false, detail: 'Invalid token: bad iat.' };
		if (typeof claims.jti !== 'string' || claims.jti === '') return { ok: false, detail: 'Invalid token: missing jti.' };
		if (claims.exp !== undefined && claims.exp - claims.iat > MAX_TTL_SECONDS) {
			return { ok: false, detail: 'Invalid token: exp is more than 24 hours after iat.' };
		}
		if (usedJtis.has(claims.jti)) return { ok: false, detail: 'Invalid token: jti already used.' };
		usedJtis.add(claims.jti);
		return { ok: true, auth: 'jwt', jti: claims.jti };
	}
	return { ok: false, detail: 'Missing or malformed Authorization header.' };
}
