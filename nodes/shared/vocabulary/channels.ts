import type { Channel } from './messageModel';

/** A channel's names: for people, and on the wire of each API version. */
export interface ChannelNames {
	label: string;
	/** `to.type`/`from.type` in v0.1 (messages-v0.1.yml). */
	v01Type: string;
	/** `channel` in v1 (Vonage's SDK request types). */
	v1Channel: string;
}

/** The channels; what each one accepts in a message is the send node's (VonageMessages/message/rules.ts). */
export const CHANNELS: Record<Channel, ChannelNames> = {
	sms: { label: 'SMS', v01Type: 'sms', v1Channel: 'sms' },
	mms: { label: 'MMS', v01Type: 'mms', v1Channel: 'mms' },
	whatsapp: { label: 'WhatsApp', v01Type: 'whatsapp', v1Channel: 'whatsapp' },
	viber: { label: 'Viber', v01Type: 'viber_service_msg', v1Channel: 'viber_service' },
	messenger: { label: 'Messenger', v01Type: 'messenger', v1Channel: 'messenger' },
	// v1 only (Vonage node SDK `Channels.RCS`); v0.1 has no RCS, so its type is never sent.
	rcs: { label: 'RCS', v01Type: 'rcs', v1Channel: 'rcs' },
};

export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

/** The channel of a webhook's `channel` (v1) or `to.type`/`from.type` (v0.1) value. */
export function channelFromWire(value: unknown): Channel | undefined {
	if (typeof value !== 'string') return undefined;
	return CHANNEL_NAMES.find(
		(name) =>
			CHANNELS[name].v01Type === value || CHANNELS[name].v1Channel === value || name === value,
	);
}
