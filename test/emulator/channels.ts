/**
 * Every channel of the Messages API, as the emulator validates it (SMS in v0.1 stays with validate.ts).
 *
 * v0.1: messages-v0.1.yml, schema `message` (one branch per channel and type; `text` limits of the
 * schemas; Viber `ttl` 30..259200; WhatsApp `policy` only `deterministic`, "a fallback policy will be
 * rejected with a 400 error"; Messenger `message_tag` needs a `tag`), plus the shared README's number
 * rules. v1: the field lists of Vonage's SDK request types (Vonage/vonage-node-sdk packages/messages:
 * `channel`, `message_type`, string `to`/`from`, content under the type's name, `whatsapp`,
 * `viber_service`, `messenger`, `client_ref` up to 100). v0.1: missing fields 400 (1010), wrong values 422
 * (1020); v1: any bad or missing field 422 `…/messages#1150` "Invalid params" (shared README,
 * "Synchronous errors are not webhook errors").
 */
import {
	invalidParams,
	missingParams,
	v1InvalidParams,
	type InvalidParameter,
	type Problem,
} from './problems';
import { BSUID, CAPTION_LIMITS } from './channel-limits';
import { checkRcs, RCS_LIMITS } from './rcs';
import { checkSmsV1, checkViberV1, checkWhatsappV1 } from './v1-extras';
import { E164, MAX_CLIENT_REF, SENDER_ID, validateSms } from './validate';

export type ApiVersion = 'v0.1' | 'v1';
export type Channel = 'sms' | 'mms' | 'whatsapp' | 'viber' | 'messenger' | 'rcs';

interface ChannelRules {
	v01Type: string;
	v1Channel: string;
	/** Message types of v0.1 (messages-v0.1.yml) and of v1 (SDK request types). */
	types: Record<ApiVersion, string[]>;
	textLimit?: number;
	to: 'number' | 'id';
	/** What `to` takes in v1 where it differs (channel-limits.ts: a WhatsApp BSUID). */
	toV1?: AddressKind;
	from: 'number' | 'id' | 'shortcode';
}

type AddressKind = 'number' | 'id' | 'shortcode' | 'numberOrBsuid';

export const CHANNEL_RULES: Record<Channel, ChannelRules> = {
	sms: {
		v01Type: 'sms',
		v1Channel: 'sms',
		types: { 'v0.1': ['text'], v1: ['text'] },
		textLimit: 1000,
		to: 'number',
		from: 'number',
	},
	mms: {
		v01Type: 'mms',
		v1Channel: 'mms',
		types: { 'v0.1': ['image'], v1: ['image', 'vcard', 'audio', 'video', 'text', 'file'] },
		to: 'number',
		from: 'shortcode',
	},
	whatsapp: {
		v01Type: 'whatsapp',
		v1Channel: 'whatsapp',
		types: {
			'v0.1': ['text', 'image', 'audio', 'video', 'file', 'template'],
			v1: ['text', 'image', 'audio', 'video', 'file', 'template', 'sticker', 'custom', 'reaction'],
		},
		textLimit: 4096,
		to: 'number',
		toV1: 'numberOrBsuid',
		from: 'number',
	},
	viber: {
		v01Type: 'viber_service_msg',
		v1Channel: 'viber_service',
		types: { 'v0.1': ['text', 'image', 'template'], v1: ['text', 'image', 'video', 'file'] },
		textLimit: 1000,
		to: 'number',
		from: 'id',
	},
	messenger: {
		v01Type: 'messenger',
		v1Channel: 'messenger',
		types: {
			'v0.1': ['text', 'image', 'audio', 'video', 'file'],
			v1: ['text', 'image', 'audio', 'video', 'file'],
		},
		textLimit: 640,
		to: 'id',
		from: 'id',
	},
	// v1 only (rcs.ts): no v0.1 type, so no v0.1 body is ever taken for RCS.
	rcs: {
		v01Type: '',
		v1Channel: 'rcs',
		types: { 'v0.1': [], v1: ['text', 'image', 'video', 'file', 'card', 'custom'] },
		textLimit: RCS_LIMITS.text,
		to: 'number',
		from: 'id',
	},
};

const CHANNEL_NAMES = Object.keys(CHANNEL_RULES) as Channel[];
export const channelOfV01Type = (type: unknown): Channel | undefined =>
	CHANNEL_NAMES.find((c) => CHANNEL_RULES[c].v01Type !== '' && CHANNEL_RULES[c].v01Type === type);
export const channelOfV1 = (channel: unknown): Channel | undefined =>
	CHANNEL_NAMES.find((c) => CHANNEL_RULES[c].v1Channel === channel);

