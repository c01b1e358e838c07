// The workflows the e2e suite imports into n8n, built from the package's public node names.
import * as crypto from 'node:crypto';

import type { WorkflowInput } from './n8n/server';

export const PACKAGE = 'n8n-nodes-vonage-messages';
export const SEND_NODE = `${PACKAGE}.vonageMessages`;
export const STATUS_TRIGGER = `${PACKAGE}.vonageMessagesStatusTrigger`;
export const INBOUND_TRIGGER = `${PACKAGE}.vonageMessagesInboundTrigger`;
export const CREDENTIAL_TYPE = 'vonageMessagesApi';

/** Split outputs of the status trigger, in order (`other`: a status that is none of Vonage's five). */
export const STATUS_OUTPUTS = ['submitted', 'delivered', 'read', 'failed', 'other'] as const;

export interface CredentialRef {
	id: string;
	name: string;
}

export const credentials = (ref: CredentialRef) => ({ [CREDENTIAL_TYPE]: ref });

/**
 * n8n's own Webhook node (v2) on POST /webhook/<path>, answering with every item of the last node;
 * `parameters` add to or replace those, `extra` adds to the node (credentials).
 */
export function webhookNode(
	path: string,
	parameters: Record<string, unknown> = {},
	extra: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
			...parameters,
		},
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		...extra,
	};
}

/**
 * Webhook (POST /webhook/<path>, body {run, count}) -> Code (count items with orderId and a
 * recipient) -> Send SMS with clientRef = orderId. Answers with every Send SMS output item.
 */
export function sendSmsWorkflow(
	name: string,
	path: string,
	credential: CredentialRef,
): WorkflowInput {
	return {
		name,
		nodes: [
			webhookNode(path),
			{
				parameters: {
					jsCode: [
						'const { run, count } = $input.first().json.body;',
						'return Array.from({ length: count }, (_, i) => ({',
						'  json: { orderId: `${run}-${i}`, phone: `447700${900000 + i}` },',
						'}));',
					].join('\n'),
				},
				name: 'Make Orders',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				parameters: {
					resource: 'sms',
					operation: 'send',
					from: 'AcmeShop',
					to: '={{ $json.phone }}',
					text: '=Order {{ $json.orderId }} has shipped',
					clientRef: '={{ $json.orderId }}',
					options: { concurrency: 5, maxPerSecond: 50 },
				},
				name: 'Send SMS',
				type: SEND_NODE,
				typeVersion: 1,
				position: [440, 0],
				credentials: credentials(credential),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Make Orders', type: 'main', index: 0 }]] },
			'Make Orders': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Status trigger (automatic registration, split by status) -> one No Op node per output. */
export function statusWorkflow(name: string, credential: CredentialRef): WorkflowInput {
	const outputs = STATUS_OUTPUTS.map((status, index) => ({
		parameters: {},
		name: `On ${status}`,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [300, index * 120 - 180],
	}));
	return {
		name,
		nodes: [
			{
				parameters: { registration: 'automatic', options: { splitByStatus: true } },
				name: 'Message Status',
				type: STATUS_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(credential),
			},
			...outputs,
		],
		connections: {
			'Message Status': { main: outputs.map((o) => [{ node: o.name, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Inbound trigger (automatic registration) -> Send SMS back to the sender. */
export function replyWorkflow(name: string, credential: CredentialRef): WorkflowInput {
	return {
		name,
		nodes: [
			{
				parameters: { registration: 'automatic', options: {} },
				name: 'Inbound SMS',
				type: INBOUND_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(credential),
			},
			{
				parameters: {
					resource: 'sms',
					operation: 'send',
					from: '={{ $json.recipient }}',
					to: '={{ $json.sender }}',
					text: '=Thanks! You wrote: {{ $json.text }}',
					clientRef: '=reply-{{ $json.message_uuid.slice(0, 8) }}',
					options: {},
				},
				name: 'Reply',
				type: SEND_NODE,
				typeVersion: 1,
				position: [260, 0],
				credentials: credentials(credential),
			},
		],
		connections: { 'Inbound SMS': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** One of our triggers (node name `node`) -> No Op: the shape the receive scenarios publish and post to. */
export function triggerToNoOp(
	name: string,
	credential: CredentialRef,
	trigger: { node: string; type: string; parameters: Record<string, unknown> },
): WorkflowInput {
	return {
		name,
		nodes: [
			{
				parameters: trigger.parameters,
				name: trigger.node,
				type: trigger.type,
				typeVersion: 1,
				position: [0, 0],
				webhookId: crypto.randomUUID(),
				credentials: credentials(credential),
			},
			{
				parameters: {},
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
			},
		],
		connections: { [trigger.node]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The production webhook URL n8n gives a trigger node's webhook (path as the node declares it). */
export function productionUrl(
	webhookBaseUrl: string,
	workflow: WorkflowInput,
	nodeName: string,
	nodePath: string,
): string {
	const node = (workflow.nodes as Array<{ name: string; webhookId?: string }>).find(
		(n) => n.name === nodeName,
	);
	if (!node?.webhookId) throw new Error(`node ${nodeName} has no webhookId`);
	return `${webhookBaseUrl}/webhook/${node.webhookId}/${nodePath}`;
}
