// The Inbound Trigger's Keywords option (issue 18): how the option is read, and the first-word rule.
import {
	firstWordOf,
	hasKeywords,
	keywordEntriesOf,
	keywordMatch,
	keywordsOf,
} from '../../../../nodes/shared/webhooks/keywordFilter';

describe('keywordsOf: the option as keywords', () => {
	it.each([
		['nothing', undefined, []],
		['empty text', '', []],
		['only commas and spaces', ' , ,, ', []],
		['one keyword', 'ORDER', ['order']],
		['a list with spaces around', ' STOP , UNSUBSCRIBE ', ['stop', 'unsubscribe']],
		['empty entries skipped', 'STOP,,ORDER,', ['stop', 'order']],
		['the same keyword twice in any case', 'Stop, STOP, stop!', ['stop']],
		['final punctuation dropped', 'Stop., ORDER?', ['stop', 'order']],
		['compatibility forms (NFKC)', 'ＳＴＯＰ', ['stop']],
		['a non-Latin word', 'Sí, ДА', ['sí', 'да']],
	])('%s: %p', (_label, value, expected) => {
		expect(keywordsOf(value)).toEqual(expected);
	});

	it('keeps the first spelling of each keyword, for the output', () => {
		expect(keywordEntriesOf('Stop, STOP, Order!')).toEqual([
			{ word: 'stop', written: 'Stop' },
			{ word: 'order', written: 'Order!' },
		]);
	});

	it.each([
		['a number', 5, /^Keywords must be text, not the number 5: separate one-word keywords/],
		['a boolean', true, /^Keywords must be text, not the boolean true/],
		['null', null, /^Keywords must be text, not null/],
		['an object', { a: 'STOP' }, /^Keywords must be text, not an object/],
		['a list', ['STOP', 'ORDER'], /^Keywords must be text, not a list/],
		[
			'a keyword with a space',
			'STOP, stop please',
			/^Keywords: "stop please" is more than one word/,
		],
		['a keyword with a tab', 'STOP\tNOW', /^Keywords: "STOP\tNOW" is more than one word/],
		['only punctuation', 'STOP, !?', /^Keywords: "!\?" is only punctuation/],
	])('refuses %s, naming the option and the fix', (_label, value, message) => {
		expect(() => keywordsOf(value)).toThrow(message);
		expect(() => keywordsOf(value)).toThrow(/such as "STOP, UNSUBSCRIBE"/);
	});

	it('quotes at most 40 characters of a refused keyword', () => {
		const long = `a ${'x'.repeat(100)}`;
		expect(() => keywordsOf(long)).toThrow(`"${long.slice(0, 40)}" is more than one word`);
	});

	it.each([
		[{}, false],
		[{ keywords: '' }, false],
		[{ keywords: ' , ' }, false],
		[{ keywords: 'STOP' }, true],
	])('hasKeywords(%p) is %p', (options, expected) => {
		expect(hasKeywords(options)).toBe(expected);
	});

	it('hasKeywords throws on an unusable value rather than report no filter', () => {
		expect(() => hasKeywords({ keywords: 42 })).toThrow(/^Keywords must be text/);
	});
});

describe('the first word of a message', () => {
	const KEYWORDS = keywordEntriesOf('STOP, Order');
	it.each([
		['stop', 'STOP'],
		['STOP!', 'STOP'],
		['Stop.', 'STOP'],
		['stop please', 'STOP'],
		['  Stop  now', 'STOP'],
		['stop\nplease', 'STOP'],
		['STOP 🙏', 'STOP'],
		['order #42', 'Order'],
		['stopping', undefined],
		['please stop', undefined],
		['STOP🙏', undefined],
		['', undefined],
		['   ', undefined],
		[null, undefined],
	])('%p matches %p', (text, expected) => {
		const match = keywordMatch(text, KEYWORDS);
		expect('keyword' in match ? match.keyword.written : undefined).toBe(expected);
	});

	it.each([
		['hello there', 'first word "hello" is not a keyword'],
		[`${'x'.repeat(100)} y`, `first word "${'x'.repeat(40)}" is not a keyword`],
		[null, 'the message has no text to match a keyword'],
	])('says why %p matches none, quoting at most 40 characters', (text, reason) => {
		expect(keywordMatch(text, KEYWORDS)).toEqual({ refusal: reason });
	});

	it('firstWordOf reads the compared form', () => {
		expect(firstWordOf('  ＯＲＤＥＲ!! now')).toBe('order');
	});
});
