// n8n's two HTTP interfaces: the internal REST API (/rest, the owner's session cookie) and the public
// API (/api/v1, an API key), plus what the runner sets up through them (owner account, API key).
import { HttpError, type Owner } from './types';

export class N8nHttp {
	/** Editor / REST / public API. */
	baseUrl = '';
	apiKey = '';
	private cookie = '';

	private async request(
		method: string,
		url: string,
		body: unknown,
		headers: Record<string, string>,
	): Promise<{ status: number; text: string; headers: Headers }> {
		const res = await fetch(url, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, text: await res.text(), headers: res.headers };
	}

	/** The internal REST API (/rest/...), authenticated with the owner's session cookie. */
	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const res = await this.request(
			method,
			`${this.baseUrl}/rest${route}`,
			body,
			this.cookie ? { cookie: this.cookie } : {},
		);
		const cookies = res.headers.getSetCookie?.() ?? [];
		const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		if (res.status >= 400) {
			throw new HttpError(
				`${method} /rest${route}: ${res.status} ${res.text.slice(0, 500)}`,
				res.status,
				res.text,
			);
		}
		const parsed = res.text ? (JSON.parse(res.text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}

	/** n8n's public API (/api/v1/...), authenticated with the API key. */
	async api<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const res = await this.request(method, `${this.baseUrl}/api/v1${route}`, body, {
			'X-N8N-API-KEY': this.apiKey,
		});
		if (res.status >= 400) {
			throw new HttpError(
				`${method} /api/v1${route}: ${res.status} ${res.text.slice(0, 500)}`,
				res.status,
				res.text,
			);
		}
		return (res.text ? JSON.parse(res.text) : {}) as T;
	}

	/** The node types n8n loaded (what the editor gets from /types/nodes.json). */
	async nodeTypes(): Promise<
		Array<{ name: string; version: number | number[]; [key: string]: unknown }>
	> {
		const res = await this.request('GET', `${this.baseUrl}/types/nodes.json`, undefined, {
			cookie: this.cookie,
		});
		if (res.status >= 400)
			throw new HttpError(`GET /types/nodes.json: ${res.status}`, res.status, res.text);
		return JSON.parse(res.text) as Array<{ name: string; version: number | number[] }>;
	}

	/** Creates the owner account on a fresh instance, or logs in to an existing one. */
	async setupOwner(owner: Owner): Promise<void> {
		try {
			await this.rest('POST', '/owner/setup', owner);
		} catch (error) {
			if (!(error instanceof HttpError) || error.status !== 400) throw error;
			await this.login(owner);
		}
	}

	async login(owner: Owner): Promise<void> {
		await this.rest('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	/** Replaces the scripts' API key (label 'scripts') with a new one holding every scope the owner may grant. */
	async createApiKey(): Promise<string> {
		const label = 'scripts';
		type Key = { id: string; label: string };
		const listed = await this.rest<Key[] | { items: Key[] }>('GET', '/api-keys?take=100');
		const existing = Array.isArray(listed) ? listed : listed.items;
		for (const key of existing)
			if (key.label === label) await this.rest('DELETE', `/api-keys/${key.id}`);
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
			label,
			scopes,
			expiresAt: null,
		});
		this.apiKey = created.rawApiKey;
		return this.apiKey;
	}

	/** Every item of a paginated public-API list (`limit`/`cursor`). */
	async listAll<T>(route: string): Promise<T[]> {
		const all: T[] = [];
		let cursor: string | undefined;
		do {
			const separator = route.includes('?') ? '&' : '?';
			const page = await this.api<{ data: T[]; nextCursor?: string | null }>(
				'GET',
				`${route}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}
}
