import type { IDataObject } from 'n8n-workflow';

import { CHANNELS } from '../../shared/vocabulary/channels';
import { isMedia, type Message } from '../../shared/vocabulary/messageModel';
import { CHANNEL_RULES, recipientKind, type AddressKind } from './rules';

/** Where v0.1 puts an address of each kind: `{type, number}` or `{type, id}` (yml `to`/`from` schemas). */
export const V01_ADDRESS_FIELD: Record<AddressKind, 'number' | 'id'> = {
	number: 'number',
	whatsappUser: 'number',
	smsSender: 'number',
	mmsSender: 'number',
	viberService: 'id',
	messengerId: 'id',
	rcsAgent: 'id', // never sent: v0.1 has no RCS (check.ts refuses it)
};

/**
 * The Messages API v0.1 request body (messages-v0.1.yml, schema `message`): typed `to`/`from` objects,
 * the content under `message.content`, channel extras beside it under `message.<channel>`.
 */
export function toV01Body(message: Message): IDataObject {
	const type = CHANNELS[message.channel].v01Type;
	const rules = CHANNEL_RULES[message.channel];
	const address = (value: string, kind: AddressKind) => ({
		type,
		[V01_ADDRESS_FIELD[kind]]: value,
	});

	const { content } = message;
	const body: IDataObject = {
		to: address(message.to, recipientKind(message.channel, 'v0.1')),
		from: address(message.from, rules.from),
	};
	const envelope: IDataObject = {};
	if (content.type === 'text') {
		envelope.content = { type: 'text', text: content.text };
	} else if (content.type === 'template') {
		const template: IDataObject = { name: content.name };
		if (content.parameters.length > 0) template.parameters = content.parameters;
		envelope.content = { type: 'template', template };
		envelope.whatsapp = { policy: content.policy, locale: content.locale };
	} else if (content.type === 'card' || !isMedia(content.type) || !('url' in content)) {
		throw new Error(`API v0.1 has no ${content.type} messages`); // check.ts refuses them first
	} else {
		const media: IDataObject = { url: content.url };
		if (content.caption !== undefined) media.caption = content.caption;
		envelope.content = { type: content.type, [content.type]: media };
	}
	if (message.viber && Object.keys(message.viber).length > 0)
		envelope.viber_service_msg = { ...message.viber };
	if (message.messenger && Object.keys(message.messenger).length > 0)
		envelope.messenger = { ...message.messenger };
	body.message = envelope;
	if (message.clientRef !== undefined) body.client_ref = message.clientRef;
	return body;
}
