import { generateKeyPairSync } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../nodes/VonageMessages/VonageMessages.node';
import type { Emulator } from '../emulator';
import { runNode } from '../harness';

export type AuthType = 'jwt' | 'basic';
export const AUTH_TYPES: AuthType[] = ['jwt', 'basic'];

/** The credential a user would type for this emulator, for either auth type. */
export function credentialFor(
	emulator: Emulator,
	authType: AuthType,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	const { apiKey, apiSecret, applicationId, privateKey, signatureSecret } = emulator.credentials;
	return {
		authType,
		apiKey,
		apiSecret,
		applicationId,
		privateKey,
		signatureSecret,
		baseUrl: emulator.url,
		...overrides,
	};
}

export const SMS_DEFAULTS: INodeParameters = {
	resource: 'sms',
	operation: 'send',
	from: '447700900001',
	to: '={{ $json.to }}',
	text: '={{ $json.text }}',
	clientRef: '={{ $json.ref }}',
};

/** Runs the Send SMS node through n8n's engine against the emulator. */
export async function sendSms(options: {
	emulator: Emulator;
	authType: AuthType;
	items: IDataObject[];
	parameters?: INodeParameters;
	credential?: IDataObject;
	continueOnFail?: boolean;
	/** Cancels the execution once this settles (n8n's Stop). */
	cancelWhen?: Promise<unknown>;
}) {
	return await runNode({
		nodeType: new VonageMessages(),
		parameters: { ...SMS_DEFAULTS, ...(options.parameters ?? {}) },
		items: options.items,
		credentials: {
			vonageMessagesApi: credentialFor(options.emulator, options.authType, options.credential),
		},
		credentialTypes: [new VonageMessagesApi()],
		continueOnFail: options.continueOnFail,
		cancelWhen: options.cancelWhen,
	});
}

export function customers(count: number, start = 0): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		to: `4477009${String(start + i).padStart(5, '0')}`,
		text: `Hello customer ${start + i}`,
		ref: `order-${start + i}`,
	}));
}

/** Every secret of the emulator's account, to prove none of them leaks. */
export function secretsOf(emulator: Emulator): string[] {
	const { apiSecret, privateKey, signatureSecret } = emulator.credentials;
	const keyBody = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
	return [
		apiSecret,
		signatureSecret,
		Buffer.from(`${emulator.credentials.apiKey}:${apiSecret}`).toString('base64'),
		...keyBody,
	];
}

/** An RSA private key encrypted with a passphrase, as some tools export one (n8n cannot use it). */
export function encryptedPrivateKey(): string {
	return generateKeyPairSync('rsa', {
		modulusLength: 2048,
		privateKeyEncoding: {
			type: 'pkcs8',
			format: 'pem',
			cipher: 'aes-256-cbc',
			passphrase: 'correct horse',
		},
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	}).privateKey;
}
