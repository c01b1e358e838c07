import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';

import { authorizationHeader } from '../../../../nodes/shared/api/auth';
import { readCredentials } from '../../../../nodes/shared/api/credentials';
import { isUsablePrivateKey, signApplicationJwt } from '../../../../nodes/shared/api/jwt';
import { itemRanges } from '../../../../nodes/VonageMessages/sending/ranges';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
	modulusLength: 2048,
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const applicationId = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';

describe('application JWT, checked independently with jsonwebtoken', () => {
	it('is RS256 with application_id, iat, jti and exp (15 minutes)', () => {
		const token = signApplicationJwt(applicationId, privateKey, 1_700_000_000);
		const { header, payload } = jwt.decode(token, { complete: true }) as jwt.Jwt;
		expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
		expect(payload).toEqual({
			application_id: applicationId,
			iat: 1_700_000_000,
			exp: 1_700_000_900,
			jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(() =>
			jwt.verify(token, publicKey, { algorithms: ['RS256'], ignoreExpiration: true }),
		).not.toThrow();
	});

	it('has a fresh jti every time', () => {
		const ids = new Set(
			Array.from(
				{ length: 20 },
				() => (jwt.decode(signApplicationJwt(applicationId, privateKey)) as jwt.JwtPayload).jti,
			),
		);
		expect(ids.size).toBe(20);
	});

	it('takes a key pasted with literal \\n sequences', () => {
		const pasted = privateKey.trim().replace(/\n/g, '\\n');
		expect(isUsablePrivateKey(pasted)).toBe(true);
		expect(() =>
			jwt.verify(signApplicationJwt(applicationId, pasted), publicKey, { algorithms: ['RS256'] }),
		).not.toThrow();
	});

	it('explains a broken key without echoing it', () => {
		const broken = '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----';
		expect(isUsablePrivateKey(broken)).toBe(false);
		expect(() => signApplicationJwt(applicationId, broken)).toThrow(/private\.key file/);
		try {
			signApplicationJwt(applicationId, broken);
		} catch (error) {
			expect((error as Error).message).not.toContain('not-a-key');
		}
	});
});

describe('Authorization header', () => {
	const credentials = readCredentials({
		authType: 'basic',
		apiKey: 'key1',
		apiSecret: 'secret1',
		applicationId,
		privateKey,
	});

	it('is Basic for basic auth and for the Applications API', () => {
		expect(authorizationHeader(credentials)).toBe(
			`Basic ${Buffer.from('key1:secret1').toString('base64')}`,
		);
		expect(authorizationHeader({ ...credentials, authType: 'jwt' }, true)).toMatch(/^Basic /);
	});

	it('is a Bearer JWT for jwt auth', () => {
		expect(authorizationHeader({ ...credentials, authType: 'jwt' })).toMatch(/^Bearer ey/);
	});

	it('names the missing fields', () => {
		expect(() => authorizationHeader({ ...credentials, authType: 'jwt', privateKey: '' })).toThrow(
			/Private Key/,
		);
		expect(() => authorizationHeader({ ...credentials, apiSecret: '' })).toThrow(/API Secret/);
	});

	it('defaults the base URL and trims a trailing slash', () => {
		expect(readCredentials({}).baseUrl).toBe('https://api.nexmo.com');
		expect(readCredentials({ baseUrl: 'http://127.0.0.1:3999/' }).baseUrl).toBe(
			'http://127.0.0.1:3999',
		);
	});
});

describe('itemRanges', () => {
	it.each([
		[[], ''],
		[[3], '3'],
		[[0, 1, 2, 5, 7, 8], '0-2, 5, 7-8'],
		[[9, 8, 1], '1, 8-9'],
	])('%p -> %p', (indexes, text) => expect(itemRanges(indexes)).toBe(text));
});
