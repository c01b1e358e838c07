/** The credential as the code reads it: the dialog's fields, trimmed, with the default Base URL. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from './baseUrl';

export type AuthType = 'jwt' | 'basic';

/** The credential as the code uses it; the UI's field names live in the credential class. */
export interface VonageCredentials {
	authType: AuthType;
	apiKey: string;
	apiSecret: string;
	applicationId: string;
	privateKey: string;
	signatureSecret: string;
	baseUrl: string;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export function readCredentials(data: ICredentialDataDecryptedObject): VonageCredentials {
	return {
		authType: data.authType === 'basic' ? 'basic' : 'jwt',
		apiKey: text(data.apiKey),
		apiSecret: text(data.apiSecret),
		applicationId: text(data.applicationId),
		privateKey: typeof data.privateKey === 'string' ? data.privateKey : '',
		signatureSecret: text(data.signatureSecret),
		baseUrl: (text(data.baseUrl) || DEFAULT_BASE_URL).replace(/\/+$/, ''),
	};
}