const MAX_CLIENT_REF_V1 = 100;
const VIBER_TTL = [30, 259200] as const;
const SHORTCODE = /^\d{3,6}$/;
const ID = /^\S{1,50}$/;
const LOCALE_V01 = /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?$/;

type Body = Record<string, any>;
type Result = { status: number; problem: Problem } | undefined;

class Findings {
	missing: InvalidParameter[] = [];
	invalid: InvalidParameter[] = [];
	/** Wrong values that Vonage documents as a 400 rather than a 422. */
	refused: InvalidParameter[] = [];
	require(value: unknown, name: string): boolean {
		if (value !== undefined && value !== null) return true;
		this.missing.push({ name, reason: 'is required' });
		return false;
	}
	check(ok: boolean, name: string, reason: string): void {
		if (!ok) this.invalid.push({ name, reason });
	}
	/** v0.1 as its reference page says (400 missing, 422 invalid); v1 as real v1 answers (always 422 #1150). */
	result(version: ApiVersion = 'v0.1'): Result {
		if (version === 'v1') {
			const all = [...this.missing, ...this.refused, ...this.invalid];
			return all.length > 0 ? { status: 422, problem: v1InvalidParams(all) } : undefined;
		}
		if (this.missing.length > 0)
			return {
				status: 400,
				problem: missingParams(
					'Your request is incomplete and missing some mandatory parameters.',
					this.missing,
				),
			};
		if (this.refused.length > 0) return { status: 400, problem: invalidParams(this.refused) };
		if (this.invalid.length > 0) return { status: 422, problem: invalidParams(this.invalid) };
		return undefined;
	}
}

const isObject = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

function checkAddress(
	f: Findings,
	kind: AddressKind,
	value: unknown,
	name: string,
	smsSender = false,
): void {
	if (!f.require(value, name)) return;
	const ok =
		typeof value === 'string' &&
		(kind === 'id'
			? ID.test(value)
			: E164.test(value) ||
				(kind === 'shortcode' && SHORTCODE.test(value)) ||
				(kind === 'numberOrBsuid' && BSUID.test(value)) ||
				(smsSender && SENDER_ID.test(value)));
	const reason =
		kind === 'id'
			? 'must be an ID of 1 to 50 characters'
			: kind === 'shortcode'
				? 'must be 7 to 15 digits or a short code'
				: kind === 'numberOrBsuid'
					? 'must be 7 to 15 digits or a business-scoped user ID (BSUID)'
					: 'must be 7 to 15 digits (E.164 without + or 00)';
	f.check(ok, name, smsSender ? `${reason}, or an alphanumeric sender ID` : reason);
}

function checkText(f: Findings, value: unknown, name: string, limit: number | undefined): void {
	if (!f.require(value, name)) return;
	const length = typeof value === 'string' ? Array.from(value).length : -1;
	f.check(
		length >= 1 && (limit === undefined || length <= limit),
		name,
		`must be a string of 1 to ${limit ?? 'any number of'} characters`,
	);
}

function checkMedia(f: Findings, media: unknown, name: string, limits?: [number, number]): void {
	if (!f.require(media, name)) return;
	if (!isObject(media)) return f.check(false, name, 'must be an object');
	if (!f.require(media.url, `${name}.url`)) return;
	f.check(isHttpUrl(media.url), `${name}.url`, 'must be an absolute http(s) URL');
	if (media.caption === undefined) return;
	if (!limits)
		return f.check(typeof media.caption === 'string', `${name}.caption`, 'must be a string');
	const length = typeof media.caption === 'string' ? Array.from(media.caption).length : -1;
	f.check(
		length >= limits[0] && length <= limits[1],
		`${name}.caption`,
		`must be a string of ${limits[0]} to ${limits[1]} characters`,
	);
}

function checkClientRef(f: Findings, value: unknown, max: number): void {
	if (value === undefined) return;
	f.check(
		typeof value === 'string' && Array.from(value).length <= max,
		'client_ref',
		`must be a string of at most ${max} characters`,
	);
}

function checkViberOptions(f: Findings, options: unknown, name: string): void {
	if (options === undefined) return;
	if (!isObject(options)) return f.check(false, name, 'must be an object');
	if (options.category !== undefined)
		f.check(
			['transaction', 'promotion'].includes(options.category),
			`${name}.category`,
			'must be one of: transaction, promotion',
		);
	if (options.ttl !== undefined) {
		f.check(
			Number.isInteger(options.ttl) && options.ttl >= VIBER_TTL[0] && options.ttl <= VIBER_TTL[1],
			`${name}.ttl`,
			`must be an integer from ${VIBER_TTL[0]} to ${VIBER_TTL[1]}`,
		);
	}
	if (options.type !== undefined)
		f.check(typeof options.type === 'string', `${name}.type`, 'must be a string');
}

