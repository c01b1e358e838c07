import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliver, type Delivery } from '../../helpers/deliver';
import { prepareSms, type PreparedSms } from '../../helpers/prepare';
import { itemRanges } from '../../helpers/ranges';
import { RateLimiter, runPool } from '../../helpers/throttle';
import { assertCredentials } from '../../helpers/credentials';
import { readSendOptions } from '../../helpers/options';
import { sendDescription } from './send.description';

export const description = sendDescription;

function errorItem(error: NodeOperationError | Error, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	const description = (error as NodeOperationError).description;
	return {
		json: { error: error.message, ...(description ? { description } : {}), ...extra },
		pairedItem: { item: itemIndex },
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const credentials = await assertCredentials.call(this);
	const options = readSendOptions(this);

	// Every item is checked before anything is sent: bad input never leaves half a batch behind.
	const prepared: Array<PreparedSms | undefined> = [];
	const output: Array<INodeExecutionData | undefined> = new Array(items.length).fill(undefined);
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push(prepareSms(this, i));
		} catch (error) {
			const invalid =
				error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (!continueOnFail) throw invalid;
			prepared.push(undefined);
			output[i] = errorItem(invalid, i);
		}
	}

	const deliveryOptions = {
		baseUrl: credentials.baseUrl,
		limiter: new RateLimiter(options.maxPerSecond),
		maxRetries: options.maxRetries,
		timeoutMs: options.timeout * 1000,
	};
	let stopped = false;
	const deliveries = await runPool<Delivery | undefined>(
		items.length,
		options.concurrency,
		async (i) => {
			const sms = prepared[i];
			if (!sms) return undefined;
			const delivery = await deliver.call(this, sms.body, i, deliveryOptions);
			if (!delivery.ok && !continueOnFail) stopped = true;
			return delivery;
		},
		() => stopped,
	);

	for (let i = 0; i < items.length; i++) {
		const delivery = deliveries[i];
		const sms = prepared[i];
		if (!delivery || !sms) continue;
		if (delivery.ok) {
			output[i] = { json: { message_uuid: delivery.messageUuid, ...sms.summary }, pairedItem: { item: i } };
		} else if (continueOnFail) {
			output[i] = errorItem(delivery.error, i, { ...sms.summary, may_have_been_sent: delivery.mayHaveBeenSent });
		} else {
			const sent = deliveries.flatMap((d, index) => (d?.ok ? [index] : []));
			const notStarted = prepared.flatMap((p, index) => (p && deliveries[index] === undefined ? [index] : []));
			delivery.error.description = [
				delivery.error.description,
				sent.length > 0 ? `Vonage accepted the messages of items ${itemRanges(sent)} (${sent.length} in all).` : '',
				notStarted.length > 0 ? `Items ${itemRanges(notStarted)} were not sent.` : '',
				'Turn on "Continue On Fail" in the node settings to get one output item per input item, errors included.',
			]
				.filter(Boolean)
				.join(' ');
			throw delivery.error;
		}
	}
	return output.filter((item): item is INodeExecutionData => item !== undefined);
}
