import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';

import { strictBase64url } from '../../../../nodes/shared/api/jwt';
import {
	checkSignature,
	DEFAULT_MAX_AGE_SECONDS,
	maxAgeOf,
} from '../../../../nodes/shared/webhooks/signature';

const secret = 'a-signature-secret-of-32-characters!';
const body = Buffer.from(
	JSON.stringify({ message_uuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', status: 'delivered' }),
);
const now = Math.floor(Date.now() / 1000);
const hash = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function vonageToken(
	claims: object,
	key: jwt.Secret = secret,
	algorithm: jwt.Algorithm = 'HS256',
): string {
	const all: Record<string, unknown> = {
		iat: now,
		jti: 'j1',
		iss: 'Vonage',
		api_key: 'abc123',
		payload_hash: hash(body),
		...claims,
	};
	const defined = Object.fromEntries(
		Object.entries(all).filter(([, value]) => value !== undefined),
	);
	if (defined.iat === undefined) {
		// jsonwebtoken always adds iat; Vonage always sends one. Hand-sign the odd case.
		const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(defined)}`;
		return `${input}.${createHmac('sha256', key as string)
			.update(input)
			.digest('base64url')}`;
	}
	return jwt.sign(defined, key, { algorithm });
}

/** Signs by hand, so that the header can carry anything. */
function handToken(claims: object, header: object = {}): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const all = {
		iat: now,
		jti: 'j1',
		iss: 'Vonage',
		api_key: 'abc123',
		payload_hash: hash(body),
		...claims,
	};
	const input = `${part({ alg: 'HS256', typ: 'JWT', ...header })}.${part(all)}`;
	return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function unsignedToken(): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iat: now, payload_hash: hash(body) })}.`;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('checkSignature: Vonage signed webhooks', () => {
	it('accepts a token Vonage would send', () => {
		const check = checkSignature({
			authorization: `Bearer ${vonageToken({})}`,
			rawBody: body,
			secret,
			nowSeconds: now,
		});
		expect(check).toEqual({
			ok: true,
			jti: 'j1',
			claims: expect.objectContaining({ iss: 'Vonage' }),
		});
	});

	const rejects: Array<
		[label: string, authorization: string | undefined, raw: Buffer, reason: RegExp]
	> = [
		['not a JWT', 'Bearer abc', body, /not a JWT/],
		[
			'wrong secret',
			`Bearer ${vonageToken({}, 'another-secret-another-secret-123')}`,
			body,
			/signature does not match/,
		],
		['alg none', `Bearer ${unsignedToken()}`, body, /algorithm is none/],
		[
			'RS256 instead of HS256',
			`Bearer ${vonageToken({}, privateKey.export({ type: 'pkcs8', format: 'pem' }), 'RS256')}`,
			body,
			/algorithm is RS256/,
		],
		[
			'tampered body',
			`Bearer ${vonageToken({})}`,
			Buffer.from(body.toString().replace('delivered', 'read')),
			/payload_hash/,
		],
		['no payload_hash', `Bearer ${vonageToken({ payload_hash: undefined })}`, body, /payload_hash/],
		[
			'iat older than the default 25 h',
			`Bearer ${vonageToken({ iat: now - DEFAULT_MAX_AGE_SECONDS - 1 })}`,
			body,
			/older than 90000 seconds/,
		],
		['iat in the future', `Bearer ${vonageToken({ iat: now + 3600 })}`, body, /future/],
		['no iat', `Bearer ${vonageToken({ iat: undefined })}`, body, /no iat/],
		['a crit header', `Bearer ${handToken({}, { crit: ['b64'] })}`, body, /crit/],
		['an exp in the past', `Bearer ${handToken({ exp: now - 61 })}`, body, /expired/],
		['an exp that is not a number', `Bearer ${handToken({ exp: 'never' })}`, body, /expired/],
		['an nbf in the future', `Bearer ${handToken({ nbf: now + 61 })}`, body, /not valid yet/],
		['no jti', `Bearer ${handToken({ jti: undefined })}`, body, /no jti/],
		['an empty jti', `Bearer ${handToken({ jti: '' })}`, body, /no jti/],
		['junk after the signature', `Bearer ${handToken({})}!!`, body, /not a JWT/],
		['padding after the signature', `Bearer ${handToken({})}=`, body, /not a JWT/],
		['junk in the header part', `Bearer ${handToken({}).replace('.', '%.')}`, body, /not a JWT/],
		['another account (api_key)', `Bearer ${handToken({ api_key: 'zzz999' })}`, body, /api_key/],
		[
			'another application (application_id)',
			`Bearer ${handToken({ application_id: 'app-2' })}`,
			body,
			/application_id/,
		],
	];
	const expected = { apiKey: 'abc123', applicationId: 'app-1' };
	it.each(rejects)('refuses %s', (_label, authorization, raw, reason) => {
		const check = checkSignature({
			authorization,
			rawBody: raw,
			secret,
			nowSeconds: now,
			expected,
		});
		expect(check).toEqual({ ok: false, unsigned: false, reason: expect.stringMatching(reason) });
	});

	it.each([
		['no header', undefined],
		['Basic instead of Bearer', 'Basic YTpi'],
		['an empty Bearer', 'Bearer '],
	])('calls %s unsigned (answered 5xx, so Vonage retries)', (_label, authorization) => {
		expect(checkSignature({ authorization, rawBody: body, secret, nowSeconds: now })).toEqual({
			ok: false,
			unsigned: true,
			reason: 'no "Authorization: Bearer" token',
		});
	});

	it('accepts a token of this account and application, with exp and nbf that hold, and returns its jti', () => {
		const authorization = `Bearer ${handToken({ application_id: 'app-1', exp: now + 60, nbf: now - 5 })}`;
		expect(
			checkSignature({ authorization, rawBody: body, secret, nowSeconds: now, expected }),
		).toMatchObject({ ok: true, jti: 'j1' });
	});

	it('compares api_key and application_id only when both sides have one', () => {
		const authorization = `Bearer ${handToken({ api_key: 'zzz999', application_id: 'app-2' })}`;
		expect(
			checkSignature({ authorization, rawBody: body, secret, nowSeconds: now, expected: {} }).ok,
		).toBe(true);
		expect(
			checkSignature({
				authorization: `Bearer ${handToken({ api_key: undefined })}`,
				rawBody: body,
				secret,
				nowSeconds: now,
				expected,
			}).ok,
		).toBe(true);
	});

	it('accepts an iat up to 24 hours old by default (Vonage retries for 24 h and may not sign again)', () => {
		const authorization = `Bearer ${vonageToken({ iat: now - 24 * 3600 })}`;
		expect(checkSignature({ authorization, rawBody: body, secret, nowSeconds: now }).ok).toBe(true);
	});

	it('honours a custom age window', () => {
		const token = `Bearer ${vonageToken({ iat: now - 100 })}`;
		expect(
			checkSignature({
				authorization: token,
				rawBody: body,
				secret,
				nowSeconds: now,
				maxAgeSeconds: 60,
			}).ok,
		).toBe(false);
		expect(
			checkSignature({
				authorization: token,
				rawBody: body,
				secret,
				nowSeconds: now,
				maxAgeSeconds: 120,
			}).ok,
		).toBe(true);
	});

	it('never mentions the secret in a reason', () => {
		const check = checkSignature({
			authorization: `Bearer ${vonageToken({}, 'x'.repeat(40))}`,
			rawBody: body,
			secret,
			nowSeconds: now,
		});
		expect(JSON.stringify(check)).not.toContain(secret);
	});
});

describe('maxAgeOf: the Max Signature Age option', () => {
	it.each([10, 300, DEFAULT_MAX_AGE_SECONDS, 172800])('accepts %p', (value) =>
		expect(maxAgeOf(value)).toBe(value),
	);
	it.each([['abc'], ['300'], [9], [172801], [Number.NaN], [Infinity], [null], [{}]])(
		'refuses %p, naming the option and the range',
		(value) => {
			expect(() => maxAgeOf(value)).toThrow(
				/^Max Signature Age \(Seconds\) must be a number of seconds from 10 to 172800, not /,
			);
		},
	);
});

describe('strictBase64url', () => {
	it.each([
		['', 0],
		['AQ', 1],
		['AQI', 2],
		['AQID', 3],
		['_-8', 2],
	])('decodes canonical %p', (text, length) => {
		expect(strictBase64url(text)?.length).toBe(length);
	});
	it.each(['AQ==', 'AQ=', 'A', 'AR', 'AQ!', 'AQ ', 'AQ\n', 'A+/B', 'AQ.'])('refuses %p', (text) =>
		expect(strictBase64url(text)).toBeUndefined(),
	);
});
