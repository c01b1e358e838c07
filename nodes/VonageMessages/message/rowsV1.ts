/**
 * The rows of rules.ts TYPE_RULES that only API v1 has (check.ts refuses them in v0.1), each with its
 * source as rules.ts names them: MMS vCard, audio and video; Viber file; WhatsApp sticker, reaction,
 * location and custom; RCS. Messenger: v1 adds no message type (SDK Messenger* classes: text, image,
 * audio, video, file).
 */
import type { ApiVersion, Channel, MessageType } from '../../shared/vocabulary/messageModel';
import type { ContentField, TypeRule } from './ruleTypes';

export const MEDIA: readonly ContentField[] = ['mediaUrl', 'caption'];
const V1: readonly ApiVersion[] = ['v1'];
/** A media type only v1 has, with a caption there (`caption` limits, when known). */
const v1Media = (
	channel: Channel,
	type: MessageType,
	source: string,
	caption: { min?: number; max?: number } | null = {},
): TypeRule => ({
	channel,
	type,
	fields: caption ? MEDIA : ['mediaUrl'],
	...(caption ? { caption: { v1: caption } } : {}),
	versions: V1,
	source,
});

export const V1_TYPE_RULES: readonly TypeRule[] = [
	...(['vcard', 'audio', 'video'] as const).map((type) =>
		v1Media(
			'mms',
			type,
			`SDK MMS${type === 'vcard' ? 'Vcard' : type[0].toUpperCase() + type.slice(1)}Params {url, caption}; Python SDK MmsResource caption 1-2000`,
			{ min: 1, max: 2000 },
		),
	),
	v1Media('viber', 'file', 'SDK ViberFileParams file {url, caption}'),
	{
		channel: 'viber',
		type: 'video',
		fields: ['mediaUrl', 'caption', 'thumbUrl', 'duration', 'fileSize'],
		caption: { v1: {} },
		versions: V1,
		source:
			'SDK ViberVideoParams video {url, caption?, thumbUrl}, viberService {duration, fileSize}; Java ViberVideoRequest: thumbnail, duration 1-600 s and file size 1-200 MB required',
	},
	{
		channel: 'whatsapp',
		type: 'sticker',
		fields: ['sticker'],
		versions: V1,
		source: 'SDK WhatsAppStickerParams sticker {url} or {id}; Java WhatsappStickerRequest',
	},
	{
		channel: 'whatsapp',
		type: 'reaction',
		fields: ['emoji'],
		versions: V1,
		needs: 'context',
		source:
			"SDK WhatsAppReactionType {action: 'react' | 'unreact', emoji?}; Java WhatsappReactionRequest: \"Context message ID is required.\"",
	},
	{
		channel: 'whatsapp',
		type: 'location',
		fields: ['latitude', 'longitude', 'placeName', 'placeAddress'],
		versions: V1,
		source:
			'Java WhatsappLocationRequest: sent as custom {type: location, location: {latitude, longitude, name, address}}; "Both latitude and longitude are required."',
	},
	{
		channel: 'whatsapp',
		type: 'custom',
		fields: ['custom'],
		versions: V1,
		source:
			'SDK WhatsAppCustomParams custom: an object (interactive lists, buttons, product messages), sent as given',
	},
	// RCS (v1 only). Messenger: v1 adds no message type (SDK Messenger* classes: text, image, audio, video, file).
	{
		channel: 'rcs',
		type: 'text',
		fields: ['text', 'suggestions'],
		text: { max: 3072 },
		suggestions: { max: 11 },
		versions: V1,
		source:
			'SDK RCSTextParams {text, suggestions}; Java RcsTextRequest: text up to 3072, at most 11 suggestions',
	},
	v1Media('rcs', 'image', 'SDK RCSImageParams image {url}', null),
	v1Media('rcs', 'video', 'SDK RCSVideoParams video {url}', null),
	v1Media('rcs', 'file', 'SDK RCSFileParams file {url}', null),
	{
		channel: 'rcs',
		type: 'card',
		fields: ['cardTitle', 'text', 'mediaUrl', 'suggestions'],
		text: { max: 2000 },
		suggestions: { max: 4 },
		versions: V1,
		source:
			'Java RcsCard {title up to 200, text up to 2000, media_url, suggestions at most 4}; .NET SDK RcsCardRequest; Vonage curl snippet messages/rcs send-rich-card',
	},
	{
		channel: 'rcs',
		type: 'custom',
		fields: ['custom'],
		versions: V1,
		source:
			'SDK RCSCustomParams custom: an object, sent as given (Messages.send copies it unchanged)',
	},
];
