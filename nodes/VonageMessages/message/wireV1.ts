import type { IDataObject } from 'n8n-workflow';

import { CHANNELS } from '../../shared/vocabulary/channels';
import type { Message } from '../../shared/vocabulary/messageModel';

/**
 * The Messages API v1 request body (shared README; field lists of Vonage's SDK request types): flat,
 * `channel` and `message_type` beside string `to`/`from`, the content under the type's name,
 * channel extras under `whatsapp`, `viber_service` or `messenger`.
 */
export function toV1Body(message: Message): IDataObject {
	const { content } = message;
	const body: IDataObject = {
		channel: CHANNELS[message.channel].v1Channel,
		message_type: content.type,
		to: message.to,
		from: message.from,
	};
	if (content.type === 'text') {
		body.text = content.text;
		if (content.suggestions) body.suggestions = content.suggestions;
	} else if (content.type === 'card') {
		// Java RcsCard / Vonage's curl snippet: {title, text, media_url, suggestions}.
		const card: IDataObject = { title: content.title, text: content.text, media_url: content.url };
		if (content.suggestions) card.suggestions = content.suggestions;
		body.card = card;
	} else if (content.type === 'custom') {
		body.custom = content.custom;
	} else if (content.type === 'sticker') {
		body.sticker = { ...content.sticker };
	} else if (content.type === 'reaction') {
		// SDK WhatsAppReactionType: react with an emoji, or unreact.
		body.reaction = content.emoji
			? { action: 'react', emoji: content.emoji }
			: { action: 'unreact' };
	} else if (content.type === 'location') {
		// Java WhatsappLocationRequest: a location is a custom message of type location.
		body.message_type = 'custom';
		const { type, ...location } = content;
		body.custom = { type, location };
	} else if (content.type === 'template') {
		body.template = { name: content.name, parameters: content.parameters };
		// v1 takes WhatsApp's own language codes: en_GB rather than BCP 47's en-GB.
		body.whatsapp = { policy: content.policy, locale: content.locale.replace('-', '_') };
	} else {
		const media: IDataObject = { url: content.url };
		if (content.caption !== undefined) media.caption = content.caption;
		if (content.thumbUrl !== undefined) media.thumb_url = content.thumbUrl;
		body[content.type] = media;
	}
	// SDK ViberVideoParams: a video's length and size go in viber_service, as text.
	const video =
		'duration' in content && content.duration !== undefined
			? { duration: String(content.duration), file_size: String(content.fileSize) }
			: {};
	if ((message.viber && Object.keys(message.viber).length > 0) || 'duration' in video) {
		// Vonage's default category, made explicit: the v1 viber_service object carries one.
		body.viber_service = { category: 'transaction', ...message.viber, ...video };
	}
	if (message.messenger && Object.keys(message.messenger).length > 0) {
		body.messenger = { category: 'response', ...message.messenger };
	}
	if (message.clientRef !== undefined) body.client_ref = message.clientRef;
	const v1 = message.v1 ?? {};
	if (v1.ttl !== undefined) body.ttl = v1.ttl;
	if (v1.webhookUrl !== undefined) body.webhook_url = v1.webhookUrl;
	if (v1.webhookVersion !== undefined) body.webhook_version = v1.webhookVersion;
	if (v1.context !== undefined) body.context = { message_uuid: v1.context };
	if (v1.trustedRecipient) body.trusted_recipient = true;
	if (v1.sms) body.sms = { ...v1.sms };
	if (v1.rcs) body.rcs = { ...v1.rcs };
	if (v1.card && body.card) Object.assign(body.card as IDataObject, v1.card);
	return body;
}
