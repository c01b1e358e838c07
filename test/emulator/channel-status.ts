import {
	channelInboundEvent,
	channelStatusEvent,
	statusSequence,
	type InboundSpec,
	type WebhookFormat,
} from './channel-events';
import { inboundPlan } from './account';
import { envelopeOf } from './channels';
import type { Emulator } from './emulator';
import { statusEvent } from './events';
import type { AcceptedMessage, DeliveryRecord } from './types';
import { appOutcome, failoverSteps, hasFailover } from './failover';

/** One status webhook of a message, built when it is sent (timestamp) in the format the account uses then. */
export type StatusStep = (format: WebhookFormat) => Record<string, unknown>;

/**
 * The status webhooks of one accepted message, in order: `submitted`, the outcome for its recipient
 * (README "number rules"), then `read` on WhatsApp, Viber and Messenger. An SMS sent through v0.1 keeps
 * the SMS payloads of events.ts (v0.1 and v1). A v1 message with `failover`: failover.ts.
 */
export function statusSteps(message: AcceptedMessage): StatusStep[] {
	if (hasFailover(message)) return failoverSteps(message);
	const version = message.version ?? 'v0.1';
	const envelope = envelopeOf(version, message.body);
	const outcome = appOutcome(envelope.channel, envelope.to);
	if (envelope.channel === 'sms' && version === 'v0.1') {
		return [
			(format) => statusEvent(message, 'submitted', format),
			(format) => statusEvent(message, outcome, format),
		];
	}
	return [{ status: 'submitted' as const }, ...statusSequence(envelope.channel, outcome)].map(
		(step) => (format: WebhookFormat) =>
			channelStatusEvent(
				ref(message),
				envelope,
				step.status,
				'error' in step ? step.error : undefined,
				format,
			),
	);
}

function ref(message: AcceptedMessage): { message_uuid: string; clientRef?: string } {
	const clientRef =
		typeof message.body.client_ref === 'string' ? message.body.client_ref : undefined;
	return { message_uuid: message.message_uuid, ...(clientRef !== undefined ? { clientRef } : {}) };
}

/**
 * Sends a customer's inbound message on any channel where the account sends inbound messages, in the
 * application's webhook format (or `format`, to force one).
 */
export async function sendChannelInbound(
	emu: Emulator,
	spec: InboundSpec,
	format?: WebhookFormat,
): Promise<DeliveryRecord> {
	const plan = inboundPlan(emu.options, emu.application);
	return await emu.webhook('inbound', plan, channelInboundEvent(spec, format ?? plan.version));
}
