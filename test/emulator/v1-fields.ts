/**
 * The Messages API v1 webhook formats as a field list, for contract tests. There is no v1 OpenAPI file in
 * ../shared/vonage, so the list is derived from the shared README ("v1 status webhook (SMS)", "v1 inbound
 * SMS") and the fields Vonage's SDKs map for a v1 MessageStatus and InboundMessage (Java SDK
 * `com.vonage.client.messages.MessageStatus` / `InboundMessage`, node SDK `packages/messages` types).
 * Each entry: the expected type (`string`, `object`, or a list of allowed values), and whether it must be present.
 */
export type FieldRule = {
	type: 'string' | 'number' | 'object' | 'array' | readonly string[];
	required?: boolean;
	/** An object's fields, or those of each object in an array. */
	fields?: FieldList;
};
export type FieldList = Record<string, FieldRule>;

const CHANNELS = ['sms', 'mms', 'whatsapp', 'viber_service', 'messenger', 'rcs'] as const;
const url = {
	url: { type: 'string', required: true },
	caption: { type: 'string' },
	name: { type: 'string' },
} satisfies FieldList;

export const V1_STATUS: FieldList = {
	message_uuid: { type: 'string', required: true },
	to: { type: 'string', required: true },
	from: { type: 'string', required: true },
	timestamp: { type: 'string', required: true },
	status: { type: ['submitted', 'delivered', 'rejected', 'undeliverable', 'read'], required: true },
	channel: { type: CHANNELS, required: true },
	client_ref: { type: 'string' },
	error: {
		type: 'object',
		fields: {
			type: { type: 'string', required: true },
			title: { type: 'string', required: true },
			detail: { type: 'string' },
			instance: { type: 'string' },
		},
	},
	usage: { type: 'object', fields: { currency: { type: 'string' }, price: { type: 'string' } } },
	destination: { type: 'object', fields: { network_code: { type: 'string' } } },
	sms: { type: 'object', fields: { count_total: { type: 'string' } } },
	whatsapp: { type: 'object' },
};

export const V1_INBOUND: FieldList = {
	channel: { type: CHANNELS, required: true },
	message_type: {
		type: [
			'text',
			'image',
			'audio',
			'video',
			'file',
			'vcard',
			'sticker',
			'location',
			'reply',
			'order',
			'button',
			'unsupported',
			'custom',
			'reaction',
			// MMS with several attachments (inbound-types.ts: the request's type, not recorded for inbound)
			'content',
		],
		required: true,
	},
	message_uuid: { type: 'string', required: true },
	to: { type: 'string', required: true },
	from: { type: 'string', required: true },
	timestamp: { type: 'string', required: true },
	client_ref: { type: 'string' },
	provider_message: { type: 'string' },
	text: { type: 'string' },
	image: { type: 'object', fields: url },
	audio: { type: 'object', fields: url },
	video: { type: 'object', fields: url },
	file: { type: 'object', fields: url },
	vcard: { type: 'object', fields: url },
	sticker: { type: 'object', fields: url },
	profile: { type: 'object' },
	context_status: { type: 'string' },
	context: { type: 'object' },
	// The types beyond text and media: inbound-types.ts gives each one's source.
	location: {
		type: 'object',
		fields: {
			lat: { type: 'number', required: true },
			long: { type: 'number', required: true },
			name: { type: 'string' },
			address: { type: 'string' },
		},
	},
	reply: {
		type: 'object',
		fields: {
			id: { type: 'string', required: true },
			title: { type: 'string', required: true },
			description: { type: 'string' },
		},
	},
	// {text, payload, subtype}: payload is text on RCS and an object on WhatsApp (Java SDK `Button`)
	button: { type: 'object' },
	order: { type: 'object' },
	content: {
		type: 'array',
		fields: {
			type: { type: ['image', 'audio', 'video', 'file', 'vcard'], required: true },
			url: { type: 'string', required: true },
			caption: { type: 'string' },
		},
	},
	usage: { type: 'object', fields: { currency: { type: 'string' }, price: { type: 'string' } } },
	sms: {
		type: 'object',
		fields: {
			num_messages: { type: 'string' },
			total_count: { type: 'string' },
			keyword: { type: 'string' },
		},
	},
	origin: { type: 'object', fields: { network_code: { type: 'string' } } },
	whatsapp: { type: 'object' },
};

/** Every way `value` breaks `list`: a missing required field, an unknown field, a wrong type. */
export function checkFields(value: unknown, list: FieldList, path = '$'): string[] {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return [`${path}: expected an object`];
	const record = value as Record<string, unknown>;
	const errors: string[] = [];
	for (const [name, rule] of Object.entries(list))
		if (rule.required && !(name in record)) errors.push(`${path}.${name}: is required`);
	for (const [name, child] of Object.entries(record)) {
		const rule = Object.hasOwn(list, name) ? list[name] : undefined;
		const at = `${path}.${name}`;
		if (!rule) errors.push(`${at}: is not a v1 field`);
		else if (Array.isArray(rule.type)) {
			if (!rule.type.includes(child as string))
				errors.push(`${at}: must be one of ${rule.type.join(', ')}`);
		} else if (rule.type === 'array') {
			if (!Array.isArray(child)) errors.push(`${at}: expected an array`);
			else if (rule.fields)
				child.forEach((item, i) => errors.push(...checkFields(item, rule.fields!, `${at}[${i}]`)));
		} else if (rule.type === 'object') {
			if (typeof child !== 'object' || child === null || Array.isArray(child))
				errors.push(`${at}: expected an object`);
			else if (rule.fields) errors.push(...checkFields(child, rule.fields, at));
		} else if (typeof child !== rule.type) errors.push(`${at}: expected ${String(rule.type)}`);
	}
	return errors;
}
