/**
 * The editor fields of the RCS options beyond TTL, read from the rules (message/rulesV1.ts
 * RCS_OPTION_RULES, each with its source): the message's category, and a card's orientation, image
 * alignment, media height and thumbnail (shown only when Message Type is Card).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RCS_HORIZONTAL, RCS_OPTION_RULES } from '../../message/rulesV1';

const capital = (value: string) =>
	value
		.split('-')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
		.join(' ');

const values = (name: keyof typeof RCS_OPTION_RULES): INodePropertyOptions[] =>
	RCS_OPTION_RULES[name].values.map((value) => ({ name: capital(value), value }));

/** Shown only for a card (a root parameter, named from the collection with a leading slash). */
const CARD = { '/messageType': ['card'] };

export const RCS_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: values('category'),
		default: 'authentication', // n8n's lint wants a literal: the first value of the rules
		description:
			'What the message is about (Vonage sends it as rcs.category); some countries require one. Ask Vonage which your destination needs.',
	},
	{
		displayName: 'Card Orientation',
		name: 'cardOrientation',
		type: 'options',
		options: values('cardOrientation'),
		default: 'VERTICAL',
		description:
			'Media above the text (Vertical) or beside it (Horizontal, which needs Image Alignment)',
		displayOptions: { show: CARD },
	},
	{
		displayName: 'Image Alignment',
		name: 'imageAlignment',
		type: 'options',
		options: values('imageAlignment'),
		default: 'LEFT',
		description: 'Which side of a horizontal card the picture goes',
		displayOptions: { show: { ...CARD, cardOrientation: [RCS_HORIZONTAL.orientation] } },
	},
	{
		displayName: 'Media Height',
		name: 'mediaHeight',
		type: 'options',
		options: values('mediaHeight'),
		default: 'SHORT',
		description: "The height of the card's media (Vonage's default is Short)",
		displayOptions: { show: CARD },
	},
	{
		displayName: 'Card Thumbnail URL',
		name: 'cardThumbnailUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/thumb.jpg',
		description: "A small picture shown while the card's video or image loads",
		displayOptions: { show: CARD },
	},
];
