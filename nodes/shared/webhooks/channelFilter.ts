import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { channelFromWire } from '../vocabulary/channels';
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
		{ name: 'SMS', value: 'sms' },
		{ name: 'Viber', value: 'viber' },
		{ name: 'WhatsApp', value: 'whatsapp' },
	],
	default: [],
	description: `Start the workflow only for ${what} on these channels. Empty means all.`,
});

/** The channel of a webhook in either format (v1 `channel`, v0.1 `to.type`), by the node's resource names. */
export function eventChannel(event: IDataObject): Channel | undefined {
	return channelFromWire(channelOf(event));
}

/** Undefined when the event passes the filter, else why it does not. */
export function channelFilterRefusal(event: IDataObject, wanted: unknown): string | undefined {
	if (!Array.isArray(wanted) || wanted.length === 0) return undefined;
	const channel = eventChannel(event);
	if (channel !== undefined && wanted.includes(channel)) return undefined;
	return `channel "${channel ?? 'unknown'}" is not selected`;
}
