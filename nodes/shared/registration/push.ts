import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GROUP_HEADER, type MembersHandover } from '../handover/group';
import { signHandover } from '../handover/sign';

const PUSH_TIMEOUT_MS = 15_000;

/**
 * Tells the trigger at `to` (a production trigger URL of this n8n, from the group) the whole member
 * list, signed with the Signature Secret. Resolves when it answered that it holds this version; throws
 * an Error saying what it answered otherwise. No redirect is followed.
 */
export async function pushMembers(
	ctx: IHookFunctions,
	to: string,
	list: MembersHandover,
	signatureSecret: string,
): Promise<void> {
	const body = JSON.stringify(list);
	let answer: { statusCode: number; body: unknown };
	try {
		answer = (await ctx.helpers.httpRequest({
			method: 'POST',
			url: to,
			body,
			headers: {
				'content-type': 'application/json',
				[GROUP_HEADER]: signHandover(body, signatureSecret, Date.now(), 'group'),
			},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: PUSH_TIMEOUT_MS,
			json: false,
		})) as { statusCode: number; body: unknown };
	} catch {
		// Not the error's own text: n8n rewrites a message naming a network code into its own words.
		throw new NodeOperationError(ctx.getNode(), 'it did not answer');
	}
	let held: unknown;
	try {
		const body = answer.body;
		const value: unknown =
			typeof body === 'string' || Buffer.isBuffer(body) ? JSON.parse(body.toString()) : body;
		held = (value as { members?: unknown }).members;
	} catch {
		held = undefined;
	}
	if (answer.statusCode !== 200 || held !== list.version)
		throw new NodeOperationError(
			ctx.getNode(),
			answer.statusCode === 401
				? 'it refused the signature: both credentials need the same Signature Secret'
				: `it answered HTTP ${answer.statusCode}`,
		);
}
