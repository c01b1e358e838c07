/**
 * What one message must satisfy, stated once as data. check.ts reads these tables and nothing else
 * decides what a channel takes; the editor (actions/common/fields.ts) shows the same limits and values.
 * Adding a message type is adding a row to TYPE_RULES (to rowsV1.ts, which it includes, for a type
 * only API v1 has); the shapes of a row are in ruleTypes.ts.
 *
 * Sources, as each entry names them: `yml` = Vonage's Messages API v0.1 OpenAPI file
 * (messages-v0.1.yml, schema `message`); `README` = the shared Vonage reference
 * (/work/shared/vonage/README.md); `SDK` = Vonage's SDK request types (vonage-node-sdk
 * packages/messages, the Python SDK's models); `Java` = Vonage's Java SDK 9.x request builders (their
 * length checks: com.vonage.client.messages.rcs). v1-only rows and channels are refused in v0.1.
 */
import type {
	ApiVersion,
	Channel,
	MessageType,
	MessengerOptions,
	ViberOptions,
} from '../../shared/vocabulary/messageModel';
import type { AddressKind, ChannelRules, ContentField, TypeRule } from './ruleTypes';
import { MEDIA, V1_TYPE_RULES } from './rowsV1';

export type { AddressKind, ChannelRules, ContentField, OptionField, TypeRule } from './ruleTypes';

export const CHANNEL_RULES: Record<Channel, ChannelRules> = {
	sms: {
		from: 'smsSender',
		to: 'number',
		options: ['encodingType', 'ttl', 'trustedRecipient', 'contentId', 'entityId'],
		source: 'README: E.164 numbers; from may be an alphanumeric sender ID',
	},
	mms: {
		from: 'mmsSender',
		to: 'number',
		options: [],
		source: 'yml mmsMessage (US numbers and short codes)',
	},
	whatsapp: {
		from: 'number',
		to: { 'v0.1': 'number', v1: 'whatsappUser' },
		options: ['context'],
		source:
			'yml whatsapp to.number; v1: Java SDK 9.13.0 WhatsappRequest/Bsuid (README: a BSUID when the number is hidden)',
	},
	viber: {
		from: 'viberService',
		to: 'number',
		options: ['category', 'ttl'],
		source: 'yml viber_service_msg: from.id, to.number',
	},
	messenger: {
		from: 'messengerId',
		to: 'messengerId',
		options: ['category', 'tag'],
		source: 'yml messenger: from.id and to.id, 1 to 50 characters',
	},
	rcs: {
		from: 'rcsAgent',
		to: 'number',
		options: [
			'ttl',
			'category',
			'cardOrientation',
			'imageAlignment',
			'mediaHeight',
			'cardThumbnailUrl',
		],
		versions: ['v1'],
		source:
			'SDK RCSParams (channel rcs, v1 only; fixtures send from an agent name, to a number); Java RcsRequest',
	},
};

/** The kind of address To takes in `version`. */
export const recipientKind = (channel: Channel, version: ApiVersion): AddressKind => {
	const { to } = CHANNEL_RULES[channel];
	return typeof to === 'string' ? to : to[version];
};

const TEXT: readonly ContentField[] = ['text'];
const TEMPLATE: readonly ContentField[] = [
	'templateName',
	'templateParameters',
	'locale',
	'policy',
];

