import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { VonageCredentials } from '../../shared/api/credentials';
import {
	isFailure,
	notSentCancelled,
	vonageApiError,
	vonageRequest,
	type TransportFailure,
} from '../../shared/api/transport';
import { forgetToken } from '../../shared/api/tokenCache';
import { waitOrAbort, type RateLimiter } from './throttle';

export interface DeliveryOptions {
	baseUrl: string;
	/** The credential, read once for the run. */
	credentials: VonageCredentials;
	limiter: RateLimiter;
	maxRetries: number;
	timeoutMs: number;
	/** The Messages API path; default `/v0.1/messages`. */
	path?: string;
	/** Aborted when the execution is cancelled: nothing more starts, waits end at once. */
	signal?: AbortSignal;
}

export type Delivery =
	| { ok: true; messageUuid: string; attempts: number }
	| { ok: false; error: NodeApiError | NodeOperationError; mayHaveBeenSent: boolean };

const NOT_RESENT =
	'It was not sent again, because Vonage may have accepted it and a second attempt could deliver it twice. Check the message status (or the Status Trigger) before sending it again.';

/** A 429 is waited out at least this long (Vonage counts its limit per rolling second) and at most this long. */
export const RETRY_AFTER_FLOOR_MS = 1000;
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * How long to wait before retrying a 429: Retry-After in seconds or as an HTTP date (RFC 9110
 * 10.2.3), kept between the floor and the cap; without one, 1 s doubling up to 30 s.
 */
export function retryAfterMs(
	headers: Record<string, unknown>,
	attempt: number,
	now = Date.now(),
): number {
	const raw = headers['retry-after'];
	const value = String((Array.isArray(raw) ? raw[0] : raw) ?? '').trim();
	let wait: number | undefined;
	if (/^\d+(\.\d+)?$/.test(value)) wait = Number(value) * 1000;
	else if (value !== '' && Number.isFinite(Date.parse(value))) wait = Date.parse(value) - now;
	if (wait === undefined) wait = Math.min(1000 * 2 ** attempt, 30_000);
	return Math.min(Math.max(wait, RETRY_AFTER_FLOOR_MS), RETRY_AFTER_CAP_MS);
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Sends one message. Retries only what Vonage certainly did not accept: 429 (after the wait Vonage
 * asks for, holding back every other request too), connections that never opened, and once a 401 on
 * a reused token, with a fresh one.
 */
export async function deliver(
	this: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
	options: DeliveryOptions,
): Promise<Delivery> {
	const node = this.getNode();
	const { signal } = options;
	let throttledWaitMs = 0;
	let freshTokenTried = false;
	for (let attempt = 0; ; attempt++) {
		const response: Awaited<ReturnType<typeof vonageRequest>> = signal?.aborted
			? notSentCancelled()
			: await vonageRequest.call(
					this,
					options.credentials,
					'credential',
					options.baseUrl,
					'POST',
					options.path ?? '/v0.1/messages',
					body,
					options.timeoutMs,
					async () => await options.limiter.acquire(signal),
				);
		if (isFailure(response)) {
			const { failure } = response;
			if (failure.retrySafe && attempt < options.maxRetries) {
				await waitOrAbort(Math.min(250 * 2 ** attempt, 10_000), signal);
				continue;
			}
			return failed(node, itemIndex, failure, attempt);
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			const uuid = (response.body as { message_uuid?: unknown } | undefined)?.message_uuid;
			if (typeof uuid === 'string' && uuid.trim() !== '')
				return { ok: true, messageUuid: uuid, attempts: attempt + 1 };
			return {
				ok: false,
				mayHaveBeenSent: true,
				error: new NodeOperationError(
					node,
					`Vonage answered ${statusCode} without a message_uuid`,
					{
						itemIndex,
						description: `Vonage's answer did not say which message it created, so the node cannot report it as sent. ${NOT_RESENT}`,
					},
				),
			};
		}
		// A 401 means Vonage did not accept the message; a reused token may have been refused (a key
		// rotated, a clock ahead of ours), so it is dropped and the message tried once with a fresh one.
		if (statusCode === 401 && response.token?.reused && !freshTokenTried && !signal?.aborted) {
			freshTokenTried = true;
			forgetToken(options.credentials, response.token.serial);
			continue;
		}
		if (statusCode === 429 && attempt < options.maxRetries && !signal?.aborted) {
			const wait = retryAfterMs(response.headers, attempt);
			throttledWaitMs += wait;
			options.limiter.pause(wait);
			await waitOrAbort(wait, signal);
			continue;
		}
		const error = vonageApiError(node, response, itemIndex);
		if (statusCode === 429) {
			error.description =
				`${error.description ?? ''} Still throttled after ${attempt + 1} attempts; waited ${seconds(throttledWaitMs)} in total. Nothing was sent for this item.`.trim();
		}
		const mayHaveBeenSent = statusCode >= 500;
		if (mayHaveBeenSent) error.description = `${error.description ?? ''} ${NOT_RESENT}`.trim();
		return { ok: false, mayHaveBeenSent, error };
	}
}

/** A request that got no usable answer, as a failed delivery that says whether it may have been sent. */
function failed(
	node: ReturnType<IExecuteFunctions['getNode']>,
	itemIndex: number,
	failure: TransportFailure['failure'],
	attempt: number,
): Delivery {
	const description = failure.retrySafe
		? `Network error ${failure.code}. Gave up after ${attempt + 1} attempts. Nothing was sent for this item. Check the Base URL in the credential and the network.`
		: (failure.description ??
			(failure.mayHaveBeenSent ? `Network error ${failure.code}. ${NOT_RESENT}` : undefined));
	return {
		ok: false,
		mayHaveBeenSent: failure.mayHaveBeenSent,
		error: new NodeOperationError(node, failure.message, { itemIndex, description }),
	};
}
