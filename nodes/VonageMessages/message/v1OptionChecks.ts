/**
 * The options only API v1 has (rules.ts CHANNEL_RULES options, rulesV1.ts limits): RCS `ttl`, the
 * per-message webhook, WhatsApp's reply context, and SMS `ttl`, `trusted_recipient` and
 * `sms: {encoding_type, content_id, entity_id}`. Given in v0.1, each is refused with the fix (set API
 * Version to v1), never dropped.
 */
import type { ApiVersion, Channel, V1Options } from '../../shared/vocabulary/messageModel';
import { given, seconds } from './optionChecks';
import { got, LABELS, Problem, text } from './problem';
import type { OptionField } from './rules';
import { MESSAGE_UUID, RCS_RULES, SMS_V1_RULES, WEBHOOK_RULES } from './rulesV1';

type RawOptions = Partial<Record<OptionField, unknown>>;

/** The options that exist only in v1, on every channel or on the channel named. */
const V1_ONLY: ReadonlyArray<[OptionField, Channel | 'all']> = [
	['webhookUrl', 'all'],
	['webhookVersion', 'all'],
	['context', 'whatsapp'],
	['encodingType', 'sms'],
	['ttl', 'sms'],
	['trustedRecipient', 'sms'],
	['contentId', 'sms'],
	['entityId', 'sms'],
];

function webhookUrl(raw: unknown): string {
	const value = text(raw, LABELS.webhookUrl).trim();
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	const loopback = (WEBHOOK_RULES.loopback as readonly string[]).includes(url?.hostname ?? '');
	const https = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback);
	if (url && https && !/\s/.test(value)) return value;
	throw new Problem(
		LABELS.webhookUrl,
		`is not an https URL (${got(value)})`,
		'Use an https:// address for the status events of this message (http only to localhost), or remove the option',
	);
}

function oneOf(raw: unknown, field: OptionField, values: readonly string[], what: string): string {
	const value = text(raw, LABELS[field]).trim();
	if (values.includes(value)) return value;
	throw new Problem(LABELS[field], `is not ${what} (${got(value)})`, `Use ${values.join(' or ')}`);
}

function smsId(raw: unknown, field: 'contentId' | 'entityId'): string {
	const value = text(raw, LABELS[field]);
	if (SMS_V1_RULES.idPattern.test(value)) return value;
	throw new Problem(
		LABELS[field],
		`is blank or starts or ends with a space (${got(value)})`,
		'Use the ID your registration gave you (for India: the DLT template or entity ID), or remove the option',
	);
}

function messageUuid(raw: unknown): string {
	const value = text(raw, LABELS.context).trim();
	if (MESSAGE_UUID.test(value)) return value;
	throw new Problem(
		LABELS.context,
		`is not a message_uuid (${got(value)})`,
		'Map the message_uuid of the message you answer, e.g. {{ $json.message_uuid }} from the Inbound Trigger',
	);
}

export function checkV1Options(
	channel: Channel,
	version: ApiVersion,
	options: RawOptions,
): V1Options | undefined {
	const v1Only = V1_ONLY.filter(([f, on]) => (on === 'all' || on === channel) && given(options[f]));
	if (version !== 'v1' && v1Only.length > 0)
		throw new Problem(
			LABELS[v1Only[0][0]],
			'is an option of API v1 only',
			'Set Options > API Version to v1, or remove the option',
		);
	const checked: V1Options = {};
	if (channel === 'rcs' || channel === 'sms') {
		const range = channel === 'rcs' ? RCS_RULES.ttl : SMS_V1_RULES.ttl;
		const ttl = seconds(options.ttl, range, channel === 'rcs' ? 'RCS' : 'Vonage');
		if (ttl !== undefined) checked.ttl = ttl;
	}
	if (given(options.webhookUrl)) checked.webhookUrl = webhookUrl(options.webhookUrl);
	if (given(options.webhookVersion))
		checked.webhookVersion = oneOf(
			options.webhookVersion,
			'webhookVersion',
			WEBHOOK_RULES.versions,
			'a webhook format',
		) as V1Options['webhookVersion'];
	if (channel === 'whatsapp' && given(options.context))
		checked.context = messageUuid(options.context);
	if (channel === 'sms') {
		const sms: NonNullable<V1Options['sms']> = {};
		if (given(options.encodingType))
			sms.encoding_type = oneOf(
				options.encodingType,
				'encodingType',
				SMS_V1_RULES.encodingTypes,
				'an SMS encoding',
			);
		if (given(options.contentId)) sms.content_id = smsId(options.contentId, 'contentId');
		if (given(options.entityId)) sms.entity_id = smsId(options.entityId, 'entityId');
		if (Object.keys(sms).length > 0) checked.sms = sms;
		const trusted = options.trustedRecipient;
		if (trusted === true) checked.trustedRecipient = true;
		else if (given(trusted) && trusted !== false)
			throw new Problem(
				LABELS.trustedRecipient,
				`is not true or false (got ${typeof trusted})`,
				'Switch the option on or off, or map a boolean',
			);
	}
	return Object.keys(checked).length > 0 ? checked : undefined;
}
