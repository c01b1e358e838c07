import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

import { checkAuth, type AccountKeys } from './auth';
import { isHttpUrl, sendJson, type Parsed } from './http';
import {
	applicationsUnauthorized,
	genericProblem,
	notFound,
	wrongVerb,
	type InvalidParameter,
} from './problems';
import { WEBHOOK_VERSIONS, type Application, type WebhookVersion } from './types';

/**
 * The application every emulator starts with (and reset() restores): Messages and Voice capabilities.
 * `capabilities.messages.version` is absent unless `version` is given, as in the GET fixtures of Vonage's
 * Java SDK (ApplicationClientTest SAMPLE_APPLICATION) and .NET SDK (Applications/Data/
 * GetApplication-response.json); an absent version means v1 webhooks (shared README: "if not populated
 * will be set to v1"; modelled by account.ts applicationVersion), and a PUT stores it absent as sent.
 */
export function initialApplication(keys: AccountKeys, version?: WebhookVersion): Application {
	return {
		id: keys.applicationId,
		name: 'n8n emulator app',
		capabilities: {
			messages: {
				webhooks: {
					inbound_url: { address: 'https://example.com/webhooks/inbound', http_method: 'POST' },
					status_url: { address: 'https://example.com/webhooks/status', http_method: 'POST' },
				},
				...(version !== undefined ? { version } : {}),
			},
			voice: {
				webhooks: {
					answer_url: { address: 'https://example.com/webhooks/answer', http_method: 'GET' },
					event_url: { address: 'https://example.com/webhooks/event', http_method: 'POST' },
				},
			},
		},
		keys: { public_key: keys.publicKey },
		privacy: { improve_ai: false },
	};
}

export interface ApplicationsState {
	keys: AccountKeys;
	application: Application;
	writes: Application[];
}

const withLinks = (app: Application) => ({
	...app,
	_links: { self: { href: `/v2/applications/${app.id}` } },
});

const badRequest = (anchor: string, detail: string, invalid: InvalidParameter[]) =>
	genericProblem(`application#${anchor}`, 'Bad Request', detail, { invalid_parameters: invalid });

/** Sets (or with undefined removes) the application's Messages webhook version, as a PUT would. */
export function setApplicationVersion(app: Application, version: WebhookVersion | undefined): void {
	const messages = app.capabilities?.messages;
	if (!messages) return;
	if (version === undefined) delete messages.version;
	else messages.version = version;
}

/**
 * `capabilities.verify.version` is Vonage's to set: the Python SDK (vonage_application common.py,
 * Verify) says "Don't set the `version` field when creating or updating an application", and the Java
 * SDK's Verify capability has no version field although its GET fixture (ApplicationClientTest) shows
 * `"version": "v2"`, so a Java update never sends it back. What Vonage does with one is not documented:
 * the emulator takes the strictest reading and refuses it, and keeps the version it has.
 */
function refusedOnUpdate(app: Application): InvalidParameter[] {
	const verify: unknown = app.capabilities?.verify;
	const version =
		typeof verify === 'object' && verify !== null
			? (verify as Record<string, unknown>).version
			: undefined;
	return version === undefined
		? []
		: [
				{
					name: 'capabilities.verify.version',
					reason: 'cannot be set when updating an application',
				},
			];
}

function keepVerifyVersion(before: Application, after: Application): void {
	const version: unknown = before.capabilities?.verify?.version;
	const verify = after.capabilities?.verify;
	if (version !== undefined && typeof verify === 'object' && verify !== null)
		verify.version = version;
}

/**
 * Every webhook of every capability must have an absolute http(s) address; Messages webhooks are POST;
 * a Messages `version`, when given, is "v1" or "v0.1" (shared README "Messages API versions").
 */
