// One production webhook call, following n8n's packages/cli/src/webhooks:
// live-webhooks.ts (route lookup), webhook-helpers.ts `executeWebhook` (body parsing, running
// webhook() in a WebhookContext, response modes) and webhook-request-handler.ts +
// response-helper.ts (how the response / errors are written).
import type { IncomingMessage, ServerResponse } from 'node:http';

import { WebhookContext } from 'n8n-core';
import {
	isNodeClassInstance,
	type INode,
	type INodeExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type Workflow,
} from 'n8n-workflow';

import {
	UnprocessableRequestError,
	parseBody,
	toWebhookRequest,
	toWebhookResponse,
	type WebhookRequest,
	type WebhookResponse,
} from './http';

export interface WebhookCall {
	workflow: Workflow;
	node: INode;
	webhookData: IWebhookData;
	onExecution(workflowData: INodeExecutionData[][]): void;
	onError(error: Error): void;
	/** True when n8n fails to start this execution (WorkflowRunner.run throws: database or queue down). */
	startFails?(): boolean;
	/** Where n8n mounts the route: '/webhook' (default), or '/webhook-waiting' for a resume (waiting.ts). */
	mountPath?: string;
}

/** response-helper.ts `sendErrorResponse` */
function sendError(res: WebhookResponse, status: number, body: Record<string, unknown>) {
	if (!res.headersSent) res.status(status).json(body);
}

/** response-helper.ts `sendSuccessResponse(res, data, raw = true, code)` */
function sendData(res: WebhookResponse, data: unknown, code?: number) {
	if (res.writableEnded) return;
	if (code !== undefined) res.status(code);
	if (typeof data === 'string') res.send(data);
	else res.json(data);
}

/** webhook-helpers.ts `parseRequestBody` */
async function parseRequestBody(req: WebhookRequest, node: INode) {
	const { contentType } = req;
	if (contentType === 'multipart/form-data') {
		throw new Error('multipart/form-data webhooks are not supported by the test harness');
	}
	const parses =
		node.typeVersion === 1 ||
		['application/json', 'text/plain', 'application/x-www-form-urlencoded'].some((t) =>
			contentType?.startsWith(t),
		) ||
		contentType?.endsWith('/xml') ||
		contentType?.endsWith('+xml');
	if (parses) await parseBody(req);
}

export async function handleWebhookCall(
	rawReq: IncomingMessage,
	rawRes: ServerResponse,
	call: WebhookCall,
): Promise<void> {
	const { workflow, node, webhookData } = call;
	const mountPath = call.mountPath ?? '/webhook';
	const req = toWebhookRequest(rawReq, mountPath);
	const res = toWebhookResponse(rawRes);
	const registered = `${mountPath}/${webhookData.path}`;
	if (req.path.replace(/\/$/, '') !== registered || req.method !== webhookData.httpMethod) {
		const message = `The requested webhook "${req.method} ${req.path.slice(mountPath.length + 1)}" is not registered.`;
		return sendError(res, 404, { code: 404, message });
	}

	const mode = 'webhook';
	const keys = { $executionId: undefined };
	const { webhookDescription: desc } = webhookData;
	const expr = workflow.expression;
	const responseMode = expr.getSimpleParameterValue(
		node,
		desc.responseMode,
		mode,
		keys,
		undefined,
		'onReceived',
	);
	const responseCode = expr.getSimpleParameterValue(
		node,
		desc.responseCode as string,
		mode,
		keys,
		undefined,
		200,
	) as number;
	const responseData = expr.getComplexParameterValue(
		node,
		desc.responseData,
		mode,
		keys,
		undefined,
		'firstEntryJson',
	);
	if (responseMode !== 'onReceived' && responseMode !== 'lastNode') {
		return sendError(res, 500, {
			code: 0,
			message: `Response mode '${String(responseMode)}' is not supported by the test harness`,
		});
	}

	const additionalData = {
		...webhookData.workflowExecuteAdditionalData,
		httpRequest: req,
		httpResponse: res,
	};
	additionalData.hooks = undefined;
	try {
		await parseRequestBody(req, node);
	} catch (error) {
		if (error instanceof UnprocessableRequestError) {
			return sendError(res, 422, { code: 422, message: error.message, hint: error.hint });
		}
		return sendError(res, 500, { code: 0, message: 'There was a problem executing the workflow' });
	}

	let result: IWebhookResponseData;
	try {
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		result = isNodeClassInstance(nodeType)
			? await nodeType.webhook!(context)
			: ((await nodeType.webhook!.call(context)) as IWebhookResponseData);
	} catch (error) {
		call.onError(error as Error);
		// n8n also starts an (immediately failing) execution here; the harness does not.
		return sendError(res, 500, {
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
	}

	const alreadyResponded = result.noWebhookResponse === true;
	if (result.workflowData === undefined) {
		if (!alreadyResponded) {
			sendData(res, result.webhookResponse ?? { message: 'Webhook call received' }, responseCode);
		}
		return;
	}
	if (call.startFails?.()) {
		// webhook-helpers.ts: 2.x answers 'onReceived' only once WorkflowRunner.run has returned; when
		// run throws, its catch answers 500 with this message and no execution exists.
		return sendError(res, 500, { code: 0, message: 'There was a problem executing the workflow' });
	}
	call.onExecution(result.workflowData);
	if (alreadyResponded) return;
	if (responseMode === 'onReceived') {
		// webhook-on-received-response-extractor.ts
		let body: unknown = { message: 'Workflow was started' };
		if (responseData === 'noData') body = undefined;
		else if (responseData) body = responseData;
		else if (result.webhookResponse !== undefined) body = result.webhookResponse;
		return sendData(res, body, responseCode);
	}
	// 'lastNode': the trigger is the workflow's only (and so last) node; its output is workflowData.
	const items = result.workflowData[0] ?? [];
	if (responseData === 'noData') return sendData(res, undefined, responseCode);
	if (responseData === 'allEntries')
		return sendData(
			res,
			items.map((i) => i.json),
			responseCode,
		);
	return sendData(res, items[0]?.json ?? {}, responseCode);
}
