import {
	approvalOf,
	comparableReply,
	parseKeywords,
} from '../../../../nodes/shared/handover/keywords';
import { signHandover, verifyHandover } from '../../../../nodes/shared/handover/sign';

const APPROVE = parseKeywords('YES, Y, OK, CONFIRM')!;
const DECLINE = parseKeywords('NO, N, CANCEL')!;

it.each([
	['Yes', true],
	['  yes  ', true],
	['YES!', true],
	['ok.', true],
	['Confirm?!', true],
	['no', false],
	['Cancel.', false],
	['yes please', undefined],
	['y e s', undefined],
	['', undefined],
	['!!!', undefined],
	['nope', undefined],
	[null, undefined],
] as const)('approvalOf(%p) is %p', (text, expected) => {
	expect(approvalOf(text, APPROVE, DECLINE)).toBe(expected);
});

it.each([
	['YES, Y, OK', ['yes', 'y', 'ok']],
	[' Ja ,, Sí. ', ['ja', 'sí']],
	['Yes, yes!', ['yes']],
	[Array.from({ length: 51 }, (_, i) => `w${i}`).join(','), undefined],
	['x'.repeat(101), undefined],
])('parseKeywords(%p)', (text, expected) => {
	expect(parseKeywords(text)).toEqual(expected);
});

it('comparableReply keeps inner words, drops case and final punctuation', () => {
	expect(comparableReply('  See   You Then!! ')).toBe('see you then');
});

describe('hand-over signature', () => {
	const body = '{"op":"cancel"}';
	const now = 1_800_000_000_000;
	const header = signHandover(body, 'secret', now);
	it.each([
		['the same body and secret, now', header, body, 'secret', now, true],
		['299 s later', header, body, 'secret', now + 299_000, true],
		['301 s later', header, body, 'secret', now + 301_000, false],
		['another body', header, '{"op":"confirm"}', 'secret', now, false],
		['another secret', header, body, 'other', now, false],
		['no secret', header, body, '', now, false],
		['a header without a MAC', 't=1800000000', body, 'secret', now, false],
		['no header', undefined, body, 'secret', now, false],
	])('%s: %p', (_, h, b, secret, at, expected) => {
		expect(verifyHandover(h, b, secret, at)).toBe(expected);
	});
});
