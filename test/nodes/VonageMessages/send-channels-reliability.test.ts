// Rate limit, retries, "nothing sent twice" and Continue On Fail hold for every channel exactly as for SMS.
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { sendOn, type Resource } from '../../support/channels';

const emulator = useEmulator();

const content: Record<Exclude<Resource, 'sms' | 'rcs'>, INodeParameters> = {
	mms: { mediaUrl: '={{ "https://example.com/" + $json.ref + ".jpg" }}' },
	whatsapp: { messageType: 'text', text: '=Hi {{ $json.ref }}' },
	viber: { messageType: 'image', mediaUrl: '={{ "https://example.com/" + $json.ref + ".jpg" }}' },
	messenger: {
		messageType: 'file',
		mediaUrl: '={{ "https://example.com/" + $json.ref + ".pdf" }}',
	},
};
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: `ref-${i}` }));
const refs = () => emulator.accepted.map((m) => String(m.body.client_ref));

describe.each(Object.keys(content) as Array<Exclude<Resource, 'sms' | 'rcs'>>)('%s', (resource) => {
	const parameters = (extra: INodeParameters = {}): INodeParameters => ({
		...content[resource],
		clientRef: '={{ $json.ref }}',
		...extra,
	});

	it.each(['v0.1', 'v1'])(
		'waits out a 429 and resends; never resends after a 5xx (%s)',
		async (apiVersion) => {
			emulator.failNext(
				{ kind: 'status', status: 429, retryAfterSeconds: 1 },
				{ kind: 'status', status: 500 },
			);
			const { outputs, error } = await sendOn({
				emulator,
				resource,
				items: items(3),
				continueOnFail: true,
				parameters: parameters({ options: { concurrency: 1, apiVersion } }),
			});
			expect(error).toBeUndefined();
			expect(emulator.requests.map((r) => r.status)).toEqual([429, 500, 202, 202]);
			// Item 0: throttled, retried after Retry-After, then a 500: it may have been sent, so it is not sent again.
			expect(outputs[0][0].json).toMatchObject({
				error: expect.stringMatching(/^Vonage answered 500/),
				may_have_been_sent: true,
				channel: resource,
				client_ref: 'ref-0',
			});
			expect(outputs[0][1].json).toMatchObject({
				message_uuid: expect.any(String),
				channel: resource,
				client_ref: 'ref-1',
			});
			expect(outputs[0].map((o) => o.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
			expect(refs()).toEqual(['ref-1', 'ref-2']);
		},
	);

	it('without Continue On Fail stops and says which items were sent and which were not', async () => {
		emulator.failNext({
			kind: 'status',
			status: 402,
			body: { type: 'x', title: 'Low balance', detail: 'Top up', instance: '1' },
		});
		const { error } = await sendOn({
			emulator,
			resource,
			items: items(4),
			parameters: parameters({ options: { concurrency: 1 } }),
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toMatch(/Items 1-3 were not sent/);
		expect(emulator.accepted).toHaveLength(0);
	});
});

it('one rate limit for the run: WhatsApp over the account limit is retried without duplicates', async () => {
	emulator.configure({ rateLimitPerSecond: 5 });
	try {
		const { outputs, error } = await sendOn({
			emulator,
			resource: 'whatsapp',
			items: items(12),
			parameters: {
				...content.whatsapp,
				clientRef: '={{ $json.ref }}',
				options: { maxPerSecond: 100, concurrency: 12, apiVersion: 'v1' },
			},
		});
		expect(error).toBeUndefined();
		expect(emulator.requests.some((r) => r.status === 429)).toBe(true);
		expect(new Set(refs()).size).toBe(12);
		expect(refs()).toHaveLength(12);
		expect(outputs[0].map((o) => o.json.client_ref)).toEqual(items(12).map((i) => i.ref));
	} finally {
		emulator.configure({ rateLimitPerSecond: undefined });
	}
}, 60_000);
