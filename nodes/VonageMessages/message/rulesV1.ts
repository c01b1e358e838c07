/**
 * What only Messages API v1 has, stated once as data beside rules.ts: RCS suggestions, the RCS card
 * title and `ttl`, and the per-message webhook options. Sources as in rules.ts: `SDK` = Vonage's node
 * SDK (packages/messages: `AnyRCSSuggestion`, `RCSSuggestionType`, `MessageParams`), sent snake_cased
 * (its fixture "send text with suggestions"); `Java` = Vonage's Java SDK 9.x builders
 * (com.vonage.client.messages.rcs), whose length checks are the only published limits.
 */

/** What one field of a suggestion holds (the checks are in suggestionChecks.ts, keyed by kind). */
export type SuggestionFieldKind =
	| 'text'
	| 'url'
	| 'phone'
	| 'latitude'
	| 'longitude'
	| 'time'
	| 'viewMode';

export interface SuggestionField {
	/** The name on the wire (snake_case, as the SDK sends it). */
	wire: string;
	/** The editor's name of the field (camelCase, as the SDK's parameters name it). */
	name: string;
	label: string;
	kind: SuggestionFieldKind;
	required?: boolean;
}

export interface SuggestionRule {
	/** The editor's name of the type. */
	label: string;
	/** Fields beyond `text` and `postback_data`, which every suggestion has. */
	fields: readonly SuggestionField[];
	source: string;
}

const field = (
	wire: string,
	name: string,
	label: string,
	kind: SuggestionFieldKind,
	required = false,
): SuggestionField => ({ wire, name, label, kind, required });

const FALLBACK = field('fallback_url', 'fallbackUrl', 'Fallback URL', 'url');
const DESCRIPTION = field('description', 'description', 'Description', 'text');

/** One row per suggestion type, in the editor's order. */
export const SUGGESTION_RULES: Record<string, SuggestionRule> = {
	reply: {
		label: 'Reply',
		fields: [],
		source: 'SDK RCSReplySuggestionParams; Java RcsSuggestedReply',
	},
	dial: {
		label: 'Dial',
		fields: [field('phone_number', 'phoneNumber', 'Phone Number', 'phone', true), FALLBACK],
		source:
			'SDK RCSDialActionSuggestionParams {phoneNumber, fallbackUrl?}; Java RcsSuggestedActionDial',
	},
	view_location: {
		label: 'View Location',
		fields: [
			field('latitude', 'latitude', 'Latitude', 'latitude', true),
			field('longitude', 'longitude', 'Longitude', 'longitude', true),
			field('pin_label', 'pinLabel', 'Pin Label', 'text', true),
			FALLBACK,
		],
		source:
			'SDK RCSViewLocationSuggestionParams {latitude, longitude, pinLabel} as text; Java RcsSuggestedActionViewLocation',
	},
	share_location: {
		label: 'Share Location',
		fields: [],
		source: 'SDK RCSShareLocationSuggestionParams; Java RcsSuggestedActionShareLocation',
	},
	open_url: {
		label: 'Open URL',
		fields: [field('url', 'url', 'URL', 'url', true), DESCRIPTION],
		source: 'SDK RCSOpenURLSuggestionParams {url, description?}; Java RcsSuggestedActionOpenUrl',
	},
	open_url_in_webview: {
		label: 'Open URL in Webview',
		fields: [
			field('url', 'url', 'URL', 'url', true),
			field('view_mode', 'viewMode', 'View Mode', 'viewMode'),
			DESCRIPTION,
		],
		source:
			"SDK RCSOpenURLWebviewSuggestionParams {url, viewMode? 'FULL' | 'TALL' | 'HALF', description?}",
	},
	create_calendar_event: {
		label: 'Create Calendar Event',
		fields: [
			field('start_time', 'startTime', 'Start Time', 'time', true),
			field('end_time', 'endTime', 'End Time', 'time', true),
			field('title', 'title', 'Title', 'text', true),
			DESCRIPTION,
			FALLBACK,
		],
		source:
			'SDK RCSCreateCalendarEventSuggestionParams {startTime, endTime, title, description?, fallbackUrl?}; Java: Instants',
	},
};

