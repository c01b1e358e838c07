import { assertCredentialTarget, basicAuthorization } from './auth';
import { type VonageCredentials } from './credentials';
import { assertComplete } from './credentialProblems';
import { signApplicationJwtOffThread } from './jwt';

/**
 * How an API client authenticates, stated by the client itself: the Messages API with the credential's
 * choice (a JWT or the API key and secret), the Applications API with Basic API key:secret whatever the
 * credential's choice (Vonage's Applications API accepts nothing else).
 */
export type AuthScheme = 'credential' | 'basic';

/**
 * The Authorization header for one request to `url`, or a CredentialProblem thrown: the same target
 * check as the credential type's authenticate() (https, or plain http to a loopback host), the same
 * completeness check, and for JWT a fresh token (new `jti`) signed off n8n's thread.
 */
export async function requestAuthorization(
	credentials: VonageCredentials,
	url: string,
	scheme: AuthScheme = 'credential',
): Promise<string> {
	assertCredentialTarget(url);
	assertComplete(credentials, scheme === 'basic' ? 'register' : 'send');
	if (scheme === 'basic' || credentials.authType === 'basic')
		return basicAuthorization(credentials.apiKey, credentials.apiSecret);
	return `Bearer ${await signApplicationJwtOffThread(credentials.applicationId, credentials.privateKey)}`;
}
