// The checker on what n8n's editor cannot produce but an AI tool or a code node can: values of any type.
import { checkMessage } from '../../../../nodes/VonageMessages/message/check';

const wa = { from: '447700900001', to: '447700900000' };
const template = { ...wa, messageType: 'template', templateName: 'ns:t', locale: 'en' };

it.each([
	[
		'an object for all template parameters',
		{ ...template, templateParameters: { a: 1 } },
		'Template Parameters',
		/is an object, not a list/,
	],
	[
		'a list inside the template parameters',
		{ ...template, templateParameters: [['a']] },
		'Template Parameters',
		/has a list \(array\) for parameter 1/,
	],
	['NaN as text', { ...wa, text: NaN }, 'Text', /^is NaN, not text or a number$/],
	[
		'an object as message type',
		{ ...wa, messageType: { type: 'text' } },
		'Message Type',
		/is an object/,
	],
] as const)('refuses %s', (_label, raw, field, problem) => {
	const checked = checkMessage('whatsapp', 'v1', raw);
	expect(checked).toMatchObject({ ok: false, field });
	expect(checked.ok ? '' : checked.problem).toMatch(problem);
});

it('takes numbers as their decimal text', () => {
	const checked = checkMessage('whatsapp', 'v1', { ...wa, text: 1e-7, clientRef: 12.5 });
	expect(checked).toMatchObject({
		ok: true,
		message: { content: { text: '0.0000001' }, clientRef: '12.5' },
	});
});
