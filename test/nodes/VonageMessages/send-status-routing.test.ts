// Send's "Status Events to This Workflow Only" (API v1): the message's own status URL (webhook_url) is
// the application's Status URL, a Status Trigger of this n8n, tagged with this workflow; every refusal
// comes before anything is sent.
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../support/emulator-fixture';
import { useStatusRouting } from '../../support/status-routing';

const emulator = useEmulator({ statusDelayMs: 100_000 });
const { statusTrigger, send, tagged } = useStatusRouting(emulator);
const ON = { apiVersion: 'v1', statusToThisWorkflow: true };

const statusUrl = () =>
	emulator.application.capabilities.messages.webhooks.status_url.address as string;

it.each([
	['option off, v1', { apiVersion: 'v1' }],
	['option explicitly false', { apiVersion: 'v1', statusToThisWorkflow: false }],
	['option off, v0.1', {}],
])('%s: no webhook_url', async (_, options) => {
	const { base } = await statusTrigger();
	const run = await send(base, options);
	expect(run.error).toBeUndefined();
	expect(emulator.accepted).toHaveLength(1);
	expect('webhook_url' in emulator.accepted[0].body).toBe(false);
});

it.each(['sms', 'whatsapp', 'rcs'] as const)(
	'on, %s: webhook_url is the Status URL plus this workflow and its tag',
	async (resource) => {
		const { url, base } = await statusTrigger();
		expect(statusUrl()).toBe(url);
		const run = await send(base, ON, { resource });
		expect(run.error).toBeUndefined();
		expect(emulator.accepted.map((m) => m.body.webhook_url)).toEqual([`${url}?${tagged()}`]);
	},
);

it('on, with failover: every step carries the same webhook_url', async () => {
	const { url, base } = await statusTrigger();
	const failover = { steps: [{ channel: 'sms', from: 'Shop', messageType: 'text', text: 'Hi' }] };
	const run = await send(base, { ...ON, failover }, { resource: 'whatsapp' });
	expect(run.error).toBeUndefined();
	const body = emulator.accepted[0].body;
	expect([body.webhook_url, ...body.failover.map((s: IDataObject) => s.webhook_url)]).toEqual([
		`${url}?${tagged()}`,
		`${url}?${tagged()}`,
	]);
});

interface Refusal {
	label: string;
	options: IDataObject;
	credential?: IDataObject;
	/** The application's Status URL: the trigger's (default), another host's, or none. */
	statusUrl?: 'trigger' | 'elsewhere' | 'unset';
	message: RegExp;
	description?: RegExp;
}

const refusals: Refusal[] = [
	{
		label: 'API Version v0.1',
		options: { apiVersion: 'v0.1', statusToThisWorkflow: true },
		message: /'Status Events to This Workflow Only' needs API Version v1 \(it is v0\.1\)/,
		description: /Set Options > API Version to v1/,
	},
	{
		label: 'no API Version (v0.1)',
		options: { statusToThisWorkflow: true },
		message: /'Status Events to This Workflow Only' needs API Version v1/,
	},
	{
		label: 'its own Webhook URL too',
		options: { ...ON, webhookUrl: 'https://example.com/status' },
		message:
			/The options 'Status Events to This Workflow Only' and 'Webhook URL' cannot be used together \(item 0\)/,
	},
	{
		label: 'a value that is not true or false',
		options: { apiVersion: 'v1', statusToThisWorkflow: 'yes' },
		message: /'Status Events to This Workflow Only' must be true or false \(got "yes"\)/,
	},
	{
		label: 'no Signature Secret in the credential',
		options: ON,
		credential: { signatureSecret: '' },
		message: /'Status Events to This Workflow Only' needs Signature Secret in the credential/,
	},
	{
		label: 'a Status URL that is not a trigger of this n8n',
		options: ON,
		statusUrl: 'elsewhere',
		message:
			/No active Vonage Message Status Trigger of this n8n receives the status events: its Status URL points elsewhere \(example\.com\)/,
		description:
			/Activate a workflow with a Vonage Message Status Trigger on application "[^"]+" in this n8n/,
	},
	{
		label: 'no Status URL on the application',
		options: ON,
		statusUrl: 'unset',
		message: /No active Vonage Message Status Trigger of this n8n .*: it has no Status URL/,
	},
];

it.each(refusals.map((r) => [r.label, r] as const))(
	'%s: refused before anything is sent',
	async (_, { options, credential, statusUrl: where = 'trigger', message, description }) => {
		const { base } = await statusTrigger({}, where === 'trigger');
		if (where === 'unset') delete emulator.application.capabilities.messages.webhooks.status_url;
		const run = await send(base, options, { credential });
		expect(run.error?.message).toMatch(message);
		if (description)
			expect((run.error as { description?: string }).description).toMatch(description);
		expect((run.error as { description?: string }).description).toMatch(/Nothing was sent\./);
		expect(emulator.accepted).toHaveLength(0);
	},
);

it("the application's Status Trigger belongs to another workflow, and this one has none: refused before anything is sent", async () => {
	const { base } = await statusTrigger({}, true, 'another-workflow');
	const run = await send(base, ON);
	expect(run.error?.message).toMatch(
		/'Status Events to This Workflow Only' needs an active Vonage Message Status Trigger in this workflow/,
	);
	expect(emulator.accepted).toHaveLength(0);
});
