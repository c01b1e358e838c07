import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { answerField, postToThisN8n } from '../api/ownRequest';
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
	const answer = await postToThisN8n(
		ctx.helpers,
		to,
		body,
		{ [GROUP_HEADER]: signHandover(body, signatureSecret, Date.now(), 'group') },
		PUSH_TIMEOUT_MS,
	);
	// Not the error's own text: n8n rewrites a message naming a network code into its own words.
	if (answer.status === undefined) throw new NodeOperationError(ctx.getNode(), 'it did not answer');
	const held = answerField(answer.text, 'members');
	if (answer.status !== 200 || held !== list.version)
		throw new NodeOperationError(
			ctx.getNode(),
			answer.status === 401
				? 'it refused the signature: both credentials need the same Signature Secret'
				: `it answered HTTP ${answer.status}`,
		);
}
