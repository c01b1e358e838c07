import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

import type { EmulatorCredentials, EmulatorOptions } from './types';

/** The account and application credentials: the given ones, the rest generated. */
export function makeCredentials(options: EmulatorOptions): EmulatorCredentials {
	let { privateKey, publicKey } = options;
	if (!privateKey || !publicKey) {
		const pair = generateKeyPairSync('rsa', {
			modulusLength: 2048,
			privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
			publicKeyEncoding: { type: 'spki', format: 'pem' },
		});
		privateKey = pair.privateKey;
		publicKey = pair.publicKey;
	}
	return {
		apiKey: options.apiKey ?? randomBytes(4).toString('hex'),
		apiSecret: options.apiSecret ?? randomBytes(12).toString('base64url'),
		applicationId: options.applicationId ?? randomUUID(),
		privateKey,
		publicKey,
		signatureSecret: options.signatureSecret ?? randomBytes(32).toString('base64url'),
	};
}

/** What may be shown to anyone: no API secret, no private key, no signature secret. */
export function publicCredentials(credentials: EmulatorCredentials) {
	const { apiKey, applicationId, publicKey } = credentials;
	return { apiKey, applicationId, publicKey };
}
