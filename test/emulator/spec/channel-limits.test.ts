// What the emulator adds on top of messages-v0.1.yml (channel-limits.ts): a WhatsApp BSUID as the v1
// recipient (Java SDK 9.13.0 Bsuid) and caption lengths (Python SDK models: MMS 1-2000, WhatsApp image
// 1-3000), through POST /v0.1/messages and /v1/messages over real HTTP.
import axios from 'axios';

import { useEmulator } from '../../support/emulator-fixture';
import { appJwt } from './testkit';

const emu = useEmulator();

const send = async (version: 'v0.1' | 'v1', body: unknown) =>
	await axios.post(`${emu.url}/${version}/messages`, body, {
		headers: { authorization: `Bearer ${appJwt(emu.credentials)}` },
		validateStatus: () => true,
	});

const FROM = '447700900001';
const v1Text = (to: string, channel = 'whatsapp') => ({
	channel,
	message_type: 'text',
	to,
	from: channel === 'viber_service' ? '654321' : FROM,
	text: 'Hi',
});
const v1Image = (channel: string, caption: string) => ({
	channel,
	message_type: 'image',
	to: channel === 'mms' ? '12015550124' : '447700900000',
	from: { mms: '12345', viber_service: '654321' }[channel] ?? FROM,
	image: { url: 'https://example.com/cat.jpg', caption },
});
const v01WhatsApp = (to: string, content: Record<string, unknown>) => ({
	to: { type: 'whatsapp', number: to },
	from: { type: 'whatsapp', number: FROM },
	message: { content },
});

type Row = [label: string, version: 'v0.1' | 'v1', body: unknown, refused: string | undefined];
const x = (n: number) => 'x'.repeat(n);
const image = (caption: string) => ({
	type: 'image',
	image: { url: 'https://example.com/cat.jpg', caption },
});

const rows: Row[] = [
	['a BSUID as WhatsApp recipient', 'v1', v1Text('US.13491208655302741918'), undefined],
	['a parent BSUID', 'v1', v1Text('US.ENT.11815799212886844830'), undefined],
	['a BSUID of 128 letters and digits', 'v1', v1Text(`GB.${'aB3'.repeat(42)}ab`), undefined],
	['a BSUID with a dash', 'v1', v1Text('US.abc-123'), 'to'],
	['a BSUID with a three-letter country', 'v1', v1Text('USA.1349120865530'), 'to'],
	['a BSUID of 129 characters', 'v1', v1Text(`US.${'A'.repeat(129)}`), 'to'],
	['a BSUID as Viber recipient', 'v1', v1Text('US.13491208655302741918', 'viber_service'), 'to'],
	[
		'a BSUID in v0.1 (to.number only)',
		'v0.1',
		v01WhatsApp('US.13491208655302741918', { type: 'text', text: 'Hi' }),
		'to.number',
	],
	['an MMS caption of 2000', 'v1', v1Image('mms', x(2000)), undefined],
	['an MMS caption of 2001', 'v1', v1Image('mms', x(2001)), 'image.caption'],
	['an empty MMS caption', 'v1', v1Image('mms', ''), 'image.caption'],
	['a WhatsApp image caption of 3000', 'v1', v1Image('whatsapp', x(3000)), undefined],
	['a WhatsApp image caption of 3001', 'v1', v1Image('whatsapp', x(3001)), 'image.caption'],
	[
		'a WhatsApp image caption of 3001 in v0.1',
		'v0.1',
		v01WhatsApp('447700900000', image(x(3001))),
		'message.content.image.caption',
	],
	[
		'a Viber image caption of 3001 (no known limit)',
		'v1',
		v1Image('viber_service', x(3001)),
		undefined,
	],
];

it.each(rows)('%s', async (_label, version, body, refused) => {
	if (
		typeof body === 'object' &&
		body &&
		(body as { channel?: string }).channel === 'viber_service'
	)
		(body as Record<string, unknown>).from = '654321';
	const res = await send(version, body);
	if (refused === undefined) {
		expect(res.status).toBe(202);
		expect(emu.accepted).toHaveLength(1);
	} else {
		expect(res.status).toBe(422);
		expect(res.data.invalid_parameters.map((p: { name: string }) => p.name)).toEqual([refused]);
		expect(emu.accepted).toHaveLength(0);
	}
});
