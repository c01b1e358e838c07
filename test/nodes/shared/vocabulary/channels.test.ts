import { checkMessage } from '../../../../nodes/VonageMessages/message/check';
import { templateParameterList } from '../../../../nodes/VonageMessages/message/contentChecks';
import { channelFromWire } from '../../../../nodes/shared/vocabulary/channels';
import { toV01Body } from '../../../../nodes/VonageMessages/message/wireV01';
import { toV1Body } from '../../../../nodes/VonageMessages/message/wireV1';

const wa = { from: '447700900001', to: '447700900000' };

describe('checkMessage: what the editor cannot show but expressions and AI tools can send', () => {
	it.each([
		[
			'a caption on WhatsApp audio (no version takes one)',
			'v1',
			{ ...wa, messageType: 'audio', mediaUrl: 'https://e.com/a.mp3', caption: 'x' },
			'Caption',
			/Leave Caption empty$/,
		],
		[
			'a message type from another channel',
			'v0.1',
			{ ...wa, messageType: 'card' },
			'Message Type',
			/text, image, audio, video, file, template/,
		],
		[
			'a media URL with a space',
			'v0.1',
			{ ...wa, messageType: 'image', mediaUrl: 'https://e.com/a b.jpg' },
			'Media URL',
			/https:\/\//,
		],
		[
			'a Viber category by expression',
			'v0.1',
			{ from: '654321', to: '447700900000', text: 'x', category: 'news' },
			'Category',
			/transaction/,
		],
	] as const)('%s', (_label, version, raw, field, fix) => {
		const channel = _label.includes('Viber') ? 'viber' : 'whatsapp';
		const checked = checkMessage(channel, version, raw);
		expect(checked).toMatchObject({ ok: false, field });
		expect(checked.ok ? '' : checked.fix).toMatch(fix);
	});

	it('takes template parameters as a list, a JSON array or numbers, and converts the locale per version', () => {
		expect(templateParameterList(['a', 'b'])).toEqual(['a', 'b']);
		expect(templateParameterList('["Daisy", "12345"]')).toEqual(['Daisy', '12345']);
		expect(templateParameterList({ parameter: [{ value: 'x' }] })).toEqual(['x']);
		const checked = checkMessage('whatsapp', 'v1', {
			...wa,
			messageType: 'template',
			templateName: 'ns:t',
			templateParameters: [42, 'b'],
			locale: 'pt_BR',
		});
		if (!checked.ok) throw new Error(checked.problem);
		expect(toV01Body(checked.message)).toMatchObject({
			message: {
				whatsapp: { locale: 'pt-BR', policy: 'deterministic' },
				content: { template: { parameters: ['42', 'b'] } },
			},
		});
		expect(toV1Body(checked.message)).toMatchObject({
			whatsapp: { locale: 'pt_BR' },
			template: { name: 'ns:t', parameters: ['42', 'b'] },
		});
	});

	it('takes a Messenger tag only with message_tag (set when no category is given), and needs one there', () => {
		const fb = { from: '107083064136738', to: '5473848892683926', text: 'x' };
		expect(
			checkMessage('messenger', 'v1', { ...fb, category: 'response', tag: 'ACCOUNT_UPDATE' }),
		).toMatchObject({ ok: false, field: 'Tag' });
		expect(checkMessage('messenger', 'v1', { ...fb, tag: 'ACCOUNT_UPDATE' })).toMatchObject({
			ok: true,
			message: { messenger: { category: 'message_tag', tag: 'ACCOUNT_UPDATE' } },
		});
		expect(checkMessage('messenger', 'v1', { ...fb, category: 'message_tag' })).toMatchObject({
			ok: false,
			field: 'Tag',
		});
	});

	it('reads the channel of either webhook format', () => {
		expect(
			['viber_service_msg', 'viber_service', 'whatsapp', 'mms', 'sms', 'messenger', 'rcs'].map(
				channelFromWire,
			),
		).toEqual(['viber', 'viber', 'whatsapp', 'mms', 'sms', 'messenger', 'rcs']);
	});
});
