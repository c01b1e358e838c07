import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isFailure, vonageApiError, vonageRequest } from '../../shared/transport';
import type { RateLimiter } from './throttle';

export interface DeliveryOptions {
	baseUrl: string;
	limiter: RateLimiter;
	maxRetries: number;
	timeoutMs: number;
}

export type Delivery =
	| { ok: true; messageUuid: string; attempts: number }
	| { ok: false; error: NodeApiError | NodeOperationError; mayHaveBeenSent: boolean };

const NOT_RESENT =
	'It was not sent again, because Vonage may have accepted it and a second attempt could deliver it twice. Check the message status (or the Status Trigger) before sending it again.';

function retryAfterMs(headers: Record<string, unknown>, attempt: number): number {
	const raw = headers['retry-after'];
	const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
	if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 60) * 1000;
	return Math.min(1000 * 2 ** attempt, 30_000);
}

/**
 * Sends one message. Retries only what Vonage certainly did not accept: 429 (after the wait Vonage
 * asks for, holding back every other request too) and connections that never opened.
 */
export async function deliver(
	this: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
	options: DeliveryOptions,
): Promise<Delivery> {
	const node = this.getNode();
	for (let attempt = 0; ; attempt++) {
		await options.limiter.acquire();
		const response = await vonageRequest.call(
			this,
			options.baseUrl,
			'POST',
			'/v0.1/messages',
			body,
			options.timeoutMs,
		);
		if (isFailure(response)) {
			const { failure } = response;
			if (failure.retrySafe && attempt < options.maxRetries) {
				await sleep(Math.min(250 * 2 ** attempt, 10_000));
				continue;
			}
			const description = failure.retrySafe
				? `Network error ${failure.code}. Gave up after ${attempt + 1} attempts. Nothing was sent for this item. Check the Base URL in the credential and the network.`
				: failure.code === 'CREDENTIAL'
					? undefined
					: `Network error ${failure.code}. ${NOT_RESENT}`;
			return {
				ok: false,
				mayHaveBeenSent: !failure.retrySafe && failure.code !== 'CREDENTIAL',
				error: new NodeOperationError(node, failure.message, { itemIndex, description }),
			};
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			const uuid = (response.body as { message_uuid?: unknown } | undefined)?.message_uuid;
			if (typeof uuid === 'string') return { ok: true, messageUuid: uuid, attempts: attempt + 1 };
			return {
				ok: false,
				mayHaveBeenSent: true,
				error: new NodeOperationError(node, `Vonage answered ${statusCode} without a message_uuid`, {
					itemIndex,
					description: NOT_RESENT,
				}),
			};
		}
		if (statusCode === 429 && attempt < options.maxRetries) {
			const wait = retryAfterMs(response.headers, attempt);
			options.limiter.pause(wait);
			await sleep(wait);
			continue;
		}
		const error = vonageApiError(node, response, itemIndex);
		const mayHaveBeenSent = statusCode >= 500;
		if (mayHaveBeenSent) error.description = `${error.description ?? ''} ${NOT_RESENT}`.trim();
		return { ok: false, mayHaveBeenSent, error };
	}
}
