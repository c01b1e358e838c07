import { authorizationHeader, missingAuthFields, type VonageCredentials } from './auth';
import { signApplicationJwtOffThread } from './jwt';

/**
 * The Authorization header for one request, the one the credential type sets (see
 * VonageMessagesApi.authenticate), with the JWT signed off n8n's thread: a fresh token, new `jti`,
 * per request.
 */
export async function requestAuthorization(credentials: VonageCredentials, forceBasic: boolean): Promise<string> {
	if (forceBasic || credentials.authType === 'basic' || missingAuthFields(credentials).length > 0) {
		return authorizationHeader(credentials, forceBasic);
	}
	return `Bearer ${await signApplicationJwtOffThread(credentials.applicationId, credentials.privateKey)}`;
}
