import { assertCredentialTarget, basicAuthorization } from './auth';
import { type VonageCredentials } from './credentials';
import { assertComplete } from './credentialProblems';
import { applicationToken, type TokenUse } from './tokenCache';

/**
 * How an API client authenticates, stated by the client itself: the Messages API with the credential's
 * choice (a JWT or the API key and secret), the Applications API with Basic API key:secret whatever the
 * credential's choice (Vonage's Applications API accepts nothing else).
 */
export type AuthScheme = 'credential' | 'basic';

export interface RequestAuthorization {
	header: string;
	/** For a JWT: whether the token was reused, and which one it is (tokenCache.ts). */
	token?: TokenUse;
}

/**
 * The Authorization header for one request to `url` that may take up to `requestMs`, or a
 * CredentialProblem thrown: the same target check as the credential type's authenticate() (https, or
 * plain http to a loopback host), the same completeness check, and for JWT the credential's cached
 * token while it outlives the request with room to spare, else a fresh one signed off n8n's thread.
 */
export async function requestAuthorization(
	credentials: VonageCredentials,
	url: string,
	scheme: AuthScheme = 'credential',
	requestMs = 30_000,
): Promise<RequestAuthorization> {
	assertCredentialTarget(url);
	assertComplete(credentials, scheme === 'basic' ? 'register' : 'send');
	if (scheme === 'basic' || credentials.authType === 'basic')
		return { header: basicAuthorization(credentials.apiKey, credentials.apiSecret) };
	const { token, use } = await applicationToken(credentials, requestMs);
	return { header: `Bearer ${token}`, token: use };
}
