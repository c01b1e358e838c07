import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

import { checkAuth, type AccountKeys } from './auth';
import { problem, sendJson, unauthorized } from './problems';

export type Application = Record<string, any>;

export function initialApplication(keys: AccountKeys): Application {
	return {
		id: keys.applicationId,
		name: 'n8n emulator app',
		capabilities: {
			messages: {
				webhooks: {
					inbound_url: { address: 'https://example.com/webhooks/inbound', http_method: 'POST' },
					status_url: { address: 'https://example.com/webhooks/status', http_method: 'POST' },
				},
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

function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

function badWebhooks(app: Application): string[] {
	const bad: string[] = [];
	for (const [capability, config] of Object.entries(app.capabilities ?? {})) {
		for (const [name, hook] of Object.entries((config as Application)?.webhooks ?? {})) {
			if (!isHttpUrl((hook as Application)?.address)) bad.push(`capabilities.${capability}.webhooks.${name}.address`);
		}
	}
	return bad;
}

/** GET/PUT /v2/applications[/:id], Basic auth only, as the Applications API v2. */
export function handleApplications(
	method: string,
	id: string | undefined,
	headers: IncomingHttpHeaders,
	body: unknown,
	state: { keys: AccountKeys; application: Application; writes: Application[] },
	res: ServerResponse,
): void {
	const auth = checkAuth(headers, state.keys, new Set(), { jwt: false, basic: true });
	if (!auth.ok) return sendJson(res, 401, unauthorized(auth.detail));
	if (id === undefined && method === 'GET') {
		return sendJson(res, 200, { page_size: 10, page: 1, total_items: 1, total_pages: 1, _embedded: { applications: [state.application] } });
	}
	if (id !== state.keys.applicationId) {
		return sendJson(res, 404, problem('not-found', 'Not Found', `Application ${id} does not exist, or you do not have access.`));
	}
	if (method === 'GET') return sendJson(res, 200, state.application);
	if (method !== 'PUT') return sendJson(res, 405, problem('method-not-allowed', 'Method Not Allowed', method));
	const app = body as Application;
	if (!app || typeof app !== 'object' || typeof app.name !== 'string' || app.name === '') {
		return sendJson(res, 400, problem('bad-request', 'Bad Request', 'name is required', { invalid_parameters: [{ name: 'name', reason: 'is required' }] }));
	}
	const bad = badWebhooks(app);
	if (bad.length > 0) {
		return sendJson(res, 422, problem('invalid-parameters', 'Invalid parameters', 'Webhook addresses must be absolute http(s) URLs.', {
			invalid_parameters: bad.map((name) => ({ name, reason: 'must be an absolute http(s) URL' })),
		}));
	}
	state.application = { ...app, id: state.keys.applicationId, keys: { public_key: state.keys.publicKey } };
	state.writes.push(structuredClone(app));
	return sendJson(res, 200, state.application);
}
