/**
 * The one checker of a message: reads the rules (rules.ts) for the channel and the message type and
 * runs the check of each field, in the order the fields appear in the editor (so the first error is
 * the first field to fix). It returns the message model or the first problem.
 */
import { CHANNELS } from '../../shared/vocabulary/channels';
import type { ApiVersion, Channel, Content, Message } from '../../shared/vocabulary/messageModel';
import { checkAddress, isBsuid } from './addresses';
import { checkClientRef, CONTENT_CHECKS } from './contentChecks';
import { checkMessenger, checkViber } from './optionChecks';
import { checkRcsOptions } from './rcsOptionChecks';
import { checkV1Options } from './v1OptionChecks';
import { accept, LABELS, Problem, text } from './problem';
import {
	CHANNEL_RULES,
	recipientKind,
	ruleOf,
	typesOf,
	type ContentField,
	type OptionField,
	type TypeRule,
} from './rules';

/** One item's parameters as the editor (or an expression) gave them, before any check. */
export type RawMessage = Partial<
	Record<'from' | 'to' | 'clientRef' | 'messageType' | ContentField | OptionField, unknown>
>;

/** The first problem found, with the editor label of its field; or the checked message. */
export type Checked =
	| { ok: true; message: Message }
	| { ok: false; field: string; problem: string; fix: string };

function typeRule(channel: Channel, version: ApiVersion, raw: unknown): TypeRule {
	const types = typesOf(channel);
	const type = text(raw, 'Message Type').trim() || types[0].type;
	const row = ruleOf(channel, type);
	if (row && row.versions && !row.versions.includes(version)) {
		throw new Problem(
			'Message Type',
			`${type} exists only in API ${row.versions.join(', ')} (this node sends through ${version})`,
			`Set Options > API Version to ${row.versions[0]}, or choose another message type`,
		);
	}
	if (row) return row;
	throw new Problem(
		'Message Type',
		`is not a ${CHANNELS[channel].label} message type (got "${type}")`,
		`Use one of: ${types.map((rule) => rule.type).join(', ')}`,
	);
}

/** To, as the rules take it in `version`; a BSUID where only v1 takes one says how to send it. */
function recipient(channel: Channel, version: ApiVersion, raw: string): string {
	const kind = recipientKind(channel, version);
	if (kind === 'number' && recipientKind(channel, 'v1') === 'whatsappUser' && isBsuid(raw)) {
		throw new Problem(
			'To',
			`is a WhatsApp user ID (BSUID, got "${raw.trim()}"), which API ${version} cannot send to`,
			"Set Options > API Version to v1, which sends to BSUIDs, or use the customer's phone number in international format",
		);
	}
	return checkAddress('To', kind, raw);
}

function checkContent(row: TypeRule, version: ApiVersion, raw: RawMessage): Content {
	const content: Record<string, unknown> = { type: row.type };
	for (const field of row.fields) {
		const entry = CONTENT_CHECKS[field](raw[field], row, version, CHANNELS[row.channel].label);
		if (entry) content[entry[0]] = entry[1];
	}
	return content as unknown as Content;
}

export function checkMessage(channel: Channel, version: ApiVersion, raw: RawMessage): Checked {
	const rules = CHANNEL_RULES[channel];
	try {
		if (rules.versions && !rules.versions.includes(version)) {
			throw new Problem(
				'API Version',
				`is ${version}, which has no ${CHANNELS[channel].label} (only API ${rules.versions.join(', ')} has)`,
				`Set Options > API Version to ${rules.versions[0]}, or remove the option: ${CHANNELS[channel].label} sends through ${rules.versions[0]} by default`,
			);
		}
		const from = checkAddress('From', rules.from, text(raw.from, 'From'));
		const to = recipient(channel, version, text(raw.to, 'To'));
		const content = checkContent(typeRule(channel, version, raw.messageType), version, raw);
		const clientRef = accept(
			'Client Reference',
			checkClientRef(text(raw.clientRef, 'Client Reference'), version),
		);
		const message: Message = { channel, from, to, content };
		if (clientRef !== '') message.clientRef = clientRef;
		if (channel === 'viber') {
			const viber = checkViber(raw);
			if (viber) message.viber = viber;
		}
		if (channel === 'messenger') {
			const messenger = checkMessenger(raw);
			if (messenger) message.messenger = messenger;
		}
		const v1 = {
			...checkV1Options(channel, version, raw),
			...(channel === 'rcs' ? checkRcsOptions(content.type, raw) : {}),
		};
		if (Object.keys(v1).length > 0) message.v1 = v1;
		const row = typeRule(channel, version, raw.messageType);
		if (row.needs && !raw[row.needs]) {
			throw new Problem(
				LABELS[row.needs],
				`is required with a ${CHANNELS[channel].label} ${row.type}`,
				'Add the option with the message_uuid of the message it answers, e.g. {{ $json.message_uuid }} from the Inbound Trigger',
			);
		}
		return { ok: true, message };
	} catch (error) {
		const problem =
			error instanceof Problem
				? error
				: new Problem(
						'Message',
						`could not be read (${(error as Error).message})`,
						'Check the parameters of this item',
					);
		return { ok: false, field: problem.field, problem: problem.problem, fix: problem.fix };
	}
}