function checkMessengerOptions(f: Findings, options: unknown, name: string): void {
	if (options === undefined) return;
	if (!isObject(options)) return f.check(false, name, 'must be an object');
	if (options.category !== undefined)
		f.check(
			['response', 'update', 'message_tag'].includes(options.category),
			`${name}.category`,
			'must be one of: response, update, message_tag',
		);
	if (options.tag !== undefined)
		f.check(
			typeof options.tag === 'string' && options.tag !== '',
			`${name}.tag`,
			'must be a non-empty string',
		);
	if (options.category === 'message_tag') f.require(options.tag, `${name}.tag`);
}

/** v0.1: typed `to`/`from`, content under `message.content` (SMS goes to validateSms, unchanged). */
export function validateV01(body: unknown): Result {
	if (!isObject(body))
		return { status: 400, problem: missingParams('The request body must be a JSON object.') };
	// A body with an `sms` type on either side is an SMS (a wrong one if the other side differs).
	const channel =
		body.to?.type === 'sms' || body.from?.type === 'sms'
			? 'sms'
			: (channelOfV01Type(body.from?.type) ?? channelOfV01Type(body.to?.type));
	if (channel === undefined || channel === 'sms') return validateSms(body);
	const rules = CHANNEL_RULES[channel];
	const f = new Findings();
	for (const side of ['to', 'from'] as const) {
		if (f.require(body[side]?.type, `${side}.type`))
			f.check(
				body[side].type === rules.v01Type,
				`${side}.type`,
				`must be ${rules.v01Type}, the channel of the other side`,
			);
	}
	checkAddress(
		f,
		rules.to,
		body.to?.[rules.to === 'id' ? 'id' : 'number'],
		`to.${rules.to === 'id' ? 'id' : 'number'}`,
	);
	checkAddress(
		f,
		rules.from,
		body.from?.[rules.from === 'id' ? 'id' : 'number'],
		`from.${rules.from === 'id' ? 'id' : 'number'}`,
	);
	const content = body.message?.content;
	if (f.require(content, 'message.content') && f.require(content.type, 'message.content.type')) {
		const type = content.type;
		if (!rules.types['v0.1'].includes(type)) {
			f.check(false, 'message.content.type', `must be one of: ${rules.types['v0.1'].join(', ')}`);
		} else if (type === 'text') {
			checkText(f, content.text, 'message.content.text', rules.textLimit);
		} else if (type === 'template') {
			if (
				f.require(content.template, 'message.content.template') &&
				f.require(content.template.name, 'message.content.template.name')
			) {
				f.check(
					typeof content.template.name === 'string' && content.template.name !== '',
					'message.content.template.name',
					'must be a non-empty string',
				);
				const parameters = content.template.parameters;
				if (parameters !== undefined)
					f.check(
						Array.isArray(parameters) && parameters.every((p: unknown) => typeof p === 'string'),
						'message.content.template.parameters',
						'must be an array of strings',
					);
			}
			if (channel === 'whatsapp') {
				const whatsapp = body.message.whatsapp;
				if (
					f.require(whatsapp, 'message.whatsapp') &&
					f.require(whatsapp.locale, 'message.whatsapp.locale')
				) {
					f.check(
						typeof whatsapp.locale === 'string' && LOCALE_V01.test(whatsapp.locale),
						'message.whatsapp.locale',
						'must be a BCP 47 language tag, e.g. en-GB',
					);
				}
				// "all requests carrying a fallback policy will be rejected with a 400 error" (messages-v0.1.yml)
				if (whatsapp?.policy !== undefined && whatsapp.policy !== 'deterministic')
					f.refused.push({
						name: 'message.whatsapp.policy',
						reason: 'must be deterministic (WhatsApp withdrew fallback)',
					});
			}
		} else {
			checkMedia(f, content[type], `message.content.${type}`, CAPTION_LIMITS[channel]?.[type]);
		}
	}
	if (channel === 'viber')
		checkViberOptions(f, body.message?.viber_service_msg, 'message.viber_service_msg');
	if (channel === 'messenger')
		checkMessengerOptions(f, body.message?.messenger, 'message.messenger');
	checkClientRef(f, body.client_ref, MAX_CLIENT_REF);
	return f.result();
}