function invalidWebhooks(app: Application): InvalidParameter[] {
	const invalid: InvalidParameter[] = [];
	const version: unknown = app.capabilities?.messages?.version;
	if (version !== undefined && !WEBHOOK_VERSIONS.includes(version as WebhookVersion)) {
		invalid.push({
			name: 'capabilities.messages.version',
			reason: `must be one of: ${WEBHOOK_VERSIONS.join(', ')}`,
		});
	}
	for (const [capability, config] of Object.entries((app.capabilities ?? {}) as Application)) {
		for (const [name, hook] of Object.entries((config?.webhooks ?? {}) as Application)) {
			const path = `capabilities.${capability}.webhooks.${name}`;
			if (!isHttpUrl(hook?.address))
				invalid.push({ name: `${path}.address`, reason: 'must be an absolute http or https URL' });
			const methods = capability === 'messages' ? ['POST'] : ['GET', 'POST'];
			if (hook?.http_method !== undefined && !methods.includes(hook.http_method)) {
				invalid.push({
					name: `${path}.http_method`,
					reason: `must be one of: ${methods.join(', ')}`,
				});
			}
		}
	}
	return invalid;
}

function list(state: ApplicationsState, query: URLSearchParams, res: ServerResponse): void {
	const pageSize = Number(query.get('page_size') ?? 10);
	const page = Number(query.get('page') ?? 1);
	const invalid: InvalidParameter[] = [];
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
		invalid.push({ name: 'page_size', reason: 'must be between 1 and 100' });
	if (!Number.isInteger(page) || page < 1)
		invalid.push({ name: 'page', reason: 'must be 1 or more' });
	if (invalid.length > 0)
		return sendJson(
			res,
			400,
			badRequest('list-validation', 'The request failed due to validation errors', invalid),
		);
	const applications = page === 1 ? [withLinks(state.application)] : [];
	sendJson(res, 200, {
		page_size: pageSize,
		page,
		total_items: 1,
		total_pages: 1,
		_embedded: { applications },
	});
}

function put(state: ApplicationsState, parsed: Parsed, res: ServerResponse): void {
	const body = parsed.ok ? parsed.value : undefined;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return sendJson(
			res,
			400,
			badRequest('payload-validation', 'The request body must be a JSON object', [
				{ name: 'name', reason: 'is required' },
			]),
		);
	}
	const app = body as Application;
	if (typeof app.name !== 'string' || app.name.trim() === '') {
		return sendJson(
			res,
			400,
			badRequest('payload-validation', 'The request failed due to validation errors', [
				{ name: 'name', reason: 'is required' },
			]),
		);
	}
	const invalid = [...refusedOnUpdate(app), ...invalidWebhooks(app)];
	if (invalid.length > 0)
		return sendJson(
			res,
			400,
			badRequest('payload-validation', 'The request failed due to validation errors', invalid),
		);
	state.writes.push(structuredClone(app));
	const { _links: _ignored, ...rest } = app;
	// As Vonage: the id and the public key stay; a private key is never kept nor echoed.
	const stored: Application = {
		...structuredClone(rest),
		id: state.keys.applicationId,
		keys: { public_key: state.keys.publicKey },
	};
	keepVerifyVersion(state.application, stored);
	state.application = stored;
	sendJson(res, 200, withLinks(state.application));
}

/** The Applications API v2 for the emulator's one application: Basic auth (key:secret) only. */
export function handleApplications(
	request: {
		method: string;
		id: string | undefined;
		query: URLSearchParams;
		headers: IncomingHttpHeaders;
		body: Parsed;
	},
	state: ApplicationsState,
	res: ServerResponse,
): void {
	const auth = checkAuth(request.headers, state.keys, { jwt: false, basic: true });
	if (!auth.ok) return sendJson(res, 401, applicationsUnauthorized(auth.detail));
	const { method, id } = request;
	if (id === undefined) {
		if (method === 'GET') return list(state, request.query, res);
		return sendJson(res, 405, wrongVerb(method));
	}
	if (id !== state.keys.applicationId)
		return sendJson(res, 404, notFound(`ID '${id}' does not exist, or you do not have access`));
	if (method === 'GET') return sendJson(res, 200, withLinks(state.application));
	if (method === 'PUT') return put(state, request.body, res);
	return sendJson(res, 405, wrongVerb(method));
}
