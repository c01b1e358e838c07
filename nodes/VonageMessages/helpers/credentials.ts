import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { missingAuthFields, readCredentials, type VonageCredentials } from '../../shared/auth';
import { urlProblem } from '../../shared/baseUrl';
import { privateKeyProblem } from '../../shared/jwt';
import { CREDENTIAL_TYPE } from '../../shared/transport';

/** The credential, checked once per run so that a gap in it stops the node before anything is sent. */
export async function assertCredentials(this: IExecuteFunctions): Promise<VonageCredentials> {
	const credentials = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const baseUrl = urlProblem(credentials.baseUrl);
	if (baseUrl) throw new NodeOperationError(this.getNode(), baseUrl.message, { description: baseUrl.description });
	const missing = missingAuthFields(credentials);
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`The Vonage Messages API credential is missing ${missing.join(' and ')}`,
			{
				description: `${credentials.authType === 'jwt' ? 'JWT' : 'Basic'} authentication needs ${missing.join(' and ')}. Open the credential and fill ${missing.length > 1 ? 'them' : 'it'} in, or switch its Authentication.`,
			},
		);
	}
	const keyProblem = credentials.authType === 'jwt' ? privateKeyProblem(credentials.privateKey) : undefined;
	if (keyProblem) {
		throw new NodeOperationError(this.getNode(), 'The private key in the Vonage Messages API credential cannot sign', {
			description: keyProblem,
		});
	}
	return credentials;
}
