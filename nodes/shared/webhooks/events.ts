import type { IDataObject } from 'n8n-workflow';

import { describeErrorCode } from '../vocabulary/errorCodes';
import { addressOf, channelOf, errorOf, messageTypeOf, webhookVersionOf } from './eventsWire';
import { choiceOf, locationOf, mediaOf, textOf } from './inboundContent';
import { normaliseNumber } from '../vocabulary/numbers';
import { failoverFields, type FailoverFields } from './workflow';

/**
 * What the triggers emit: the event exactly as Vonage sent it, plus a few fields that read the same in
 * the v0.1 and the v1 webhook format (see eventsWire.ts for the two shapes). Each name either is not a
 * field Vonage sends in either format, or is one with the same meaning (`channel`, `status`,
 * `client_ref`, `text`, `message_type` are v1's own), so nothing Vonage sent changes meaning.
 * Every normalised field is always present, `null` when the event has no such thing.
 */
export interface CommonFields {
	/** The format the event came in: "v0.1" or "v1" (null if it matches neither). */
	webhook_version: string | null;
	/** sms, mms, whatsapp, viber_service, messenger (v1 names; v0.1's viber_service_msg reads viber_service). */
	channel: string | null;
	/** Who sent the message: a phone number, or an ID (Messenger, Viber service). */
	sender: string | null;
	/** Who received it: a phone number, or an ID. */
	recipient: string | null;
	client_ref: string | null;
}

export interface StatusFields extends CommonFields, FailoverFields {
	status: string | null;
	/**
	 * The error code (1000-1382 and others), from v0.1 `error.code` or v1 `error.title` / `error.type`: a
	 * safe integer, or Vonage's digits as text when no number holds them exactly.
	 */
	error_code: number | string | null;
	/** Our title and meaning for a known code (nodes/shared/vocabulary/errorCodes.ts). */
	error_title: string | null;
	error_meaning: string | null;
	/** Vonage's own words: v0.1 `error.reason`, v1 `error.detail`. */
	error_reason: string | null;
}

export interface InboundFields extends CommonFields {
	/** text, image, video, audio, file, vcard, sticker, location, reply, button, order, ... */
	message_type: string | null;
	/** The text; for a button its `text`, for an interactive reply its `title` (inboundContent.ts). */
	text: string | null;
	/** The id of what the customer chose: `reply.id`, or a button's text `payload`. */
	choice_id: string | null;
	/** The media the type names, or the first of MMS `content[]`. */
	media_url: string | null;
	media_caption: string | null;
	/** A shared location: v1 `location.lat` / `.long`, v0.1 `latitude` / `longitude`, as numbers. */
	latitude: number | null;
	longitude: number | null;
	location_name: string | null;
	location_address: string | null;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function common(event: IDataObject): CommonFields {
	return {
		webhook_version: orNull(webhookVersionOf(event)),
		channel: orNull(channelOf(event)),
		sender: orNull(addressOf(event.from)),
		recipient: orNull(addressOf(event.to)),
		client_ref: typeof event.client_ref === 'string' ? event.client_ref : null,
	};
}

export function statusFields(event: IDataObject): StatusFields {
	const error = errorOf(event);
	const known = describeErrorCode(error?.code);
	return {
		...common(event),
		status: typeof event.status === 'string' && event.status !== '' ? event.status : null,
		error_code: orNull(error?.code),
		error_title: known?.title ?? null,
		error_meaning: known?.meaning ?? null,
		error_reason: orNull(error?.reason),
		...failoverFields(event),
	};
}

export function inboundFields(event: IDataObject): InboundFields {
	const media = mediaOf(event);
	const place = locationOf(event);
	return {
		...common(event),
		message_type: orNull(messageTypeOf(event)),
		text: orNull(textOf(event)),
		choice_id: orNull(choiceOf(event)),
		media_url: orNull(media?.url),
		media_caption: orNull(media?.caption),
		latitude: orNull(place?.latitude),
		longitude: orNull(place?.longitude),
		location_name: orNull(place?.name),
		location_address: orNull(place?.address),
	};
}

/** The status event as Vonage sent it plus the normalised fields. */
export function statusOutput(event: IDataObject): IDataObject {
	return { ...event, ...statusFields(event) } as IDataObject;
}

/** The inbound message as Vonage sent it plus the normalised fields. */
export function inboundOutput(event: IDataObject): IDataObject {
	return { ...event, ...inboundFields(event) } as IDataObject;
}

const uuidOf = (event: IDataObject): string | undefined =>
	typeof event.message_uuid === 'string' && event.message_uuid.trim() !== ''
		? event.message_uuid
		: undefined;

/**
 * The key that makes two deliveries the same event, or undefined when there is none: an event without
 * `message_uuid` is never taken for a duplicate of another one. Status: uuid + status (one message has
 * several statuses); inbound: uuid.
 */
export function statusDuplicateKey(event: IDataObject): string | undefined {
	const uuid = uuidOf(event);
	return uuid === undefined
		? undefined
		: `${uuid}:${typeof event.status === 'string' ? event.status : ''}`;
}

export function inboundDuplicateKey(event: IDataObject): string | undefined {
	return uuidOf(event);
}

/** A phone number as digits (the send node's rules, numbers.ts: `+`/`00`, separators, a trunk `(0)` dropped). IDs stay as they are. */
export function comparableAddress(value: string): string {
	const compact = value.trim().replace(/[\s\-.()]/g, '');
	if (!/^(\+|00)?\d+$/.test(compact)) return value.trim();
	return normaliseNumber(value);
}
