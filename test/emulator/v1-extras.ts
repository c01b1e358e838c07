/**
 * The v1 fields of WhatsApp and SMS beyond text, media and templates, as the emulator validates them.
 * Sources, the same as the node's rules (nodes/VonageMessages/message/rules.ts, rulesV1.ts):
 * - WhatsApp `sticker: {url} | {id}`, `reaction: {action: react | unreact, emoji?}`, `custom` (an object),
 *   `context: {message_uuid}`: Vonage node SDK `WhatsAppStickerParams`, `WhatsAppReactionType`,
 *   `WhatsAppCustomParams`, `WhatsAppContext`; a reaction needs its context (Java SDK
 *   `WhatsappReactionRequest`: "Context message ID is required."); a location is a custom message
 *   `{type: location, location: {latitude, longitude, name?, address?}}` (Java `WhatsappLocationRequest`,
 *   `Location`: "Both latitude and longitude are required.").
 * - Viber video: `video: {url, caption?, thumb_url}` and `viber_service: {duration, file_size}`, all
 *   required (Java SDK `ViberVideoRequest`, `Video`: "Thumbnail URL is required.", duration 1 to 600
 *   seconds, file size 1 to 200 MB); the node SDK's `ViberVideoParams` types them as text, the Java SDK
 *   as numbers, so both are accepted.
 * - SMS `ttl` (seconds, positive), `trusted_recipient` (boolean, top level in the node SDK `SMSParams`;
 *   inside `sms` in the Java SDK's `OutboundSettings`, so both are accepted), `sms: {encoding_type,
 *   content_id, entity_id}` (the IDs "cannot be blank", Java `OutboundSettings`).
 */
type Check = (ok: boolean, name: string, reason: string) => void;
type Require = (value: unknown, name: string) => boolean;

const isObject = (value: unknown): value is Record<string, any> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nonBlank = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export function checkWhatsappV1(check: Check, require: Require, body: Record<string, any>): void {
	const type = body.message_type;
	if (body.context !== undefined)
		check(
			isObject(body.context) &&
				typeof body.context.message_uuid === 'string' &&
				UUID.test(body.context.message_uuid),
			'context.message_uuid',
			'must be a message UUID',
		);
	if (type === 'sticker' && isObject(body.sticker))
		check(
			nonBlank(body.sticker.url) !== nonBlank(body.sticker.id),
			'sticker',
			'must have either url or id',
		);
	if (type === 'reaction' && isObject(body.reaction)) {
		check(
			['react', 'unreact'].includes(body.reaction.action),
			'reaction.action',
			'must be one of: react, unreact',
		);
		if (body.reaction.action === 'react') require(body.reaction.emoji, 'reaction.emoji');
		require(body.context, 'context');
	}
	if (type === 'custom' && isObject(body.custom)) {
		check(Object.keys(body.custom).length > 0, 'custom', 'must be a non-empty object');
		if (body.custom.type === 'location') {
			const place = body.custom.location;
			if (require(place, 'custom.location')) {
				require(place.latitude, 'custom.location.latitude');
				require(place.longitude, 'custom.location.longitude');
			}
		}
	}
}

export function checkSmsV1(check: Check, body: Record<string, any>): void {
	const trusted = body.trusted_recipient ?? body.sms?.trusted_recipient;
	if (trusted !== undefined)
		check(typeof trusted === 'boolean', 'trusted_recipient', 'must be a boolean');
	for (const id of ['content_id', 'entity_id'])
		if (isObject(body.sms) && body.sms[id] !== undefined)
			check(nonBlank(body.sms[id]), `sms.${id}`, 'must not be blank');
}

const inRange = (value: unknown, min: number, max: number) => {
	const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
};

export function checkViberV1(check: Check, require: Require, body: Record<string, any>): void {
	if (body.message_type !== 'video' || !isObject(body.video)) return;
	if (require(body.video.thumb_url, 'video.thumb_url'))
		check(nonBlank(body.video.thumb_url), 'video.thumb_url', 'must be a URL');
	const service = isObject(body.viber_service) ? body.viber_service : {};
	if (require(service.duration, 'viber_service.duration'))
		check(inRange(service.duration, 1, 600), 'viber_service.duration', 'must be 1 to 600 seconds');
	if (require(service.file_size, 'viber_service.file_size'))
		check(inRange(service.file_size, 1, 200), 'viber_service.file_size', 'must be 1 to 200 MB');
}
