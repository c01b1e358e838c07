import type { IWebhookFunctions } from 'n8n-workflow';

import { readCredentials, type VonageCredentials } from '../api/credentials';
import { CREDENTIAL_TYPE } from '../api/transport';

/** How long a trigger reuses a credential it has read, when the credential has a signature secret. */
export const CREDENTIAL_REUSE_MS = 10_000;

const recent = new Map<string, { credentials: VonageCredentials; until: number }>();

/**
 * The trigger's credential, for webhook(). Reading a credential there is the dearest step of an event
 * in n8n 2.x (outside a run, n8n resolves it in a fresh expression isolate each time), so a credential
 * with a signature secret is reused for CREDENTIAL_REUSE_MS. That can never let through what the
 * current credential refuses for long, and never refuses what it accepts: `fresh` reads it again, which
 * the caller does when the reused secret refuses a signature (the secret may have changed). A
 * credential without a secret is read every time, so a secret added to it applies to the next event.
 */
export async function webhookCredentials(
	ctx: IWebhookFunctions,
	fresh = false,
): Promise<VonageCredentials> {
	const id = ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id;
	const now = Date.now();
	const reused = id ? recent.get(id) : undefined;
	if (reused && !fresh && reused.until > now) return reused.credentials;
	const credentials = readCredentials(await ctx.getCredentials(CREDENTIAL_TYPE));
	if (id && credentials.signatureSecret)
		recent.set(id, { credentials, until: now + CREDENTIAL_REUSE_MS });
	else if (id) recent.delete(id);
	return credentials;
}
