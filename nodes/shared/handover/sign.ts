import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries a hand-over's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const HANDOVER_HEADER = 'x-vonage-n8n-handover';

/** A signed hand-over is accepted this long after it was signed (and this far ahead, for clock skew). */
export const HANDOVER_MAX_AGE_SECONDS = 300;

/**
 * What a hand-over is for; each has its own key, so one can never be taken for another: `wait` (Send
 * and Wait for Reply), `group` (triggers sharing one application: member lists, forwarded events).
 */
export type HandoverPurpose = 'wait' | 'group';

/** Separates each hand-over key from every other use of the Signature Secret. */
const DERIVATION_LABELS: Record<HandoverPurpose, string> = {
	wait: 'vonage-send-and-wait-v1',
	group: 'vonage-n8n-trigger-group-v1',
};

/**
 * The MAC of `iat.body` under a key derived from the Signature Secret (HMAC-SHA256 of a fixed label),
 * so the secret itself never signs anything but Vonage's tokens. Neither is kept after the call.
 */
function mac(signatureSecret: string, iat: number, body: string, purpose: HandoverPurpose): Buffer {
	const key = createHmac('sha256', signatureSecret).update(DERIVATION_LABELS[purpose]).digest();
	return createHmac('sha256', key).update(`${iat}.${body}`).digest();
}

/** The header value that signs `body` (the exact bytes sent). */
export function signHandover(
	body: string,
	signatureSecret: string,
	now = Date.now(),
	purpose: HandoverPurpose = 'wait',
): string {
	const iat = Math.floor(now / 1000);
	return `t=${iat},v1=${mac(signatureSecret, iat, body, purpose).toString('hex')}`;
}

/** Whether `header` signs `body` with this Signature Secret, signed within HANDOVER_MAX_AGE_SECONDS. */
export function verifyHandover(
	header: unknown,
	body: string,
	signatureSecret: string,
	now = Date.now(),
	purpose: HandoverPurpose = 'wait',
): boolean {
	if (typeof header !== 'string' || signatureSecret === '') return false;
	const parts = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
	if (!parts) return false;
	const iat = Number(parts[1]);
	if (Math.abs(now / 1000 - iat) > HANDOVER_MAX_AGE_SECONDS) return false;
	const expected = mac(signatureSecret, iat, body, purpose);
	return timingSafeEqual(expected, Buffer.from(parts[2], 'hex'));
}
