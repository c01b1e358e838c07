import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import jwt from 'jsonwebtoken';

export interface DeliveryRecord {
	kind: 'status' | 'inbound';
	url: string;
	body: string;
	attempt: number;
	status?: number;
	error?: string;
	at: number;
}

export interface Signer {
	signatureSecret: string;
	apiKey: string;
	applicationId: string;
}

/** Vonage's webhook signature: HS256 JWT with payload_hash = SHA-256 hex of the exact body, no exp. */
export function signWebhook(body: string, signer: Signer): string {
	const payload_hash = createHash('sha256').update(body).digest('hex');
	return jwt.sign(
		{ jti: randomUUID(), iss: 'Vonage', api_key: signer.apiKey, application_id: signer.applicationId, payload_hash },
		signer.signatureSecret,
		{ algorithm: 'HS256' },
	);
}

function postOnce(url: string, body: string, authorization: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		const req = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
					Authorization: `Bearer ${authorization}`,
					'User-Agent': 'Vonage-Emulator',
				},
				timeout: 10_000,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		req.end(body);
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers one webhook as Vonage does: 200-205 is done; 429, 5xx or a connection error is retried after
 * each of `retryDelaysMs` (Vonage: 5 s doubling, for 24 h), then given up. Each attempt is recorded.
 */
export async function deliverWebhook(
	kind: DeliveryRecord['kind'],
	url: string,
	payload: object,
	signer: Signer,
	retryDelaysMs: number[],
	record: (delivery: DeliveryRecord) => void,
): Promise<DeliveryRecord> {
	const body = JSON.stringify(payload);
	for (let attempt = 1; ; attempt++) {
		const delivery: DeliveryRecord = { kind, url, body, attempt, at: Date.now() };
		try {
			delivery.status = await postOnce(url, body, signWebhook(body, signer));
		} catch (error) {
			delivery.error = (error as Error).message;
		}
		record(delivery);
		const retry = delivery.status === undefined || delivery.status === 429 || delivery.status >= 500;
		if (!retry || attempt > retryDelaysMs.length) return delivery;
		await sleep(retryDelaysMs[attempt - 1]);
	}
}

/** The final status the emulator reports for a number (see README.md). */
export function outcomeFor(to: string): { status: string; error?: { code: number; reason: string } } {
	if (to.endsWith('666')) return { status: 'rejected', error: { code: 1240, reason: 'Illegal Number' } };
	if (to.endsWith('404')) return { status: 'undeliverable', error: { code: 1300, reason: 'Not part of the provider network' } };
	return { status: 'delivered' };
}
