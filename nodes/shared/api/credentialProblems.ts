/**
 * Whether the credential is complete for what is about to happen: one check and one wording for the
 * send path, trigger registration, the credential dialog's Test and the Authorization header. Each
 * caller turns the first problem into its own kind of error.
 */
import type { VonageCredentials } from './credentials';
import { CredentialProblem, urlProblem } from './baseUrl';
import { privateKeyProblem } from './jwt';

export { CredentialProblem };

/**
 * send: a Messages API request with the credential's own authentication.
 * register: the triggers' Applications API calls (API key and secret, and the application).
 * test: the credential dialog's Test, which also refuses half of the API key and secret pair.
 */
export type CredentialPurpose = 'send' | 'register' | 'test';

export const MANUAL_HINT =
	'or set the trigger\'s Registration to "Manual" and paste its URL into the Vonage Dashboard yourself';

const CREDENTIAL = 'the Vonage Messages API credential';

function list(fields: string[]): string {
	return fields.length > 1
		? `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`
		: fields.join('');
}

/** The fields `purpose` needs that are empty, as the credential dialog labels them. */
export function missingFields(
	credentials: VonageCredentials,
	purpose: CredentialPurpose,
): string[] {
	const required: Array<[label: string, value: string]> =
		purpose === 'register'
			? [
					['API Key', credentials.apiKey],
					['API Secret', credentials.apiSecret],
					['Application ID', credentials.applicationId],
				]
			: credentials.authType === 'jwt'
				? [
						['Application ID', credentials.applicationId],
						['Private Key', credentials.privateKey.trim()],
					]
				: [
						['API Key', credentials.apiKey],
						['API Secret', credentials.apiSecret],
					];
	return required.filter(([, value]) => !value).map(([label]) => label);
}

function missingProblem(
	credentials: VonageCredentials,
	purpose: CredentialPurpose,
	missing: string[],
): CredentialProblem {
	const what =
		purpose === 'register'
			? "Registering the trigger's webhook URL on your Vonage application"
			: `${credentials.authType === 'jwt' ? 'JWT' : 'Basic'} authentication`;
	const instead = purpose === 'register' ? MANUAL_HINT : 'or switch its Authentication';
	return new CredentialProblem(
		`${what} needs ${list(missing)} in ${CREDENTIAL}, which is missing ${list(missing)}`,
		`Open the credential and fill ${missing.length > 1 ? 'them' : 'it'} in, ${instead}.`,
	);
}

/** Everything that stops the credential from serving `purpose`, most basic first; empty when it can. */
export function credentialProblems(
	credentials: VonageCredentials,
	purpose: CredentialPurpose,
): CredentialProblem[] {
	const problems: CredentialProblem[] = [];
	const baseUrl = urlProblem(credentials.baseUrl);
	if (baseUrl) problems.push(baseUrl);
	const missing = missingFields(credentials, purpose);
	if (missing.length > 0) problems.push(missingProblem(credentials, purpose, missing));
	const signs =
		purpose !== 'register' &&
		credentials.authType === 'jwt' &&
		credentials.privateKey.trim() !== '';
	const keyProblem = signs ? privateKeyProblem(credentials.privateKey) : undefined;
	if (keyProblem)
		problems.push(
			new CredentialProblem(`The private key in ${CREDENTIAL} cannot sign`, keyProblem),
		);
	if (purpose === 'test' && Boolean(credentials.apiKey) !== Boolean(credentials.apiSecret)) {
		const [filled, empty] = credentials.apiKey
			? ['API Key', 'API Secret']
			: ['API Secret', 'API Key'];
		problems.push(
			new CredentialProblem(
				`${filled} is filled in but ${empty} is empty`,
				'The triggers need both to register their webhook URLs; fill in both, or leave both empty if you only send messages.',
			),
		);
	}
	return problems;
}

/** The first problem for `purpose`, thrown; the credential otherwise. */
export function assertComplete(
	credentials: VonageCredentials,
	purpose: CredentialPurpose,
): VonageCredentials {
	const [problem] = credentialProblems(credentials, purpose);
	if (problem) throw problem;
	return credentials;
}
