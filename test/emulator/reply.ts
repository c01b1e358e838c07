// A recipient answering a message the emulator accepted: an inbound message from the message's `to` to
// its `from`, on its channel, in the application's webhook format (or the one asked for). What a real
// customer does by replying to an SMS / WhatsApp / Viber / Messenger message: Vonage then posts it to the
// application's Inbound URL like any other inbound message (shared README "Inbound messages"); the
// addresses are the sent message's, swapped (a reply goes from the recipient to your number or ID).
import { CHANNEL_RULES, type Channel } from './channels';
import { inboundSpecOf, type InboundSpec, type WebhookFormat } from './channel-events';
import { sendChannelInbound } from './channel-status';
import type { Emulator } from './emulator';
import type { AcceptedMessage, DeliveryRecord } from './types';

/** The channel and both addresses of a sent body, v0.1 (`to.type`, `to.number|id`) or v1 (`channel`, strings). */
export function addressesOf(
	message: AcceptedMessage,
): { channel: Channel; to: string; from: string } | undefined {
	const body = message.body;
	const wire = typeof body.channel === 'string' ? body.channel : body.to?.type;
	const channel = (Object.keys(CHANNEL_RULES) as Channel[]).find(
		(name) => CHANNEL_RULES[name].v1Channel === wire || CHANNEL_RULES[name].v01Type === wire,
	);
	const address = (value: any): string | undefined =>
		typeof value === 'string' ? value : (value?.number ?? value?.id);
	const to = address(body.to);
	const from = address(body.from);
	return channel && typeof to === 'string' && typeof from === 'string'
		? { channel, to, from }
		: undefined;
}

export interface ReplyRequest {
	/** The message answered; default the newest accepted message to `to`. */
	message_uuid?: string;
	/** The recipient who answers (the sent message's `to`), when no message_uuid is given. */
	to?: string;
	/** What the reply carries, as POST /_emulator/inbound takes it for a channel: type (default text), text, url... */
	type?: string;
	text?: string;
	url?: string;
	caption?: string;
	format?: WebhookFormat;
}

/** The message a reply answers, or undefined. */
export function answeredMessage(emu: Emulator, request: ReplyRequest): AcceptedMessage | undefined {
	const candidates = [...emu.accepted].reverse();
	if (request.message_uuid !== undefined)
		return candidates.find((m) => m.message_uuid === request.message_uuid);
	return candidates.find((m) => addressesOf(m)?.to === request.to);
}

/** Sends the reply; undefined when there is no such message (or the reply is not a valid inbound). */
export async function sendReply(
	emu: Emulator,
	request: ReplyRequest,
): Promise<DeliveryRecord | undefined> {
	const message = answeredMessage(emu, request);
	const addresses = message && addressesOf(message);
	if (!addresses) return undefined;
	const { message_uuid: _uuid, to: _to, ...content } = request;
	const parsed = inboundSpecOf({
		...content,
		channel: addresses.channel,
		from: addresses.to,
		to: addresses.from,
	});
	if (!parsed) return undefined;
	const spec: InboundSpec = parsed.spec;
	return await sendChannelInbound(emu, spec, parsed.format);
}
