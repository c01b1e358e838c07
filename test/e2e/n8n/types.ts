// The shapes the n8n runner exchanges with n8n's REST and public APIs, and its options.
import type { Runtime } from './paths';

export type N8nMode = 'regular' | 'queue';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'dev@example.com',
	password: 'Vonage-dev-1',
	firstName: 'Dev',
	lastName: 'Owner',
};

export interface StartOptions {
	mode?: N8nMode;
	/** Which installed n8n to run (paths.ts runtimeFor). Default: the pinned 2.x. */
	runtime?: Runtime;
	/** N8N_USER_FOLDER: n8n keeps its data in <userFolder>/.n8n. Created if missing. */
	userFolder: string;
	/** Port of the editor/API (main process). Default: a free port. */
	port?: number;
	/** N8N_ENCRYPTION_KEY. Default: read from/stored in <userFolder>/encryption-key. */
	encryptionKey?: string;
	owner?: Owner;
	/** Extra environment for every n8n process. */
	env?: NodeJS.ProcessEnv;
	/** Where the process logs go. Default: <userFolder>/logs. */
	logDir?: string;
	/** Milliseconds to wait for each process to become ready. */
	readyTimeoutMs?: number;
}

export interface CredentialInput {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowInput {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: unknown;
}

export interface Workflow extends WorkflowInput {
	id: string;
	active: boolean;
	versionId?: string;
}

type RunData = Record<
	string,
	Array<{
		data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
		error?: { message?: string };
	}>
>;

export interface Execution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: {
		resultData?: {
			error?: { message?: string };
			lastNodeExecuted?: string;
			runData?: RunData;
		};
	};
}

export class HttpError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}
