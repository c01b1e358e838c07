// Production webhooks and the executions they start: calling a webhook until n8n has registered it,
// and polling the public API until executions have finished.
import type { N8nHttp } from './http';
import { waitFor } from './proc';
import type { Execution } from './types';

/** The production URL of a Webhook node path. */
export function webhookUrl(webhookBaseUrl: string, webhookPath: string): string {
	return `${webhookBaseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
}

/**
 * Calls a production webhook, retrying while n8n still answers "not registered" (publishing
 * registers webhooks asynchronously; in queue mode the webhook processor learns of it later).
 */
export async function callWebhook(
	url: string,
	body: unknown,
	options: { method?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; json?: unknown }> {
	return await waitFor(
		`webhook ${url} to be registered`,
		async () => {
			const res = await fetch(url, {
				method: options.method ?? 'POST',
				headers: { 'content-type': 'application/json', ...options.headers },
				body: JSON.stringify(body),
			});
			const text = await res.text();
			if (res.status === 404 && /not registered/.test(text)) return undefined;
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			return { status: res.status, text, json };
		},
		options.timeoutMs ?? 30_000,
		250,
	);
}

export async function listExecutions(
	http: N8nHttp,
	query: { workflowId?: string; status?: string; includeData?: boolean; limit?: number } = {},
): Promise<Execution[]> {
	const params = new URLSearchParams();
	if (query.workflowId) params.set('workflowId', query.workflowId);
	if (query.status) params.set('status', query.status);
	params.set('includeData', String(query.includeData ?? true));
	params.set('limit', String(query.limit ?? 100));
	const page = await http.api<{ data: Execution[] }>('GET', `/executions?${params.toString()}`);
	return page.data;
}

/** Waits until the workflow has at least `count` finished executions (newest first). */
export async function waitForExecutions(
	http: N8nHttp,
	workflowId: string,
	count: number,
	timeoutMs = 30_000,
): Promise<Execution[]> {
	return await waitFor(
		`${count} finished execution(s) of workflow ${workflowId}`,
		async () => {
			const executions = (await listExecutions(http, { workflowId })).filter(
				(e) => e.stoppedAt !== null && e.status !== 'running' && e.status !== 'new',
			);
			return executions.length >= count ? executions : undefined;
		},
		timeoutMs,
		300,
	);
}
