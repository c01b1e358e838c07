import type {
	IDataObject,
	IExecuteFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { assertCredentials } from './credentials';
import { deliver } from './deliver';
import { apiVersionOf } from './execute';
import { readSendOptions } from './options';
import { accountLimiter } from './accountLimits';
import type { VonageCredentials } from '../../shared/api/credentials';
import type { Channel } from '../../shared/vocabulary/messageModel';
import { MESSAGES_PATH, prepareMessage, type PreparedMessage } from '../message/prepare';

/** One message, checked and ready: what Send would send for item 0, and the send itself. */
export interface SingleSend {
	credentials: VonageCredentials;
	prepared: PreparedMessage;
	/** Sends it exactly as Send does (rate limit, retries of what Vonage certainly did not accept). */
	send(): Promise<
		| { ok: true; json: IDataObject }
		| { ok: false; error: NodeApiError | NodeOperationError; json: IDataObject }
	>;
}

/**
 * Item 0 of a run, read and checked with Send's rules (credential, options, fields), throwing before
 * anything is sent. Send and Wait for Reply asks one recipient per wait, as n8n's own send-and-wait
 * nodes do.
 */
export async function prepareFirst(this: IExecuteFunctions, channel: Channel): Promise<SingleSend> {
	const credentials = await assertCredentials.call(this);
	const options = readSendOptions(this);
	const version = apiVersionOf(this, channel);
	const prepared = prepareMessage(this, channel, version, 0);
	const deliveryOptions = {
		baseUrl: credentials.baseUrl,
		credentials,
		limiter: accountLimiter(credentials, options.maxPerSecond),
		maxRetries: options.maxRetries,
		timeoutMs: options.timeout * 1000,
		path: MESSAGES_PATH[version],
	};
	return {
		credentials,
		prepared,
		send: async () => {
			const delivery = await deliver.call(this, prepared.body, 0, deliveryOptions);
			if (delivery.ok)
				return { ok: true, json: { message_uuid: delivery.messageUuid, ...prepared.summary } };
			return {
				ok: false,
				error: delivery.error,
				json: { ...prepared.summary, may_have_been_sent: delivery.mayHaveBeenSent },
			};
		},
	};
}
