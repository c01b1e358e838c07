import { sleep, type IHookFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { readCredentials } from '../api/credentials';
import { CREDENTIAL_TYPE } from '../api/transport';

/** How long a trigger reuses a credential it has read, when the credential has a signature secret. */
export const CREDENTIAL_REUSE_MS = 10_000;

/** The only parts of the credential a webhook needs. */
export interface WebhookSecrets {
	signatureSecret?: string;
	apiKey?: string;
	applicationId?: string;
}

interface Held {
	secrets: WebhookSecrets;
	until: number;
	/** Read again because the held secret refused a token: no further read until the entry goes. */
	reread: boolean;
	/** Stops the timer that drops the entry. */
	timer: AbortController;
}

const held = new Map<string, Held>();

function credentialId(ctx: IWebhookFunctions | IHookFunctions): string | undefined {
	return ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined;
}

function release(id: string): void {
	held.get(id)?.timer.abort();
	held.delete(id);
}

/** Holds `secrets` for CREDENTIAL_REUSE_MS, then drops them (a timer, so nothing waits for a next request). */
function hold(id: string, secrets: WebhookSecrets, reread: boolean): void {
	release(id);
	const timer = new AbortController();
	const entry: Held = { secrets, until: Date.now() + CREDENTIAL_REUSE_MS, reread, timer };
	held.set(id, entry);
	sleep(CREDENTIAL_REUSE_MS, timer.signal).then(
		() => {
			if (held.get(id) === entry) held.delete(id);
		},
		() => {
			// Aborted: the entry was released or replaced already.
		},
	);
}

async function read(ctx: IWebhookFunctions): Promise<WebhookSecrets> {
	const { signatureSecret, apiKey, applicationId } = readCredentials(
		await ctx.getCredentials(CREDENTIAL_TYPE),
	);
	return { signatureSecret, apiKey, applicationId };
}

/**
 * The trigger's credential, for webhook(). Reading a credential there is the dearest step of an event
 * in n8n 2.x (outside a run, n8n resolves it in a fresh expression isolate each time), so a credential
 * with a signature secret is held for CREDENTIAL_REUSE_MS and then dropped; only the secret and the two
 * ids are held. A credential without a secret is read every time, so a secret added to it applies to
 * the next event.
 */
export async function webhookCredentials(ctx: IWebhookFunctions): Promise<WebhookSecrets> {
	const id = credentialId(ctx);
	const entry = id ? held.get(id) : undefined;
	if (entry && entry.until > Date.now()) return entry.secrets;
	const secrets = await read(ctx);
	if (id && secrets.signatureSecret) hold(id, secrets, false);
	else if (id) release(id);
	return secrets;
}

/**
 * The current credential after the held one refused a token (its secret may have changed): read again
 * once per holding window, so a stream of forged tokens costs one read per window, not one each.
 * Undefined when it was already read again in this window (the refusal stands).
 */
export async function rereadCredentials(
	ctx: IWebhookFunctions,
): Promise<WebhookSecrets | undefined> {
	const id = credentialId(ctx);
	const entry = id ? held.get(id) : undefined;
	if (entry?.reread && entry.until > Date.now()) return undefined;
	const secrets = await read(ctx);
	if (id && secrets.signatureSecret) hold(id, secrets, true);
	else if (id) release(id);
	return secrets;
}

/** Drops what is held for this node's credential (the workflow is deactivated). */
export function forgetCredentials(ctx: IHookFunctions): void {
	const id = credentialId(ctx);
	if (id) release(id);
}

/** Drops every held credential and its timer (tests: each starts as a fresh process would). */
export function dropHeldCredentials(): void {
	for (const id of [...held.keys()]) release(id);
}

/** How many credentials are held now, for tests and diagnostics. */
export function credentialsHeld(): number {
	return held.size;
}