export const SUGGESTION_TYPES = Object.keys(SUGGESTION_RULES);

/** What every suggestion holds, and the limits of RCS beyond the rows of rules.ts. */
export const RCS_RULES = {
	/** Java RcsSuggestion and every suggestion builder: "Text must be 25 characters or less." */
	suggestionText: { max: 25 },
	/** Java: "Postback data is required." (no published limit). */
	viewModes: ['FULL', 'TALL', 'HALF'],
	/** Java RcsCard: "Title must be 200 characters or less." */
	cardTitle: { max: 200 },
	/** Java RcsRequest: "TTL must be between 20 and 259200 seconds." */
	ttl: { min: 20, max: 259200, source: 'Java RcsRequest ttl 20 to 259200' },
} as const;

/**
 * RCS options beyond `ttl`, each a choice of values with where it goes on the wire. Sources: .NET SDK
 * `MessageRcs` {category, card_orientation, image_alignment} and `CardAttachment` {media_height,
 * thumbnail_url} with its fixture SendFullRcsCardAsyncReturnsOk-request.json; PHP SDK `RCSCategory`,
 * `RCSCardOrentation`, `RCSCardAlignment`, `RcsCardObject::HEIGHT_*`; Java SDK 9.x `rcs.Rcs`,
 * `CardOrientation`, `ImageAlignment`. The node SDK has none of them.
 */
export const RCS_OPTION_RULES = {
	category: {
		values: ['authentication', 'transaction', 'promotion', 'service-request', 'acknowledgement'],
		wire: 'rcs.category',
		source: 'PHP RCSCategory; .NET MessageRcs.Category "Must be one of"',
	},
	cardOrientation: {
		values: ['VERTICAL', 'HORIZONTAL'],
		wire: 'rcs.card_orientation',
		card: true,
		source: '.NET RcsCardOrientation; Java CardOrientation; PHP RCSCardOrentation',
	},
	imageAlignment: {
		values: ['LEFT', 'RIGHT'],
		wire: 'rcs.image_alignment',
		card: true,
		source: '.NET RcsImageAlignment ("only applies ... card_orientation of HORIZONTAL"); Java; PHP',
	},
	mediaHeight: {
		values: ['SHORT', 'MEDIUM', 'TALL'],
		wire: 'card.media_height',
		card: true,
		source: '.NET CardAttachment.Height (default SHORT); PHP RcsCardObject HEIGHT_*',
	},
} as const;

/** .NET RcsCardRequest: "ImageAlignment is required when CardOrientation is Horizontal." */
export const RCS_HORIZONTAL = { orientation: 'HORIZONTAL', needs: 'imageAlignment' } as const;

/** Per-message webhooks (SDK MessageParams {webhookUrl, webhookVersion}; shared README "extras"). */
export const WEBHOOK_RULES = {
	versions: ['v1', 'v0.1'],
	/** https, or http only to this machine (house rule: nothing leaves over plain http). */
	loopback: ['localhost', '127.0.0.1', '[::1]'],
} as const;

/** SMS in v1 (SDK SMSParams {ttl, trustedRecipient, sms: {encodingType, contentId, entityId}}; its fixtures). */
export const SMS_V1_RULES = {
	/** SDK: "The duration in seconds", Vonage tries "for 72 hours" by default (259200); Java: "TTL must be positive." */
	ttl: { min: 1, max: 259200 },
	encodingTypes: ['auto', 'text', 'unicode'],
	/** Java OutboundSettings: "Content ID cannot be blank." / "Entity ID cannot be blank." */
	idPattern: /^\S(?:.*\S)?$/,
} as const;

/** A message_uuid (Vonage answers with UUIDs; the context of a WhatsApp reply or reaction names one). */
export const MESSAGE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Viber video (Java ViberVideoRequest / ViberService: "Duration must be between 1 and 600 seconds."; file size 1 to 200 MB). */
export const VIBER_VIDEO_RULES = {
	duration: { min: 1, max: 600 },
	fileSize: { min: 1, max: 200 },
} as const;
