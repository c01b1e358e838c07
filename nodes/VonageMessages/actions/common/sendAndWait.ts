import { randomUUID } from 'node:crypto';

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../../sending/execute';
import { prepareFirst } from '../../sending/single';
import { readCredentials } from '../../../shared/api/credentials';
import { CREDENTIAL_TYPE } from '../../../shared/api/transport';
import type { RegisterHandover, WaitChannel } from '../../../shared/handover/messages';
import { readResumeHandover } from '../../../shared/handover/messages';
import { HANDOVER_HEADER, verifyHandover } from '../../../shared/handover/sign';
import { ACTIVATE, inboundTriggerUrl, postHandover, wasReused } from './waitTrigger';
import { readWaitSettings } from './waitSettings';

type Answer = Awaited<ReturnType<typeof postHandover>>;

/** Why the Inbound Trigger did not take the registration, and what to do. */
function refused(ctx: IExecuteFunctions, url: string, answer: Answer, applicationId: string) {
	const host = new URL(url).host;
	const [message, fix] = !answer
		? [
				`Could not reach the Inbound Trigger at ${host}`,
				'Check that this n8n can reach its own webhook URL (WEBHOOK_URL).',
			]
		: answer.statusCode === 404
			? ['The Inbound Trigger on the application is not active', ACTIVATE(applicationId)]
			: answer.statusCode === 401
				? [
						'The Inbound Trigger refused the hand-over signature',
						'Give the Inbound Trigger and this node the same credential (the same Signature Secret).',
					]
				: [
						`The Inbound Trigger refused the wait (${answer.statusCode}${typeof answer.body.error === 'string' ? `: ${answer.body.error}` : ''})`,
						ACTIVATE(applicationId),
					];
	return new NodeOperationError(ctx.getNode(), message, {
		itemIndex: 0,
		description: `${fix} Nothing was sent.`,
	});
}

/**
 * Send and Wait for Reply: item 0 sent exactly as Send sends it, after its wait is registered at the
 * application's Inbound Trigger (so that nothing is sent when the reply could not come back); then the
 * execution waits until the trigger forwards the reply to this node's webhook, or the limit passes.
 */
export async function sendAndWait(
	this: IExecuteFunctions,
	channel: WaitChannel,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const single = await prepareFirst.call(this, channel);
	const settings = readWaitSettings(this);
	const { credentials, prepared } = single;
	const waitId = randomUUID();
	const resumeUrl = this.getSignedResumeUrl({ wait: waitId });
	const started = Date.now();
	let triggerUrl = await inboundTriggerUrl(this, credentials, resumeUrl);
	const secret = credentials.signatureSecret;
	const registration: RegisterHandover = {
		op: 'register',
		waitId,
		applicationId: credentials.applicationId,
		channel,
		ours: String(prepared.summary.from),
		theirs: String(prepared.summary.to),
		responseType: settings.responseType,
		approve: settings.approve,
		decline: settings.decline,
		resumeUrl,
		executionId: String(this.getExecutionId()),
		createdAt: Date.now(),
		expiresAt: settings.waitTill.getTime(),
	};
	let registered = await postHandover(this, triggerUrl, registration, secret);
	if (registered?.statusCode !== 200 && wasReused(credentials, started)) {
		// The Inbound URL came from an earlier read: the trigger may have moved since.
		triggerUrl = await inboundTriggerUrl(this, credentials, resumeUrl, true);
		registered = await postHandover(this, triggerUrl, registration, secret);
	}
	if (registered?.statusCode !== 200 || registered.body.registered !== waitId)
		throw refused(this, triggerUrl, registered, credentials.applicationId);

	const result = await single.send();
	if (!result.ok) {
		await postHandover(this, triggerUrl, { op: 'cancel', waitId }, secret);
		if (this.continueOnFail()) return [errorItem(result.error, 0, result.json)];
		throw result.error;
	}
	let confirmed: Answer;
	for (let attempt = 0; attempt < 3 && confirmed?.statusCode !== 200; attempt++)
		confirmed = await postHandover(
			this,
			triggerUrl,
			{ op: 'confirm', waitId, sent: result.json },
			secret,
		);
	if (confirmed?.statusCode !== 200) {
		const error = new NodeOperationError(
			this.getNode(),
			'The message was sent, but the Inbound Trigger did not confirm the wait',
			{
				itemIndex: 0,
				description: `Vonage accepted the message (${String(result.json.message_uuid)}); its reply will start the Inbound Trigger's workflow instead of resuming this one. Do not send it again.`,
			},
		);
		if (this.continueOnFail()) return [errorItem(error, 0, result.json)];
		throw error;
	}

	// What the node outputs if the limit passes first: n8n then passes the (replaced) input through.
	const timedOut: IDataObject = { ...result.json, reply: null, approved: null, timed_out: true };
	items[0].json = timedOut;
	items.splice(1);
	const validation = this as unknown as { setSignatureValidationRequired?: () => void };
	validation.setSignatureValidationRequired?.(); // n8n 1.x checks the resume URL's signature only then
	await this.putExecutionToWait(settings.waitTill);
	return [{ json: timedOut, pairedItem: { item: 0 } }];
}

function refuse(ctx: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ error });
	return { noWebhookResponse: true };
}

/**
 * The waiting node's webhook (its resume URL, whose signature n8n checks): takes a resume hand-over
 * signed with the credential's Signature Secret for this execution's wait, and outputs the sent
 * message's fields with the reply. Anything else leaves the execution waiting.
 */
export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
	const raw = Buffer.isBuffer(request.rawBody)
		? request.rawBody.toString('utf8')
		: JSON.stringify(this.getBodyData() ?? {});
	const { signatureSecret } = readCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	if (!verifyHandover(this.getHeaderData()[HANDOVER_HEADER], raw, signatureSecret))
		return refuse(this, 401, 'Hand-over signature refused');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		parsed = undefined;
	}
	const handover = readResumeHandover(parsed);
	if (!handover) return refuse(this, 400, 'Not a resume hand-over');
	if ((this.getQueryData() as IDataObject).wait !== handover.waitId)
		return refuse(this, 403, 'Not the wait of this execution');
	const json: IDataObject = {
		...(handover.sent as IDataObject),
		reply: handover.reply as IDataObject,
		approved: handover.approved,
		timed_out: false,
	};
	// Answered here: with 'onReceived' and no response data n8n would answer its default text, and the
	// trigger takes the reply as handed over only on this JSON.
	this.getResponseObject().status(200).json({ resumed: handover.waitId });
	return { noWebhookResponse: true, workflowData: [[{ json, pairedItem: { item: 0 } }]] };
}
