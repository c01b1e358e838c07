import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isApplication, updateBody, type Application } from '../api/applicationShape';
import { readCredentials, type VonageCredentials } from '../api/credentials';
import { applicationsBaseUrl } from '../api/baseUrl';
import { credentialProblems, MANUAL_HINT } from '../api/credentialProblems';
import {
	CREDENTIAL_TYPE,
	isFailure,
	vonageApiError,
	vonageRequest,
	type VonageResponse,
} from '../api/transport';

export * from '../api/applicationShape';

export { MANUAL_HINT };

/** API key, secret and application ID are all the Applications API needs, whatever the credential's auth type. */
export async function applicationCredentials(this: IHookFunctions): Promise<VonageCredentials> {
	const credentials = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const [problem] = credentialProblems(credentials, 'register');
	if (problem)
		throw new NodeOperationError(this.getNode(), problem.message, {
			description: problem.description,
		});
	return credentials;
}

function applicationPath(credentials: VonageCredentials): string {
	return `/v2/applications/${encodeURIComponent(credentials.applicationId)}`;
}

/** The Applications API lives on api.nexmo.com for every Vonage host, on the Base URL for any other (the emulator). */
async function applicationsRequest(
	this: IHookFunctions,
	credentials: VonageCredentials,
	method: 'GET' | 'PUT',
	body?: IDataObject,
): Promise<VonageResponse> {
	const base = applicationsBaseUrl(credentials.baseUrl);
	const response = await vonageRequest.call(
		this,
		credentials,
		'basic',
		base,
		method,
		applicationPath(credentials),
		body,
	);
	if (isFailure(response)) {
		const { message, description } = response.failure;
		throw new NodeOperationError(
			this.getNode(),
			`Could not reach the Vonage Applications API: ${message}`,
			{
				description:
					description ??
					'Check the Base URL in the credential and the network, then activate the workflow again.',
			},
		);
	}
	return response;
}

function notAnApplication(
	this: IHookFunctions,
	credentials: VonageCredentials,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		'The Vonage Applications API answered 200, but not with the application',
		{
			description: `Nothing was written to application "${credentials.applicationId}". Check the Base URL in the credential, ${MANUAL_HINT}.`,
		},
	);
}

/** The application, or 'deleted' when Vonage has none with this ID for this API key (404). */
export async function readApplication(
	this: IHookFunctions,
	credentials: VonageCredentials,
): Promise<Application | 'deleted'> {
	const response = await applicationsRequest.call(this, credentials, 'GET');
	if (response.statusCode === 404) return 'deleted';
	if (response.statusCode !== 200) throw vonageApiError(this.getNode(), response);
	if (!isApplication(response.body, credentials.applicationId))
		throw notAnApplication.call(this, credentials);
	return response.body;
}

/** The activation error for an application Vonage does not have (any more) for this API key. */
export function noApplicationError(
	this: IHookFunctions,
	credentials: VonageCredentials,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`Vonage has no application with the ID "${credentials.applicationId}" for this API key`,
		{
			description: `Check the Application ID in the credential (Vonage Dashboard > Applications), ${MANUAL_HINT}.`,
		},
	);
}

export async function getApplication(
	this: IHookFunctions,
	credentials: VonageCredentials,
): Promise<Application> {
	const application = await readApplication.call(this, credentials);
	if (application === 'deleted') throw noApplicationError.call(this, credentials);
	return application;
}

/**
 * Writes the whole application back as read (Vonage does not say whether PUT merges), less the fields
 * an update must not carry (applicationShape NOT_SENT_ON_UPDATE); 'deleted' on 404.
 */
export async function putApplication(
	this: IHookFunctions,
	credentials: VonageCredentials,
	application: Application,
): Promise<'done' | 'deleted'> {
	if (!isApplication(application, credentials.applicationId))
		throw notAnApplication.call(this, credentials);
	const response = await applicationsRequest.call(
		this,
		credentials,
		'PUT',
		updateBody(application),
	);
	if (response.statusCode === 404) return 'deleted';
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const error = vonageApiError(this.getNode(), response);
		error.message = `Vonage refused to update the application's webhook: ${error.message}`;
		throw error;
	}
	return 'done';
}
