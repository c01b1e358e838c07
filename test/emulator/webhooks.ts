import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import jwt from 'jsonwebtoken';

import type { TaskToken } from './background';
import type { DeliveryRecord } from './types';

export interface Signer {
	signatureSecret: string;
	apiKey: string;
	/** Absent for account-level webhooks (no application involved); the claim is optional (shared README). */
	applicationId?: string;
}

export const sha256Hex = (body: string) => createHash('sha256').update(body).digest('hex');

/** Vonage's webhook signature: HS256 JWT with iat, jti, iss, api_key, application_id, payload_hash; no exp. */
export function signWebhook(body: string, signer: Signer): string {
	const app = signer.applicationId !== undefined ? { application_id: signer.applicationId } : {};
	const claims = {
		jti: randomUUID(),
		iss: 'Vonage',
		api_key: signer.apiKey,
		...app,
		payload_hash: sha256Hex(body),
	};
	return jwt.sign(claims, signer.signatureSecret, { algorithm: 'HS256' });
}

const ATTEMPT_TIMEOUT_MS = 10_000;

function postOnce(url: string, body: string, token: string, signal: AbortSignal): Promise<number> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		const headers = {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(body),
			Authorization: `Bearer ${token}`,
			'User-Agent': 'Vonage-Emulator/1.0',
		};
		const req = client.request(
			target,
			{ method: 'POST', headers, timeout: ATTEMPT_TIMEOUT_MS, signal },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)));
		req.on('error', reject);
		req.end(body);
	});
}

const isDone = (status: number) => status >= 200 && status <= 205;
const isRetryable = (status: number | undefined) =>
	status === undefined || status === 429 || status >= 500;

/**
 * Delivers one webhook as Vonage does: 200-205 is done; 429, 5xx or a connection error is retried after
 * each of `retryDelaysMs` in turn (Vonage: 5 s doubling), then given up; any other status is final.
 * Every attempt is recorded; a cancelled task stops without recording.
 */
export async function deliverWebhook(
	delivery: Pick<DeliveryRecord, 'kind' | 'target' | 'version' | 'url'> & { payload: object },
	signer: Signer,
	retryDelaysMs: number[],
	record: (attempt: DeliveryRecord) => void,
	task: TaskToken,
): Promise<DeliveryRecord> {
	const body = JSON.stringify(delivery.payload);
	for (let attempt = 1; ; attempt++) {
		const { kind, target, version, url } = delivery;
		const result: DeliveryRecord = { kind, target, version, url, body, attempt, at: Date.now() };
		try {
			result.status = await postOnce(delivery.url, body, signWebhook(body, signer), task.signal);
		} catch (error) {
			result.error = (error as Error).message;
		}
		if (!task.alive()) return result;
		record(result);
		if ((result.status !== undefined && isDone(result.status)) || !isRetryable(result.status))
			return result;
		if (attempt > retryDelaysMs.length || !(await task.sleep(retryDelaysMs[attempt - 1])))
			return result;
	}
}
