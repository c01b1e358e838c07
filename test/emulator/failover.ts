/**
 * Messages API v1 failover: a message with a `failover` array of further whole v1 messages (Vonage's
 * node SDK `MessageWithFailover = { failover?: Array<AnyChannel> }`; its fixtures send `failover`
 * beside a flat v1 body and get one `message_uuid` back). Vonage sends the next message when the one
 * before is rejected or fails (failover guide, developer.vonage.com/messages/guides/failover-message;
 * Dispatch migration guide: "Fail over logic based on message being rejected"), and every step's
 * status webhooks carry a `workflow` object. Its shape here is the .NET SDK's, the newest and only
 * whole status fixture: `{workflow_id, items_number, items_total}`, all strings
 * (Vonage.Test/Messages/Webhooks/Data/ShouldDeserializeStatus-response.json, model `StatusWorkflow`).
 * The Java SDK reads `{id, item_number, items_total | total_items}`; the node reads both.
 * Which step fails follows the number rules (README) of that step's own `to` and channel: `appOutcome`.
 */
import { randomUUID } from 'node:crypto';

import { channelStatusEvent, statusSequence, type WebhookFormat } from './channel-events';
import { envelopeOf, validateV1 } from './channels';
import { outcomeFor, type Outcome } from './events';
import { invalidParams, type Problem } from './problems';
import type { AcceptedMessage } from './types';
import type { Channel } from './channels';

/** Channels that reach an app on the user's device, rather than the phone's own SMS/MMS. */
const APP_CHANNELS: readonly string[] = ['whatsapp', 'viber', 'messenger', 'rcs'];

/**
 * The outcome of a message for its recipient and channel: the number rules of events.ts, plus a
 * recipient whose number ends in 777, who has no device for app channels: rejected there with 1310
 * "Not suitable device" (the v0.1 reference's error table), delivered by SMS and MMS. That is what a
 * WhatsApp-then-SMS failover meets when the customer has no WhatsApp.
 */
export function appOutcome(channel: Channel | string, to: string): Outcome {
	if (to.endsWith('777') && APP_CHANNELS.includes(channel))
		return {
			status: 'rejected',
			error: {
				code: 1310,
				reason: "Not suitable device: the user's device can't receive the message",
			},
		};
	return outcomeFor(to);
}

/** A `failover` array that is not a list of valid v1 messages: 422 naming the first bad field. */
export function validateFailover(body: any): { status: number; problem: Problem } | undefined {
	const failover = body?.failover;
	if (failover === undefined) return undefined;
	if (!Array.isArray(failover) || failover.length === 0)
		return {
			status: 422,
			problem: invalidParams([
				{ name: 'failover', reason: 'must be a non-empty array of messages' },
			]),
		};
	for (const [index, step] of failover.entries()) {
		if (step && typeof step === 'object' && 'failover' in step)
			return {
				status: 422,
				problem: invalidParams([{ name: `failover[${index}].failover`, reason: 'is not allowed' }]),
			};
		const invalid = validateV1(step);
		if (invalid) {
			for (const parameter of invalid.problem.invalid_parameters ?? [])
				parameter.name = `failover[${index}].${parameter.name}`;
			return invalid;
		}
	}
	return undefined;
}

export const hasFailover = (message: AcceptedMessage): boolean =>
	message.version === 'v1' &&
	Array.isArray(message.body.failover) &&
	message.body.failover.length > 0;

/**
 * The status webhooks of a failover workflow, in order: each step `submitted` then its outcome; a
 * rejected or undeliverable step that is not the last is followed by the next step (with a fresh
 * message_uuid; the first step keeps the one the send answered), else the workflow ends there.
 */
export function failoverSteps(
	message: AcceptedMessage,
): Array<(format: WebhookFormat) => Record<string, unknown>> {
	const { failover, ...first } = message.body;
	const messages: Record<string, any>[] = [first, ...(failover as Record<string, any>[])];
	const workflowId = randomUUID();
	const clientRef = typeof first.client_ref === 'string' ? first.client_ref : undefined;
	const steps: Array<(format: WebhookFormat) => Record<string, unknown>> = [];
	for (const [index, body] of messages.entries()) {
		const envelope = envelopeOf('v1', body);
		const outcome = appOutcome(envelope.channel, envelope.to);
		const ref = {
			message_uuid: index === 0 ? message.message_uuid : randomUUID(),
			...(clientRef !== undefined ? { clientRef } : {}),
		};
		const workflow = {
			workflow_id: workflowId,
			items_number: String(index + 1),
			items_total: String(messages.length),
		};
		for (const step of [
			{ status: 'submitted' as const },
			...statusSequence(envelope.channel, outcome),
		])
			steps.push((format) => ({
				...channelStatusEvent(
					ref,
					envelope,
					step.status,
					'error' in step ? step.error : undefined,
					format,
				),
				workflow,
			}));
		if (outcome.status === 'delivered') break;
	}
	return steps;
}
