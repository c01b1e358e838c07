import { createHash, randomUUID } from 'node:crypto';
import axios from 'axios';
import jwt from 'jsonwebtoken';

/** Signs a webhook body the way Vonage does (HS256, payload_hash of the exact bytes). */
export function vonageSignature(
	body: string,
	secret: string,
	claims: Record<string, unknown> = {},
): string {
	const payloadHash = createHash('sha256').update(body).digest('hex');
	return jwt.sign(
		{ jti: randomUUID(), iss: 'Vonage', payload_hash: payloadHash, ...claims },
		secret,
		{
			algorithm: 'HS256',
		},
	);
}

export function statusEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		message_uuid: randomUUID(),
		to: { type: 'sms', number: '447700900000' },
		from: { type: 'sms', number: '447700900001' },
		timestamp: new Date().toISOString(),
		status: 'delivered',
		usage: { currency: 'EUR', price: '0.0333' },
		client_ref: 'order-42',
		...overrides,
	};
}

export function inboundEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		message_uuid: randomUUID(),
		timestamp: new Date().toISOString(),
		to: { type: 'sms', number: '447700900001' },
		from: { type: 'sms', number: '447700900000' },
		message: { content: { type: 'text', text: 'Hello From Vonage!' }, sms: { num_messages: '1' } },
		usage: { currency: 'EUR', price: '0.0333' },
		...overrides,
	};
}

/** POSTs raw text to a webhook URL and returns status and body, never throwing on HTTP errors. */
export async function post(url: string, body: string, authorization?: string) {
	const response = await axios.post(url, Buffer.from(body), {
		headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
		validateStatus: () => true,
		transformResponse: (data) => data,
	});
	return { status: response.status, body: response.data as string };
}
