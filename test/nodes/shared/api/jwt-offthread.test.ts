// The JWT the Send SMS node signs on libuv's thread pool is the same token the credential type signs,
// checked independently with jsonwebtoken; and the header it goes out with is the credential type's.
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';

import { authorizationHeader } from '../../../../nodes/shared/api/auth';
import { readCredentials } from '../../../../nodes/shared/api/credentials';
import { signApplicationJwtOffThread } from '../../../../nodes/shared/api/jwt';
import { requestAuthorization } from '../../../../nodes/shared/api/requestAuth';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
	modulusLength: 2048,
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const applicationId = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const credentials = readCredentials({
	authType: 'jwt',
	applicationId,
	privateKey,
	apiKey: 'abcd1234',
	apiSecret: 'secret-secret-1',
	baseUrl: 'https://api.nexmo.com',
});

describe('application JWT signed off the main thread', () => {
	it('verifies with the public key: RS256, application_id, 15 minutes, a new jti each time', async () => {
		const tokens = await Promise.all(
			Array.from(
				{ length: 20 },
				async () => await signApplicationJwtOffThread(applicationId, privateKey),
			),
		);
		const claims = tokens.map(
			(token) => jwt.verify(token, publicKey, { algorithms: ['RS256'] }) as jwt.JwtPayload,
		);
		for (const c of claims) {
			expect(c).toMatchObject({
				application_id: applicationId,
				jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
			});
			expect(c.exp! - c.iat!).toBe(900);
			expect(Math.abs(c.iat! - Date.now() / 1000)).toBeLessThan(5);
		}
		expect(new Set(claims.map((c) => c.jti)).size).toBe(20);
	});

	it('refuses a key that cannot sign, with the same help as the credential type', async () => {
		await expect(signApplicationJwtOffThread(applicationId, 'not a key')).rejects.toThrow(
			/private key/i,
		);
	});

	it('goes out as the credential type would send it: Bearer for Messages, Basic for the Applications API', async () => {
		const messages = (
			await requestAuthorization(credentials, 'https://api.nexmo.com/v0.1/messages')
		).header;
		expect(messages).toMatch(/^Bearer /);
		expect(jwt.verify(messages.slice(7), publicKey, { algorithms: ['RS256'] })).toMatchObject({
			application_id: applicationId,
		});
		expect(
			await requestAuthorization(
				credentials,
				`https://api.nexmo.com/v2/applications/${applicationId}`,
				'basic',
			),
		).toEqual({ header: authorizationHeader(credentials, true) });
	});

	it('attaches no credentials to plain http unless the host is loopback', async () => {
		await expect(
			requestAuthorization(credentials, 'http://example.com/v0.1/messages'),
		).rejects.toThrow();
		await expect(
			requestAuthorization(credentials, 'http://127.0.0.1:3999/v0.1/messages'),
		).resolves.toMatchObject({ header: expect.stringMatching(/^Bearer /) });
	});
});