/** v1: flat, `channel` and `message_type`, string `to`/`from`, content under the type's name. */
export function validateV1(body: unknown): Result {
	if (!isObject(body))
		return {
			status: 422,
			problem: v1InvalidParams([{ name: 'body', reason: 'must be a JSON object' }]),
		};
	const f = new Findings();
	if (!f.require(body.channel, 'channel') || !f.require(body.message_type, 'message_type'))
		return f.result('v1');
	const channel = channelOfV1(body.channel);
	if (!channel) {
		f.check(
			false,
			'channel',
			`must be one of: ${CHANNEL_NAMES.map((c) => CHANNEL_RULES[c].v1Channel).join(', ')}`,
		);
		return f.result('v1');
	}
	const rules = CHANNEL_RULES[channel];
	checkAddress(f, rules.toV1 ?? rules.to, body.to, 'to');
	checkAddress(f, rules.from, body.from, 'from', channel === 'sms');
	const type = body.message_type;
	if (!rules.types.v1.includes(type)) {
		f.check(false, 'message_type', `must be one of: ${rules.types.v1.join(', ')}`);
	} else if (type === 'text') {
		checkText(f, body.text, 'text', rules.textLimit);
	} else if (type === 'template') {
		if (f.require(body.template, 'template') && f.require(body.template.name, 'template.name')) {
			f.check(
				typeof body.template.name === 'string' && body.template.name !== '',
				'template.name',
				'must be a non-empty string',
			);
			const parameters = body.template.parameters;
			if (parameters !== undefined)
				f.check(
					Array.isArray(parameters) && parameters.every((p: unknown) => typeof p === 'string'),
					'template.parameters',
					'must be an array of strings',
				);
		}
		if (
			f.require(body.whatsapp, 'whatsapp') &&
			f.require(body.whatsapp.locale, 'whatsapp.locale')
		) {
			f.check(
				typeof body.whatsapp.locale === 'string' && LOCALE_V01.test(body.whatsapp.locale),
				'whatsapp.locale',
				'must be a WhatsApp language code, e.g. en_GB',
			);
			if (body.whatsapp.policy !== undefined)
				f.check(
					body.whatsapp.policy === 'deterministic',
					'whatsapp.policy',
					'must be deterministic',
				);
		}
	} else if (['image', 'audio', 'video', 'file'].includes(type)) {
		checkMedia(f, body[type], type, CAPTION_LIMITS[channel]?.[type]);
	} else {
		f.check(isObject(body[type]), type, 'must be an object');
	}
	if (channel === 'viber') checkViberOptions(f, body.viber_service, 'viber_service');
	if (channel === 'messenger') checkMessengerOptions(f, body.messenger, 'messenger');
	checkClientRef(f, body.client_ref, MAX_CLIENT_REF_V1);
	if (body.webhook_url !== undefined)
		f.check(isHttpUrl(body.webhook_url), 'webhook_url', 'must be an absolute http(s) URL');
	if (body.webhook_version !== undefined)
		f.check(
			['v0.1', 'v1'].includes(body.webhook_version),
			'webhook_version',
			'must be one of: v0.1, v1',
		);
	if (channel === 'whatsapp') checkWhatsappV1(f.check.bind(f), f.require.bind(f), body);
	if (channel === 'sms') checkSmsV1(f.check.bind(f), body);
	if (channel === 'viber') checkViberV1(f.check.bind(f), f.require.bind(f), body);
	if (channel === 'rcs') checkRcs(f.check.bind(f), f.require.bind(f), body);
	else if (body.ttl !== undefined)
		f.check(Number.isInteger(body.ttl) && body.ttl > 0, 'ttl', 'must be a positive integer');
	if (channel === 'sms' && body.sms !== undefined) {
		f.check(
			isObject(body.sms) &&
				(body.sms.encoding_type === undefined ||
					['text', 'unicode', 'auto'].includes(body.sms.encoding_type)),
			'sms.encoding_type',
			'must be one of: text, unicode, auto',
		);
	}
	return f.result('v1');
}

export function validateMessage(version: ApiVersion, body: unknown): Result {
	return version === 'v1' ? validateV1(body) : validateV01(body);
}

/** Channel, addresses and content of an accepted body, whatever its version (for status webhooks). */
export interface Envelope {
	channel: Channel;
	to: string;
	from: string;
	messageType: string;
}

export function envelopeOf(version: ApiVersion, body: Body): Envelope {
	if (version === 'v1') {
		return {
			channel: channelOfV1(body.channel) ?? 'sms',
			to: String(body.to),
			from: String(body.from),
			messageType: String(body.message_type),
		};
	}
	const channel = channelOfV01Type(body.from?.type) ?? 'sms';
	const address = (value: Body | undefined) => String(value?.number ?? value?.id ?? '');
	return {
		channel,
		to: address(body.to),
		from: address(body.from),
		messageType: String(body.message?.content?.type ?? 'text'),
	};
}
