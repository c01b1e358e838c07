import { assertCredentialTarget, authorizationHeader, missingAuthFields, requiresBasicAuth, type VonageCredentials } from './auth';
import { checkedBaseUrl } from './baseUrl';
import { signApplicationJwtOffThread } from './jwt';

/**
 * The Authorization header for a request to `url`, exactly as the credential type's authenticate()
 * sets it (same target check, same header), except that a JWT is signed off n8n's thread: a fresh
 * token, new `jti`, per request.
 */
export async function requestAuthorization(credentials: VonageCredentials, url: string): Promise<string> {
	assertCredentialTarget(url);
	const forceBasic = requiresBasicAuth(url);
	if (forceBasic || credentials.authType === 'basic' || missingAuthFields(credentials).length > 0) {
		return authorizationHeader(credentials, forceBasic);
	}
	checkedBaseUrl(credentials.baseUrl);
	return `Bearer ${await signApplicationJwtOffThread(credentials.applicationId, credentials.privateKey)}`;
}
