import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { VonageCredentials } from '../../../shared/api/credentials';
import { HANDOVER_HEADER, signHandover } from '../../../shared/handover/sign';
import { activate, triggerUrl, wasReused as wasRead } from './triggerUrl';

const ACTIVATE = (applicationId: string) => activate('inbound_url', applicationId);

/**
 * The production Inbound URL of an Inbound Trigger of this n8n that the application sends its inbound
 * messages to; throws saying what to activate otherwise. `resumeUrl` (this execution's) gives this n8n's
 * origin and path prefix.
 */
export async function inboundTriggerUrl(
	ctx: IExecuteFunctions,
	credentials: VonageCredentials,
	resumeUrl: string,
	fresh = false,
): Promise<string> {
	const missing = ['API Key', 'API Secret', 'Application ID', 'Signature Secret'].filter(
		(_, i) =>
			[
				credentials.apiKey,
				credentials.apiSecret,
				credentials.applicationId,
				credentials.signatureSecret,
			][i] === '',
	);
	if (missing.length > 0)
		throw new NodeOperationError(
			ctx.getNode(),
			`Send and Wait for Reply needs ${missing.join(', ')} in the credential`,
			{
				description:
					'The node reads the application to find its Inbound Trigger (API Key, API Secret, Application ID) and signs what it hands over with a key derived from the Signature Secret. Fill them in; nothing was sent.',
			},
		);
	return await triggerUrl(ctx, credentials, 'inbound_url', resumeUrl, fresh);
}

/** Whether the Inbound URL was read from Vonage within the reuse time (so a refusal may be stale). */
export function wasReused(credentials: VonageCredentials, started: number): boolean {
	return wasRead(credentials, 'inbound_url', started);
}

/** POSTs a signed hand-over to the Inbound Trigger; no redirects. The status and the parsed JSON answer. */
export async function postHandover(
	ctx: IExecuteFunctions,
	url: string,
	payload: object,
	signatureSecret: string,
): Promise<{ statusCode: number; body: Record<string, unknown> } | undefined> {
	const body = JSON.stringify(payload);
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		headers: {
			'content-type': 'application/json',
			[HANDOVER_HEADER]: signHandover(body, signatureSecret),
		},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: 15_000,
		json: false,
	};
	try {
		const response = (await ctx.helpers.httpRequest(request)) as {
			statusCode: number;
			body: unknown;
		};
		let parsed: unknown = response.body;
		if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
			try {
				parsed = JSON.parse(parsed.toString());
			} catch {
				parsed = {};
			}
		}
		const json =
			typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
		return { statusCode: response.statusCode, body: json };
	} catch {
		return undefined;
	}
}

export { ACTIVATE };
