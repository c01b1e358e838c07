import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { send } from '../common/statusRouting';
import { optionsProperty } from '../common/sendOptions';
import { SMS_V1_OPTIONS } from '../common/v1Fields';
import { SEND_AND_WAIT } from '../common/waitProperties';
import { CLIENT_REF_MAX, ruleOf } from '../../message/rules';

const TEXT_MAX = ruleOf('sms', 'text')!.text!.max;

const properties: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: '447700900001',
		description:
			'Your Vonage virtual number with its country code, or an alphanumeric sender ID (up to 11 letters and digits) where the destination country allows one',
		hint: 'Spaces, a leading + or 00 are removed for you',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '447700900000',
		description: 'The recipient in international format: country code then number, 7 to 15 digits',
		hint: 'Spaces, a leading + or 00 are removed for you',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: `Up to ${TEXT_MAX} characters. GSM-7 texts go 160 characters to one SMS (153 per part when longer); any other character switches the whole message to unicode: 70 per SMS, 67 per part. Each part is billed.`,
	},
	{
		displayName: 'Client Reference',
		name: 'clientRef',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description: `Up to ${CLIENT_REF_MAX['v0.1']} characters of your own (${CLIENT_REF_MAX.v1} with API Version v1), e.g. an order ID. Vonage returns it in every status event of this message, so the Status Trigger can match it back. Leave empty to send none.`,
	},
	optionsProperty(SMS_V1_OPTIONS),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sms'], operation: ['send', SEND_AND_WAIT] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await send.call(this, 'sms');
}
