// Send and Wait for Reply refuses before it sends: bad parameters (naming the field), no Inbound Trigger
// of this n8n on the application, a credential that cannot sign; and nothing forged resumes a wait.
import type { INodeParameters } from 'n8n-workflow';

import { signHandover, HANDOVER_HEADER } from '../../../../nodes/shared/handover/sign';
import { useEmulator } from '../../../support/emulator-fixture';
import { useSendAndWait } from '../../../support/send-and-wait';
import { sendReply } from '../../../emulator/reply';

const emulator = useEmulator({ statusDelayMs: 100_000 });
const { trigger, ask } = useSendAndWait(emulator);
const TO = '447700900000';
const interval = (resumeAmount: unknown, resumeUnit: unknown = 'minutes') =>
	({
		limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount, resumeUnit } },
	}) as INodeParameters;

it.each([
	['a response type it does not know', { responseType: 'maybe' }, /'Response Type' is "maybe"/],
	[
		'keywords that are not text',
		{ options: { approveKeywords: { yes: 1 } } },
		/'Approve Keywords' must be text/,
	],
	[
		'an empty keyword list',
		{ options: { declineKeywords: ' , ' } },
		/'Decline Keywords' must be text/,
	],
	[
		'a keyword in both lists',
		{ options: { approveKeywords: 'ok, yes', declineKeywords: 'NO, Yes.' } },
		/"yes" is in both/,
	],
	['a limit of 0', { options: interval(0) }, /'Limit Wait Time' needs an Amount above 0/],
	['a limit in weeks', { options: interval(2, 'weeks') }, /'Limit Wait Time' needs an Amount/],
	['a limit given as text', { options: interval('2') }, /'Limit Wait Time' needs an Amount/],
	[
		'a date in the past',
		{
			options: {
				limitWaitTime: {
					values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2001-01-01T00:00:00Z' },
				},
			},
		},
		/'Max Date and Time' .* must be a date in the future/,
	],
	["a bad recipient (Send's own check)", { to: 'nobody' }, /'To' in item 0/],
])('%s: refused before anything is sent', async (_, parameters, message) => {
	const { t, base } = await trigger();
	const { run } = await ask(t, base, parameters);
	expect(run.error?.message).toMatch(message);
	expect(emulator.accepted).toHaveLength(0);
	expect(run.waitTill).toBeUndefined();
});

describe('the Inbound Trigger', () => {
	it('none of this n8n on the application: says what to activate, sends nothing', async () => {
		const { t, base } = await trigger({}, false);
		const { run } = await ask(t, base);
		expect(run.error?.message).toMatch(
			/No active Vonage Inbound Message Trigger of this n8n .* its Inbound URL points elsewhere/,
		);
		expect((run.error as { description?: string }).description).toMatch(
			/Activate a workflow with a Vonage Inbound Message Trigger on application/,
		);
		expect(emulator.accepted).toHaveLength(0);
	});

	it('a credential without a Signature Secret: refused naming it, nothing sent', async () => {
		const { t, base } = await trigger();
		const { run } = await ask(t, base, {}, undefined, { signatureSecret: '' });
		expect(run.error?.message).toMatch(/needs Signature Secret in the credential/);
		expect(emulator.accepted).toHaveLength(0);
	});

	it('another Signature Secret than the trigger: the trigger refuses the hand-over, nothing sent', async () => {
		const { t, base } = await trigger();
		const { run } = await ask(t, base, {}, undefined, { signatureSecret: 'not-the-same-secret' });
		expect(run.error?.message).toMatch(/refused the hand-over signature/);
		expect(emulator.accepted).toHaveLength(0);
	});

	it('forged hand-overs are refused and register nothing', async () => {
		const { t } = await trigger();
		const url = t.webhookUrl.replace(
			'http://localhost:5678',
			new URL((await t.listen()).url).origin,
		);
		const body = JSON.stringify({ op: 'cancel', waitId: '00000000-0000-4000-8000-000000000000' });
		const post = async (headers: Record<string, string>, payload = body) =>
			(
				await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body: payload,
				})
			).status;
		expect(await post({ [HANDOVER_HEADER]: 't=1,v1=' + '0'.repeat(64) })).toBe(401);
		expect(await post({ [HANDOVER_HEADER]: signHandover(body, 'another secret') })).toBe(401);
		expect(
			await post({
				[HANDOVER_HEADER]: signHandover(
					body,
					emulator.credentials.signatureSecret,
					Date.now() - 3_600_000,
				),
			}),
		).toBe(401);
		const foreign = JSON.stringify({
			op: 'register',
			waitId: '00000000-0000-4000-8000-000000000001',
			applicationId: emulator.credentials.applicationId,
			channel: 'sms',
			ours: '447700900001',
			theirs: TO,
			responseType: 'freeText',
			approve: [],
			decline: [],
			resumeUrl: 'https://attacker.example/webhook-waiting/1/node?signature=x',
			executionId: '1',
			createdAt: Date.now(),
			expiresAt: Date.now() + 60_000,
		});
		expect(
			await post(
				{ [HANDOVER_HEADER]: signHandover(foreign, emulator.credentials.signatureSecret) },
				foreign,
			),
		).toBe(400);
		expect(
			await post({ [HANDOVER_HEADER]: signHandover(body, emulator.credentials.signatureSecret) }),
		).toBe(404);
		expect(t.executions).toHaveLength(0);
	});
});

