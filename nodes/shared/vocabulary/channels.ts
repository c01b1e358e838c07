import type { ApiVersion, Channel, MessageType } from './messageModel';

/** What a sender or recipient field holds on a channel. */
export type AddressKind =
	| 'number' // a phone number in international format
	| 'smsSender' // a number or an alphanumeric sender ID
	| 'mmsSender' // a number or a US short code
	| 'viberService' // the Viber service message ID Vonage gave you
	| 'messengerId'; // a Facebook page ID or a page-scoped user ID

export interface ChannelSpec {
	label: string;
	/** Message types the channel takes, in v0.1 and v1 alike (messages-v0.1.yml `message`; SDK request types). */
	types: readonly MessageType[];
	/** Text limit in characters (messages-v0.1.yml: Viber 1000, WhatsApp 4096; Vonage docs: SMS 1000, Messenger 640). */
	textLimit: number;
	from: AddressKind;
	to: AddressKind;
	/** Types whose media takes a caption, per API version (v0.1 schemas; v1 SDK request types). */
	caption: Record<ApiVersion, readonly MessageType[]>;
	/** `to.type`/`from.type` in v0.1. */
	v01Type: string;
	/** `channel` in v1. */
	v1Channel: string;
}

export const CHANNELS: Record<Channel, ChannelSpec> = {
	sms: {
		label: 'SMS',
		types: ['text'],
		textLimit: 1000,
		from: 'smsSender',
		to: 'number',
		caption: { 'v0.1': [], v1: [] },
		v01Type: 'sms',
		v1Channel: 'sms',
	},
	mms: {
		label: 'MMS',
		types: ['image'],
		textLimit: 1000,
		from: 'mmsSender',
		to: 'number',
		caption: { 'v0.1': [], v1: ['image'] },
		v01Type: 'mms',
		v1Channel: 'mms',
	},
	whatsapp: {
		label: 'WhatsApp',
		types: ['text', 'image', 'audio', 'video', 'file', 'template'],
		textLimit: 4096,
		from: 'number',
		to: 'number',
		caption: { 'v0.1': ['image', 'file'], v1: ['image', 'video', 'file'] },
		v01Type: 'whatsapp',
		v1Channel: 'whatsapp',
	},
	viber: {
		label: 'Viber',
		types: ['text', 'image'],
		textLimit: 1000,
		from: 'viberService',
		to: 'number',
		caption: { 'v0.1': [], v1: ['image'] },
		v01Type: 'viber_service_msg',
		v1Channel: 'viber_service',
	},
	messenger: {
		label: 'Messenger',
		types: ['text', 'image', 'audio', 'video', 'file'],
		textLimit: 640,
		from: 'messengerId',
		to: 'messengerId',
		caption: { 'v0.1': [], v1: [] },
		v01Type: 'messenger',
		v1Channel: 'messenger',
	},
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

/** Types that take a caption in either API version: the editor shows Caption for them. */
export function captionTypes(channel: Channel): MessageType[] {
	const { caption } = CHANNELS[channel];
	return Array.from(new Set([...caption['v0.1'], ...caption.v1]));
}
