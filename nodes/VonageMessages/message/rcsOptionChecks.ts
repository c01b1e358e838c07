/**
 * The RCS options beyond `ttl` (rulesV1.ts RCS_OPTION_RULES, each with its source): the message's
 * `category`, and a card's orientation, image alignment, media height and thumbnail. Each is one of its
 * values; the card ones belong to a card only, and a horizontal card needs its image alignment.
 */
import type { V1Options } from '../../shared/vocabulary/messageModel';
import { given } from './optionChecks';
import { got, LABELS, Problem, text } from './problem';
import type { OptionField } from './rules';
import { RCS_HORIZONTAL, RCS_OPTION_RULES } from './rulesV1';

type RawOptions = Partial<Record<OptionField, unknown>>;
type Choice = keyof typeof RCS_OPTION_RULES;

const CHOICES = Object.keys(RCS_OPTION_RULES) as Choice[];
const CARD_ONLY: OptionField[] = [
	...CHOICES.filter((name) => 'card' in RCS_OPTION_RULES[name]),
	'cardThumbnailUrl',
];

function choice(raw: unknown, name: Choice): string {
	const value = text(raw, LABELS[name]).trim();
	const { values } = RCS_OPTION_RULES[name];
	if ((values as readonly string[]).includes(value)) return value;
	throw new Problem(
		LABELS[name],
		`is not one of ${values.join(', ')} (${got(value)})`,
		`Use ${values.join(' or ')}, or remove the option`,
	);
}

function thumbnailUrl(raw: unknown): string {
	const value = text(raw, LABELS.cardThumbnailUrl).trim();
	try {
		const url = new URL(value);
		if (['http:', 'https:'].includes(url.protocol) && !/\s/.test(value)) return value;
	} catch {
		// reported below
	}
	throw new Problem(
		LABELS.cardThumbnailUrl,
		`is not an absolute http(s) URL (${got(value)})`,
		'Use a public link to a small picture shown while the card media loads, e.g. https://example.com/thumb.jpg',
	);
}

/** The `rcs` and `card` parts of an RCS message of type `type`, or none. */
export function checkRcsOptions(
	type: string,
	options: RawOptions,
): Pick<V1Options, 'rcs' | 'card'> {
	const misplaced = CARD_ONLY.find((name) => given(options[name]));
	if (type !== 'card' && misplaced)
		throw new Problem(
			LABELS[misplaced],
			`is only for an RCS card (this is a ${type} message)`,
			'Set Message Type to Card, or remove the option',
		);
	const picked: Partial<Record<Choice, string>> = {};
	for (const name of CHOICES) if (given(options[name])) picked[name] = choice(options[name], name);
	if (picked.imageAlignment && picked.cardOrientation !== RCS_HORIZONTAL.orientation)
		throw new Problem(
			LABELS.imageAlignment,
			`goes only with a ${RCS_HORIZONTAL.orientation} card (Card Orientation is ${picked.cardOrientation ?? 'not set'})`,
			`Set Card Orientation to ${RCS_HORIZONTAL.orientation}, or remove Image Alignment`,
		);
	if (picked.cardOrientation === RCS_HORIZONTAL.orientation && !picked.imageAlignment)
		throw new Problem(
			LABELS[RCS_HORIZONTAL.needs],
			`is required with a ${RCS_HORIZONTAL.orientation} card`,
			`Add Image Alignment (${RCS_OPTION_RULES.imageAlignment.values.join(' or ')}): the side the picture goes`,
		);
	const out: Pick<V1Options, 'rcs' | 'card'> = {};
	const parts: Record<'rcs' | 'card', Record<string, string>> = { rcs: {}, card: {} };
	for (const [name, value] of Object.entries(picked) as Array<[Choice, string]>) {
		const [part, key] = RCS_OPTION_RULES[name].wire.split('.') as ['rcs' | 'card', string];
		parts[part][key] = value;
	}
	if (given(options.cardThumbnailUrl))
		parts.card.thumbnail_url = thumbnailUrl(options.cardThumbnailUrl);
	if (Object.keys(parts.rcs).length > 0) out.rcs = parts.rcs;
	if (Object.keys(parts.card).length > 0) out.card = parts.card;
	return out;
}
