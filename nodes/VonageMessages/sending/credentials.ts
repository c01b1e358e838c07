import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials, type VonageCredentials } from '../../shared/api/credentials';
import { credentialProblems } from '../../shared/api/credentialProblems';
import { CREDENTIAL_TYPE } from '../../shared/api/transport';

/** The credential, checked once per run so that a gap in it stops the node before anything is sent. */
export async function assertCredentials(this: IExecuteFunctions): Promise<VonageCredentials> {
	const credentials = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const [problem] = credentialProblems(credentials, 'send');
	if (problem)
		throw new NodeOperationError(this.getNode(), problem.message, {
			description: problem.description,
		});
	return credentials;
}
