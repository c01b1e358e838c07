import { smsEncoding } from '../../../../nodes/VonageMessages/message/encoding';

describe('smsEncoding: what Vonage will bill', () => {
	const cases: Array<
		[label: string, text: string, encoding: string, characters: number, parts: number]
	> = [
		['short GSM-7', 'Hello From Vonage!', 'GSM-7', 18, 1],
		['160 GSM-7 characters fit one SMS', 'a'.repeat(160), 'GSM-7', 160, 1],
		['161 GSM-7 characters take two parts of 153', 'a'.repeat(161), 'GSM-7', 161, 2],
		['306 GSM-7 characters take two parts', 'a'.repeat(306), 'GSM-7', 306, 2],
		['307 GSM-7 characters take three parts', 'a'.repeat(307), 'GSM-7', 307, 3],
		['extension characters count twice', '€'.repeat(80), 'GSM-7', 160, 1],
		['an extension character tips it over', 'a'.repeat(159) + '{', 'GSM-7', 161, 2],
		['GSM-7 accented letters stay GSM-7', 'Café à Zürich: Ñandù, £5', 'GSM-7', 24, 1],
		['a character outside GSM-7 switches to unicode', 'Привет', 'unicode', 6, 1],
		['70 unicode characters fit one SMS', 'ж'.repeat(70), 'unicode', 70, 1],
		['71 unicode characters take two parts of 67', 'ж'.repeat(71), 'unicode', 71, 2],
		['an emoji counts as two UCS-2 units', 'ok 👍', 'unicode', 5, 1],
	];
	it.each(cases)('%s', (_label, text, encoding, characters, parts) => {
		expect(smsEncoding(text)).toEqual({ encoding, characters, parts });
	});
});