describe('the waiting node', () => {
	it('takes only a signed hand-over for its own wait on its signed URL; the execution keeps waiting', async () => {
		const { t, base } = await trigger();
		const { run, route } = await ask(t, base, { responseType: 'freeText' });
		const suffix = `/webhook-waiting/${String(run.additionalData.executionId)}/${encodeURIComponent(run.workflow.getNode(run.nodeName)!.id)}`;
		const resume = (query: string, body: string, header: string) =>
			fetch(`${base}${suffix}${query}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', [HANDOVER_HEADER]: header },
				body,
			});
		const forged = JSON.stringify({
			op: 'resume',
			waitId: '00000000-0000-4000-8000-000000000002',
			sent: {},
			reply: {},
			approved: null,
		});
		const secret = emulator.credentials.signatureSecret;
		expect(
			(await resume('?wait=x&signature=00', forged, signHandover(forged, secret))).status,
		).toBe(401);
		// n8n's own URL signature is right (the resume URL the trigger holds), the hand-over is not.
		const [held] = Object.values(
			t.staticData.sendAndWait as Record<string, { resumeUrl: string; waitId: string }>,
		);
		const other = JSON.stringify({ ...JSON.parse(forged), waitId: held.waitId });
		const direct = (body: string, header: string) =>
			fetch(held.resumeUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', [HANDOVER_HEADER]: header },
				body,
			});
		expect((await direct(other, signHandover(other, 'another secret'))).status).toBe(401);
		expect((await direct(forged, signHandover(forged, secret))).status).toBe(403);
		expect(route.calls).toEqual([{ status: 401 }, { status: 401 }, { status: 403 }]);
		expect(route.resumed).toBeUndefined();
		// The real reply still resumes it.
		await sendReply(emulator, { to: TO, text: 'later' });
		expect((await route.whenResumed())[0][0].json).toMatchObject({
			reply: expect.objectContaining({ text: 'later' }),
		});
	});

	it('a resume whose answer is lost (502 after n8n took it) is sent again and counts as resumed', async () => {
		const { t, base } = await trigger();
		const { run, route } = await ask(t, base, { responseType: 'freeText' });
		let first = true;
		t.route(`/webhook-waiting/${String(run.additionalData.executionId)}/`, (req, res) => {
			if (!first) return route.handler(req, res);
			first = false;
			// n8n gets it and resumes; the answer never reaches the trigger (a proxy's 502).
			const write = res.writeHead.bind(res);
			res.writeHead = ((..._args: unknown[]) => write(502)) as typeof res.writeHead;
			return route.handler(req, res);
		});
		await sendReply(emulator, { to: TO, text: 'yes' });
		await route.whenResumed();
		await t.idle();
		expect(route.calls.map((c) => c.status)).toEqual([502, 200]);
		expect(t.executions).toHaveLength(0);
	});

	it('a reply to an execution that is gone (404) goes to the workflow and closes the wait', async () => {
		const { t, base } = await trigger();
		const { run } = await ask(t, base, { responseType: 'freeText' });
		t.route(`/webhook-waiting/${String(run.additionalData.executionId)}/`, (_req, res) =>
			res.writeHead(404).end(),
		);
		await sendReply(emulator, { to: TO, text: 'hello?' });
		await sendReply(emulator, { to: TO, text: 'again' });
		await t.idle();
		expect(t.executions).toHaveLength(2);
	});

	it("a send Vonage refuses cancels the wait: the error is Send's, the next reply goes to the workflow", async () => {
		const { t, base } = await trigger();
		emulator.failNext({ kind: 'status', status: 422 });
		const { run } = await ask(t, base, { responseType: 'freeText' });
		expect(run.error?.message).toMatch(/422|Invalid|parameter/i);
		expect(run.waitTill).toBeUndefined();
		await emulator.sendInbound({ from: TO, to: '447700900001', text: 'yes' });
		await t.idle();
		expect(t.executions).toHaveLength(1);
	});
});
