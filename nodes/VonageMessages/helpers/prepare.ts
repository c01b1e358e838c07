import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { smsEncoding, type SmsEncoding } from './encoding';
import { checkClientRef, checkRecipient, checkSender, checkText, type FieldCheck } from './validation';

/** One item's message, validated and normalised: the shape the API receives, plus what the user sees. */
export interface PreparedSms {
	body: IDataObject;
	summary: { to: string; from: string; client_ref?: string } & SmsEncoding;
}

function parameterText(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : String(value);
}

function accept(ctx: IExecuteFunctions, label: string, check: FieldCheck, itemIndex: number): string {
	if (check.ok) return check.value;
	throw new NodeOperationError(ctx.getNode(), `${label} in item ${itemIndex} ${check.problem}`, {
		itemIndex,
		description: `${check.fix}.`,
	});
}

/** Reads and checks one item's parameters; throws a NodeOperationError naming the field, the item and the fix. */
export function prepareSms(ctx: IExecuteFunctions, itemIndex: number): PreparedSms {
	// Checked in the order the fields appear in the editor, so the first error is the first field to fix.
	const from = accept(ctx, "'From'", checkSender(parameterText(ctx, 'from', itemIndex)), itemIndex);
	const to = accept(ctx, "'To'", checkRecipient(parameterText(ctx, 'to', itemIndex)), itemIndex);
	const text = accept(ctx, "'Text'", checkText(parameterText(ctx, 'text', itemIndex)), itemIndex);
	const clientRef = accept(
		ctx,
		"'Client Reference'",
		checkClientRef(parameterText(ctx, 'clientRef', itemIndex)),
		itemIndex,
	);

	const body: IDataObject = {
		to: { type: 'sms', number: to },
		from: { type: 'sms', number: from },
		message: { content: { type: 'text', text } },
	};
	if (clientRef !== '') body.client_ref = clientRef;

	return {
		body,
		summary: { to, from, ...(clientRef !== '' ? { client_ref: clientRef } : {}), ...smsEncoding(text) },
	};
}
