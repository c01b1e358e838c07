import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isFailure, vonageApiError, vonageRequest } from '../../shared/api/transport';
import { accountLimiter } from './accountLimits';
import { assertCredentials } from './credentials';
import { retryAfterMs } from './deliver';
import { readSendOptions } from './options';
import { runPool } from './throttle';

/**
 * Acting on a message through `PATCH /v1/messages/{message_uuid}` (Vonage's node SDK `updateMessage`:
 * body `{status}`, answer 202 without a body; its fixtures send `read` for a WhatsApp message and
 * `revoked` for an RCS one). Every item's UUID is checked before anything is sent; then the requests
 * go out under the account's rate limit. Setting the same status twice changes nothing, yet only what
 * Vonage certainly did not take is retried (429, a connection that never opened), as for sending.
 */
export interface UpdateAction {
	status: 'read' | 'revoked';
	/** The editor's name of the operation, for errors. */
	label: string;
	/** What the message must be, said when Vonage refuses it (a 4xx other than 404). */
	requirement: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The item's Message UUID, lower-cased, or the error that names it. */
function readUuid(ctx: IExecuteFunctions, itemIndex: number): string | NodeOperationError {
	const raw = ctx.getNodeParameter('messageUuid', itemIndex, '') as unknown;
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
	const got =
		typeof value === 'string'
			? JSON.stringify(value)
			: Array.isArray(value)
				? 'a list'
				: typeof value;
	return new NodeOperationError(
		ctx.getNode(),
		`'Message UUID' in item ${itemIndex} is not a message UUID (got ${got})`,
		{
			itemIndex,
			description:
				'Nothing was sent. Use the message_uuid Vonage gave the message, e.g. {{ $json.message_uuid }} from the Inbound Trigger (36 characters like aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab).',
		},
	);
}

/** Vonage's refusal, saying what it means for this action: no such message (404), or not one this action takes. */
function refusal(
	action: UpdateAction,
	uuid: string,
	error: NodeApiError,
	statusCode: number,
): NodeApiError {
	if (statusCode === 404) {
		error.message = `Vonage has no message ${uuid} (404), so it could not be ${action.status === 'read' ? 'marked as read' : 'revoked'}`;
		error.description =
			`${error.description ?? ''} Check the Message UUID and that the credential's application and region (Base URL) are the ones the message went through. ${action.requirement}`.trim();
	} else if (statusCode >= 400 && statusCode < 500 && ![401, 402, 403, 429].includes(statusCode)) {
		error.message = `Vonage refused to ${action.label.toLowerCase()} message ${uuid} (${statusCode}): ${error.message.replace(/^Vonage answered \d+: /, '')}`;
		error.description = `${action.requirement} ${error.description ?? ''}`.trim();
	}
	return error;
}

export async function updateMessages(
	this: IExecuteFunctions,
	action: UpdateAction,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const credentials = await assertCredentials.call(this);
	const options = readSendOptions(this);
	const output: Array<INodeExecutionData | undefined> = new Array(items.length).fill(undefined);
	const uuids: Array<string | undefined> = [];
	for (let i = 0; i < items.length; i++) {
		const uuid = readUuid(this, i);
		if (typeof uuid === 'string') {
			uuids.push(uuid);
			continue;
		}
		if (!continueOnFail) throw uuid;
		uuids.push(undefined);
		output[i] = errorItem(uuid, i);
	}

	const limiter = accountLimiter(credentials, options.maxPerSecond);
	let stopped = false;
	const results = await runPool<NodeApiError | NodeOperationError | true | undefined>(
		items.length,
		options.concurrency,
		async (i) => {
			const uuid = uuids[i];
			if (uuid === undefined) return undefined;
			for (let attempt = 0; ; attempt++) {
				const response = await vonageRequest.call(
					this,
					credentials,
					'credential',
					credentials.baseUrl,
					'PATCH',
					`/v1/messages/${uuid}`,
					{ status: action.status },
					options.timeout * 1000,
					async () => await limiter.acquire(),
				);
				if (isFailure(response)) {
					if (response.failure.retrySafe && attempt < options.maxRetries) {
						await sleep(Math.min(250 * 2 ** attempt, 10_000));
						continue;
					}
					if (!continueOnFail) stopped = true;
					return new NodeOperationError(this.getNode(), response.failure.message, {
						itemIndex: i,
						description: response.failure.description,
					});
				}
				if (response.statusCode >= 200 && response.statusCode < 300) return true;
				if (response.statusCode === 429 && attempt < options.maxRetries) {
					const wait = retryAfterMs(response.headers, attempt);
					limiter.pause(wait);
					await sleep(wait);
					continue;
				}
				if (!continueOnFail) stopped = true;
				const error = vonageApiError(this.getNode(), response, i);
				return refusal(action, uuid, error, response.statusCode);
			}
		},
		() => stopped,
	);

	for (let i = 0; i < items.length; i++) {
		const result = results[i];
		if (result === undefined) continue;
		if (result === true) {
			output[i] = {
				json: { message_uuid: uuids[i], status: action.status },
				pairedItem: { item: i },
			};
		} else if (continueOnFail) {
			output[i] = errorItem(result, i, { message_uuid: uuids[i] ?? null });
		} else {
			throw result;
		}
	}
	return output.filter((item): item is INodeExecutionData => item !== undefined);
}

function errorItem(
	error: NodeOperationError | NodeApiError,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const { description } = error;
	return {
		json: { error: error.message, ...(description ? { description } : {}), ...extra },
		pairedItem: { item: itemIndex },
	};
}
