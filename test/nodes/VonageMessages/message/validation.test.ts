import type { INodeProperties } from 'n8n-workflow';

import { description as sendDescription } from '../../../../nodes/VonageMessages/actions/sms/send.operation';
import { OPTION_LIMITS } from '../../../../nodes/VonageMessages/sending/options';
import { checkRecipient, checkSender } from '../../../../nodes/VonageMessages/message/addresses';
import { checkClientRef, checkText } from '../../../../nodes/VonageMessages/message/contentChecks';
import { normaliseNumber } from '../../../../nodes/shared/vocabulary/numbers';

describe('phone numbers', () => {
	it.each([
		['447700900000', '447700900000'],
		['+44 7700 900000', '447700900000'],
		['0044 7700 900000', '447700900000'],
		['+1 (555) 010-9999', '15550109999'],
		['1234567', '1234567'],
		['123456789012345', '123456789012345'],
	])('recipient %p becomes %p', (raw, value) => {
		expect(checkRecipient(raw)).toEqual({ ok: true, value });
	});

	it.each(['', '123456', '1234567890123456', '44770090000a', 'hello', '++447700900000'])(
		'recipient %p is refused with a fix',
		(raw) => {
			const check = checkRecipient(raw);
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.fix).toMatch(/country code/);
		},
	);

	it('accepts an alphanumeric sender ID for From, but not for To', () => {
		expect(checkSender('Acme Shop')).toEqual({ ok: true, value: 'Acme Shop' });
		expect(checkSender('+44 7700 900001')).toEqual({ ok: true, value: '447700900001' });
		expect(checkSender('TooLongSender1').ok).toBe(false);
		expect(checkSender('').ok).toBe(false);
		expect(checkRecipient('Acme').ok).toBe(false);
	});

	it('normalises separators, the international prefix and a trunk (0) after the country code', () => {
		expect(normaliseNumber(' +44-7700.900 000 ')).toBe('447700900000');
		expect(normaliseNumber('00 1 555')).toBe('1555');
		expect(normaliseNumber('+44 (0) 7700 900000')).toBe('447700900000');
	});

	it.each(['07700 900000', '+0044 7700 900000', '0 44 7700 900000', '+44 (07700) 900000'])(
		'refuses %p, showing it',
		(raw) => {
			const check = checkRecipient(raw);
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.problem).toContain(`"${raw}"`);
		},
	);
});

describe('text and client reference', () => {
	it('requires text of at most 1000 characters', () => {
		expect(checkText('  ').ok).toBe(false);
		expect(checkText('x'.repeat(1000)).ok).toBe(true);
		const tooLong = checkText('x'.repeat(1001));
		expect(tooLong.ok).toBe(false);
		if (!tooLong.ok) expect(tooLong.problem).toContain('1001');
		expect(checkText('👍'.repeat(1000)).ok).toBe(true);
	});

	it('allows an empty client reference and at most 40 characters', () => {
		expect(checkClientRef('')).toEqual({ ok: true, value: '' });
		expect(checkClientRef('r'.repeat(40)).ok).toBe(true);
		expect(checkClientRef('r'.repeat(41)).ok).toBe(false);
		expect(checkClientRef('😀'.repeat(40)).ok).toBe(true);
	});
});

describe('send options', () => {
	it('the editor shows the limits and defaults the node checks', () => {
		const options = sendDescription.find((p) => p.name === 'options')!.options as INodeProperties[];
		for (const [name, limits] of Object.entries(OPTION_LIMITS)) {
			const property = options.find((o) => o.name === name)!;
			expect(property).toMatchObject({
				displayName: limits.label,
				default: limits.default,
				typeOptions: { minValue: limits.min, maxValue: limits.max },
			});
		}
	});
});
