import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository's top folder. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The Vonage reference folder (`shared/vonage`), which sits beside the repository: /work/shared for
 * /work/main, one level further up for a worktree under /work/wt.
 */
export const SHARED_VONAGE =
	['../shared/vonage', '../../shared/vonage']
		.map((up) => path.resolve(REPO_ROOT, up))
		.find((dir) => existsSync(dir)) ?? path.resolve(REPO_ROOT, '../shared/vonage');

export const MESSAGES_V01_YML = path.join(SHARED_VONAGE, 'openapi/messages-v0.1.yml');
export const APPLICATION_V2_YML = path.join(SHARED_VONAGE, 'openapi/application-v2.yml');
