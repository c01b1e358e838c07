import { urlProblem } from './baseUrl';
import type { VonageCredentials } from './credentials';
import { assertComplete } from './credentialProblems';
import { signApplicationJwt } from './jwt';

export function basicAuthorization(apiKey: string, apiSecret: string): string {
	return `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
}

/**
 * The Authorization header for one Messages API request, or a CredentialProblem thrown. JWT: a fresh
 * RS256 token per call. `forceBasic` is for the Applications API, which accepts only the API key and secret.
 */
export function authorizationHeader(credentials: VonageCredentials, forceBasic = false): string {
	assertComplete(credentials, forceBasic ? 'register' : 'send');
	if (forceBasic || credentials.authType === 'basic')
		return basicAuthorization(credentials.apiKey, credentials.apiSecret);
	return `Bearer ${signApplicationJwt(credentials.applicationId, credentials.privateKey)}`;
}

/**
 * Throws a CredentialProblem unless `url` (a full request URL) may carry credentials: http(s), a host,
 * and plain http only to a loopback host. The last check before an Authorization header is attached.
 */
export function assertCredentialTarget(url: string): void {
	let origin = url;
	try {
		const parsed = new URL(url);
		origin = `${parsed.protocol}//${parsed.host}`;
	} catch {
		// not a URL: urlProblem says so
	}
	const problem = urlProblem(origin);
	if (problem) throw problem;
}