/** The rows, a channel's in the order the editor lists its types (the first is its default). */
export const TYPE_RULES: readonly TypeRule[] = [
	{
		channel: 'sms',
		type: 'text',
		fields: TEXT,
		text: { max: 1000, by: 'Vonage' },
		source: 'README: SMS text up to 1000 characters',
	},
	{
		channel: 'mms',
		type: 'image',
		fields: MEDIA,
		caption: { v1: { min: 1, max: 2000 } },
		source:
			'yml mmsMessage image {url} (no caption); SDK MMSImage {url, caption}; Python SDK MmsResource caption 1-2000',
	},
	{
		channel: 'whatsapp',
		type: 'text',
		fields: TEXT,
		text: { max: 4096 },
		source: 'yml textMessageWhatsApp text maxLength 4096',
	},
	{
		channel: 'whatsapp',
		type: 'image',
		fields: MEDIA,
		caption: { 'v0.1': { max: 3000 }, v1: { max: 3000 } },
		source:
			"yml imageMessageWhatsApp {url, caption}; SDK WhatsAppImage; Python SDK WhatsappImageResource caption 1-3000 (WhatsApp's limit, so v0.1 too)",
	},
	{
		channel: 'whatsapp',
		type: 'audio',
		fields: MEDIA,
		source: 'yml audioMessageWhatsApp {url}; SDK WhatsAppAudio {url}',
	},
	{
		channel: 'whatsapp',
		type: 'video',
		fields: MEDIA,
		caption: { v1: {} },
		source: 'yml videoMessageWhatsApp {url}; SDK WhatsAppVideo {url, caption}',
	},
	{
		channel: 'whatsapp',
		type: 'file',
		fields: MEDIA,
		caption: { 'v0.1': {}, v1: {} },
		source: 'yml fileMessageWhatsApp {url, caption}; SDK WhatsAppFile',
	},
	{
		channel: 'whatsapp',
		type: 'template',
		fields: TEMPLATE,
		source: 'yml templateMessageWhatsApp and whatsapp {policy, locale}; SDK WhatsAppTemplate',
	},
	{
		channel: 'viber',
		type: 'text',
		fields: TEXT,
		text: { max: 1000 },
		source: 'yml viber text maxLength 1000',
	},
	{
		channel: 'viber',
		type: 'image',
		fields: MEDIA,
		caption: { v1: {} },
		source: 'yml viber image {url}; SDK ViberImage {url, caption}',
	},
	{
		channel: 'messenger',
		type: 'text',
		fields: TEXT,
		text: { max: 640 },
		source: "Vonage's Messenger docs: text up to 640 characters",
	},
	...(['image', 'audio', 'video', 'file'] as const).map(
		(type): TypeRule => ({
			channel: 'messenger',
			type,
			fields: MEDIA,
			source: `yml ${type}MessageFacebook {url}; SDK Messenger${type[0].toUpperCase()}${type.slice(1)} {url}`,
		}),
	),
	...V1_TYPE_RULES,
];

/** A channel's rows, in order. */
export const typesOf = (channel: Channel): readonly TypeRule[] =>
	TYPE_RULES.filter((row) => row.channel === channel);

/** A channel's row for a type, if it takes that type. */
export const ruleOf = (channel: Channel, type: string): TypeRule | undefined =>
	TYPE_RULES.find((row) => row.channel === channel && row.type === type);

/** Types that take a caption in `version`, or in either version when none is given. */
export const captionTypes = (channel: Channel, version?: ApiVersion): MessageType[] =>
	typesOf(channel)
		.filter((row) => (version ? row.caption?.[version] : row.caption?.['v0.1'] || row.caption?.v1))
		.map((row) => row.type);

/** `client_ref`: README "max 40 characters" (v0.1); node, Python and Java SDKs: 100 in v1. */
export const CLIENT_REF_MAX: Record<ApiVersion, number> = { 'v0.1': 40, v1: 100 };

/** WhatsApp templates (yml templateMessageWhatsApp, `whatsapp` {policy, locale}). */
export const TEMPLATE_RULES = {
	/** A name with no blanks; `namespace:name` where the account has a namespace. */
	name: /^\S+$/,
	/** BCP 47 (yml: "The BCP 47 language of the template") or WhatsApp's `pt_BR`. */
	locale: /^[a-z]{2,3}(?:[-_](?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3}))?$/,
	policies: ['deterministic'],
	/** yml: "all requests carrying a fallback policy will be rejected with a 400 error". */
	withdrawn: {
		fallback:
			'WhatsApp withdrew the fallback policy in January 2020 and Vonage refuses it with 400',
	} as Record<string, string>,
} as const;

/** A choice of values, the first being Vonage's default. */
export interface Choice<T extends string> {
	values: readonly T[];
	source: string;
}

/** The Viber and Messenger options. */
export const OPTION_RULES = {
	viber: {
		category: {
			values: ['transaction', 'promotion'],
			source: 'yml viber_service_msg.category (default transaction)',
		} as Choice<NonNullable<ViberOptions['category']>>,
		ttl: { min: 30, max: 259200, source: 'yml viber_service_msg.ttl minimum 30, maximum 259200' },
	},
	messenger: {
		category: {
			values: ['response', 'update', 'message_tag'],
			source: 'yml messenger.category: "By default Vonage sends the response category"',
		} as Choice<NonNullable<MessengerOptions['category']>>,
		/**
		 * A tag belongs to the category message_tag, which needs one (yml messenger.category: "If
		 * message_tag is used, then an additional tag ... is mandatory"); Facebook reads a tag only there.
		 * So a tag with no category sets message_tag, and a tag with another category is refused.
		 */
		tag: { pattern: /^[A-Z][A-Z_]*$/, category: 'message_tag' },
	},
} as const;
