import type { IDataObject, IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CHANNEL_NAMES, channelFromWire } from '../vocabulary/channels';
import { channelOf } from './eventsWire';
import type { Channel } from '../vocabulary/messageModel';

/** The trigger option "Channels": start the workflow only for events of these channels (empty: all). */
export const channelsOption = (what: string): INodeProperties => ({
	displayName: 'Channels',
	name: 'channels',
	type: 'multiOptions',
	options: [
		{ name: 'Facebook Messenger', value: 'messenger' },
		{ name: 'MMS', value: 'mms' },
		{ name: 'RCS', value: 'rcs' },
		{ name: 'SMS', value: 'sms' },
		{ name: 'Viber', value: 'viber' },
		{ name: 'WhatsApp', value: 'whatsapp' },
	],
	default: [],
	description: `Start the workflow only for ${what} on these channels. Empty means all. An expression may return a list, one channel name or names separated by commas.`,
});

const NAMES = [...CHANNEL_NAMES].sort().join(', ');
const FIX = `Choose channels in the list, or make the expression return names such as "whatsapp", "whatsapp, sms" or ["whatsapp", "sms"] (${NAMES}); empty means all`;

/** What a value is, for an error message: never the value itself when it is not text. */
function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The Channels option as channels: a list, one name, or names separated by commas (an expression can
 * give any of these); `undefined`, '' and [] mean all channels (an empty list). Names are the node's
 * (`viber`) or Vonage's (`viber_service`), in any case. Anything else throws, naming the option and the
 * fix: a wrong value must never turn the filter off.
 */
export function channelsFromOption(value: unknown): Channel[] {
	if (value === undefined || value === null) return [];
	const entries = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(entries))
		throw new Error(`Channels must be channel names, not ${kindOf(value)}. ${FIX}.`);
	const channels: Channel[] = [];
	for (const entry of entries as unknown[]) {
		if (typeof entry !== 'string')
			throw new Error(
				`Channels must be channel names, not a list holding ${kindOf(entry)}. ${FIX}.`,
			);
		const name = entry.trim();
		if (name === '') continue;
		const channel = channelFromWire(name.toLowerCase());
		if (!channel) throw new Error(`Channels: "${name.slice(0, 40)}" is not a channel. ${FIX}.`);
		if (!channels.includes(channel)) channels.push(channel);
	}
	return channels;
}

/**
 * The trigger's Channels option, checked: at activation, by the editor's Listen for Test Event, and per
 * request before anything is recorded (an unusable value fails the request, so Vonage retries it).
 */
export function channelsOptionOf(ctx: IHookFunctions | IWebhookFunctions): Channel[] {
	const value = ctx.getNodeParameter('options.channels', []);
	try {
		return channelsFromOption(value);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
}

/** The channel of a webhook in either format (v1 `channel`, v0.1 `to.type`), by the node's resource names. */
export function eventChannel(event: IDataObject): Channel | undefined {
	return channelFromWire(channelOf(event));
}

/** Undefined when the event passes the filter (no channels chosen: all pass), else why it does not. */
export function channelFilterRefusal(event: IDataObject, channels: Channel[]): string | undefined {
	if (channels.length === 0) return undefined;
	const channel = eventChannel(event);
	if (channel !== undefined && channels.includes(channel)) return undefined;
	return `channel "${channel ?? 'unknown'}" is not selected`;
}
