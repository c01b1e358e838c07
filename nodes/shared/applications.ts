import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials, type VonageCredentials } from './auth';
import { CREDENTIAL_TYPE, isFailure, vonageApiError, vonageRequest } from './transport';

/** The two Messages webhooks an application has. */
export type WebhookKey = 'status_url' | 'inbound_url';

export interface WebhookSetting {
	address: string;
	http_method: string;
}

export type Application = IDataObject & { name?: string; capabilities?: IDataObject };

const MANUAL_HINT = 'or set the trigger\'s Registration to "Manual" and paste its URL into the Vonage Dashboard yourself';

/** API key, secret and application ID are all the Applications API needs, whatever the credential's auth type. */
export async function applicationCredentials(this: IHookFunctions): Promise<VonageCredentials> {
	const credentials = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	const missing = [
		!credentials.apiKey && 'API Key',
		!credentials.apiSecret && 'API Secret',
		!credentials.applicationId && 'Application ID',
	].filter((field): field is string => Boolean(field));
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`To register its webhook URL on your Vonage application, the trigger needs ${missing.join(', ')} in the Vonage Messages API credential`,
			{ description: `Fill in ${missing.join(', ')} in the credential, ${MANUAL_HINT}.` },
		);
	}
	return credentials;
}

function applicationPath(credentials: VonageCredentials): string {
	return `/v2/applications/${encodeURIComponent(credentials.applicationId)}`;
}

function transportError(this: IHookFunctions, message: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), `Could not reach the Vonage Applications API: ${message}`, {
		description: 'Check the Base URL in the credential and the network, then activate the workflow again.',
	});
}

export async function getApplication(this: IHookFunctions, credentials: VonageCredentials): Promise<Application> {
	const response = await vonageRequest.call(this, credentials.baseUrl, 'GET', applicationPath(credentials));
	if (isFailure(response)) throw transportError.call(this, response.failure.message);
	if (response.statusCode === 404) {
		throw new NodeOperationError(
			this.getNode(),
			`Vonage has no application with the ID "${credentials.applicationId}" for this API key`,
			{ description: `Check the Application ID in the credential (Vonage Dashboard > Applications), ${MANUAL_HINT}.` },
		);
	}
	if (response.statusCode !== 200) throw vonageApiError(this.getNode(), response);
	return response.body as Application;
}

export async function putApplication(
	this: IHookFunctions,
	credentials: VonageCredentials,
	application: Application,
): Promise<void> {
	// Vonage does not say whether PUT merges, so the whole application goes back, changed in one place only.
	const body: IDataObject = { ...application };
	delete body._links;
	const response = await vonageRequest.call(this, credentials.baseUrl, 'PUT', applicationPath(credentials), body);
	if (isFailure(response)) throw transportError.call(this, response.failure.message);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const error = vonageApiError(this.getNode(), response);
		error.message = `Vonage refused to update the application's webhook: ${error.message}`;
		throw error;
	}
}

export function webhookOf(application: Application, key: WebhookKey): WebhookSetting | undefined {
	const messages = application.capabilities?.messages as IDataObject | undefined;
	const webhooks = messages?.webhooks as IDataObject | undefined;
	const setting = webhooks?.[key] as WebhookSetting | undefined;
	return setting && typeof setting.address === 'string' && setting.address !== '' ? setting : undefined;
}

/** A copy of the application with one Messages webhook set (or removed when `setting` is undefined). */
export function withWebhook(application: Application, key: WebhookKey, setting: WebhookSetting | undefined): Application {
	const capabilities = { ...(application.capabilities ?? {}) };
	const messages = { ...((capabilities.messages as IDataObject | undefined) ?? {}) };
	const webhooks = { ...((messages.webhooks as IDataObject | undefined) ?? {}) };
	if (setting) webhooks[key] = { ...setting };
	else delete webhooks[key];
	messages.webhooks = webhooks;
	capabilities.messages = messages;
	return { ...application, capabilities };
}
