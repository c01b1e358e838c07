/**
 * Status and inbound webhooks of every channel, in both webhook formats.
 *
 * v0.1: messages-v0.1.yml `MessageStatus` and `inbound-message` (typed `to`/`from` with `number` or, for
 * Messenger and the Viber service, `id`; content under `message.content`). v1: the shared README's v1
 * events (string `to`/`from`, `channel`, `message_type`, content at the top level under the type's name,
 * `error: {type, title, detail}` with the code in `title`). `read` exists for WhatsApp, Viber and
 * Messenger only (`MessageStatus.status`).
 */
import { randomUUID } from 'node:crypto';

import { CHANNEL_RULES, type Channel, type Envelope } from './channels';
import type { Outcome } from './events';
import {
	interactiveProblem,
	isInteractive,
	v01Interactive,
	v1Interactive,
	type InteractiveSpec,
	type InteractiveType,
} from './inbound-types';

export type WebhookFormat = 'v0.1' | 'v1';
export type ChannelStatus = 'submitted' | 'delivered' | 'read' | 'rejected' | 'undeliverable';

export const READ_CHANNELS: readonly Channel[] = ['whatsapp', 'viber', 'messenger'];

export interface StatusStep {
	status: ChannelStatus;
	error?: { code: number; reason: string };
}

/** The statuses a message goes through after `submitted`: its outcome, then `read` where the channel has it. */
export function statusSequence(channel: Channel, outcome: Outcome): StatusStep[] {
	const final: StatusStep = outcome.error
		? { status: outcome.status, error: outcome.error }
		: { status: outcome.status };
	return outcome.status === 'delivered' && READ_CHANNELS.includes(channel)
		? [final, { status: 'read' }]
		: [final];
}

function v01Address(channel: Channel, value: string, kind: 'to' | 'from'): Record<string, string> {
	const rules = CHANNEL_RULES[channel];
	const isId = (kind === 'to' ? rules.to : rules.from) === 'id';
	return isId ? { type: rules.v01Type, id: value } : { type: rules.v01Type, number: value };
}

const ERRORS = 'https://developer.vonage.com/api-errors/messages';

export function channelStatusEvent(
	message: { message_uuid: string; clientRef?: string },
	envelope: Envelope,
	status: ChannelStatus,
	error: { code: number; reason: string } | undefined,
	format: WebhookFormat,
): Record<string, unknown> {
	const { channel } = envelope;
	const common = {
		message_uuid: message.message_uuid,
		timestamp: new Date().toISOString(),
		status,
	};
	const usage =
		status === 'submitted' || status === 'read'
			? {}
			: { usage: { currency: 'EUR', price: channel === 'sms' ? '0.0333' : '0.0050' } };
	const clientRef = message.clientRef !== undefined ? { client_ref: message.clientRef } : {};
	if (format === 'v1' || channel === 'rcs') {
		return {
			...common,
			to: envelope.to,
			from: envelope.from,
			channel: CHANNEL_RULES[channel].v1Channel,
			...(error
				? {
						error: {
							type: `${ERRORS}#${error.code}`,
							title: String(error.code),
							detail: error.reason,
							instance: randomUUID(),
						},
					}
				: {}),
			...usage,
			...clientRef,
		};
	}
	return {
		...common,
		to: v01Address(channel, envelope.to, 'to'),
		from: v01Address(channel, envelope.from, 'from'),
		...(error ? { error } : {}),
		...usage,
		...clientRef,
	};
}

type MediaType = 'image' | 'audio' | 'video' | 'file';
const SIMPLE_TYPES: readonly string[] = ['text', 'image', 'audio', 'video', 'file'];

/** An inbound message a customer sends: text, media with an optional caption, or a type of inbound-types.ts. */
export interface InboundSpec extends InteractiveSpec {
	channel: Channel;
	/** The customer (number, or Messenger ID). */
	from: string;
	/** Your number, Viber service ID or Messenger page ID. */
	to: string;
	type?: 'text' | MediaType | InteractiveType;
	text?: string;
	url?: string;
	caption?: string;
}

/** Inbound to v0.1 `to`/`from`: on Viber the customer has a number and you a service ID. */
function inboundAddresses(spec: InboundSpec): {
	to: Record<string, string>;
	from: Record<string, string>;
} {
	const { channel } = spec;
	const type = CHANNEL_RULES[channel].v01Type;
	if (channel === 'messenger') return { to: { type, id: spec.to }, from: { type, id: spec.from } };
	if (channel === 'viber') return { to: { type, id: spec.to }, from: { type, number: spec.from } };
	return { to: { type, number: spec.to }, from: { type, number: spec.from } };
}

export function channelInboundEvent(
	spec: InboundSpec,
	format: WebhookFormat,
): Record<string, unknown> {
	// RCS exists only in v1 (rcs.ts), so its events come in v1 whatever the application's format.
	if (spec.channel === 'rcs') format = 'v1';
	const type = spec.type ?? (spec.channel === 'mms' ? 'image' : 'text');
	const media: Record<string, string> = { url: spec.url ?? 'https://example.com/inbound.jpg' };
	// Captions come with WhatsApp media (messages-v0.1.yml imageMessageWhatsApp / fileMessageWhatsApp) and MMS in v1.
	if (spec.caption !== undefined) media.caption = spec.caption;
	const common = { message_uuid: randomUUID(), timestamp: new Date().toISOString() };
	if (format === 'v1') {
		const body = isInteractive(type)
			? v1Interactive(type, spec)
			: type === 'text'
				? { text: spec.text ?? '' }
				: { [type]: media };
		return {
			channel: CHANNEL_RULES[spec.channel].v1Channel,
			message_type: type,
			...common,
			to: spec.to,
			from: spec.from,
			...body,
		};
	}
	const content = isInteractive(type)
		? v01Interactive(type, spec)
		: type === 'text'
			? { type, text: spec.text ?? '' }
			: { type, [type]: media };
	return { ...common, ...inboundAddresses(spec), message: { content } };
}

const STRING_FIELDS = ['text', 'url', 'caption', 'id', 'description'] as const;

/** The body of `POST /_emulator/inbound` for any channel, or undefined when it is not one. */
export function inboundSpecOf(
	body: unknown,
): { spec: InboundSpec; format?: WebhookFormat } | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const b = body as Record<string, unknown>;
	const channel = b.channel as Channel;
	if (typeof channel !== 'string' || !Object.hasOwn(CHANNEL_RULES, channel)) return undefined;
	if (typeof b.from !== 'string' || typeof b.to !== 'string') return undefined;
	const type = (b.type ?? (channel === 'mms' ? 'image' : 'text')) as InboundSpec['type'];
	if (isInteractive(type)) {
		if (interactiveProblem(type, b) !== undefined) return undefined;
	} else if (!SIMPLE_TYPES.includes(String(type))) return undefined;
	else if (type === 'text' ? typeof b.text !== 'string' : typeof b.url !== 'string')
		return undefined;
	const spec: InboundSpec = { channel, from: b.from, to: b.to, type };
	for (const key of STRING_FIELDS) if (typeof b[key] === 'string') spec[key] = b[key] as string;
	if (type === 'location') spec.location = b.location as InboundSpec['location'];
	if (type === 'content') spec.content = b.content as InboundSpec['content'];
	return { spec, ...(b.format === 'v1' || b.format === 'v0.1' ? { format: b.format } : {}) };
}
