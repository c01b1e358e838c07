// resumeRoute(): a waiting execution's resume URL as n8n 2.41.1's WaitingWebhooks serves it
// (packages/cli/src/webhooks/waiting-webhooks.ts), reduced to what a node resumed through its own
// `restartWebhook` needs. Models: the route `<base>/webhook-waiting/<executionId>/<node id>` (404 for
// anything else); for a node whose operation is `sendAndWait`, the URL signature check (HMAC-SHA256
// of pathname + search without `signature`, with the instance's hmacSignatureSecret: 401 otherwise);
// a resumed execution answering 200 with a page to any later call (F7 of docs/design/send-and-wait.md);
// then the node's webhook() in a WebhookContext (./webhook-call.ts), whose workflowData becomes the
// node's output (n8n disables the node and passes it on); optionally, an execution still saving its
// waiting state: 409 with n8n's JSON `The execution "<id>" is running already.` (waiting-webhooks.ts
// executeWebhook, serialized as response-helper.ts sendErrorResponse does). Not modelled: the time-out
// (WaitTracker), the rest of the workflow after the resumed node (there is none).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { InstanceSettings } from 'n8n-core';
import type { INodeExecutionData, IWebhookData, IWebhookDescription } from 'n8n-workflow';

import { Container } from './engine';
import type { RunNodeResult } from './run-node';
import { handleWebhookCall } from './webhook-call';

export interface ResumeRoute {
	/** Give to TriggerHarness.route('/webhook-waiting/', ...), so it shares the trigger's origin. */
	handler(req: IncomingMessage, res: ServerResponse): void;
	/** The node's output once resumed (the workflowData of the call that resumed it). */
	resumed?: INodeExecutionData[][];
	/** Every call that reached the route, with the status it got. */
	calls: Array<{ status: number }>;
	/** Resolves when the execution has been resumed. */
	whenResumed(): Promise<INodeExecutionData[][]>;
}

const MOUNT = '/webhook-waiting';

function signatureOk(rawUrl: string): boolean {
	const url = new URL(rawUrl, 'http://127.0.0.1');
	const given = url.searchParams.get('signature') ?? '';
	url.searchParams.delete('signature');
	const { hmacSignatureSecret } = Container.get(InstanceSettings);
	const expected = createHmac('sha256', hmacSignatureSecret)
		.update(`${url.pathname}${url.search}`)
		.digest('hex');
	return (
		given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
	);
}

export interface ResumeRouteOptions {
	/** How many signed calls are answered 409 "running already" before the execution counts as waiting. */
	runningFor?: number;
	/** Then: the execution finished with an error (409 "has finished with error" to every call). */
	finishedWithError?: boolean;
}

export function resumeRoute(run: RunNodeResult, options: ResumeRouteOptions = {}): ResumeRoute {
	let running = options.runningFor ?? 0;
	const { workflow, nodeName, additionalData } = run;
	const node = workflow.getNode(nodeName)!;
	const description = workflow.nodeTypes.getByNameAndVersion(
		node.type,
		node.typeVersion,
	).description;
	const webhookDescription = description.webhooks?.find(
		(w) => w.restartWebhook,
	) as IWebhookDescription;
	const executionId = String(additionalData.executionId);
	let onResumed: (data: INodeExecutionData[][]) => void = () => {};
	const resumedPromise = new Promise<INodeExecutionData[][]>((resolve) => (onResumed = resolve));
	const route: ResumeRoute = {
		calls: [],
		whenResumed: async () => await resumedPromise,
		handler(req, res) {
			const record = (status: number) => route.calls.push({ status });
			const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
			const suffix = `${MOUNT}/${executionId}/${encodeURIComponent(node.id)}`;
			if (path !== suffix || !run.waitTill) {
				record(404);
				res.writeHead(404).end();
				return;
			}
			if (node.parameters.operation === 'sendAndWait' && !signatureOk(req.url ?? '')) {
				record(401);
				res.writeHead(401, { 'content-type': 'text/html' }).end('<html>Invalid signature</html>');
				return;
			}
			if (running > 0 || options.finishedWithError) {
				const message = running > 0 ? 'is running already.' : 'has finished with error.';
				running--;
				record(409);
				res.writeHead(409, { 'content-type': 'application/json' }).end(
					JSON.stringify({
						code: 409,
						message: `The execution "${executionId}" ${message}`,
					}),
				);
				return;
			}
			if (route.resumed) {
				record(200);
				res.writeHead(200, { 'content-type': 'text/html' }).end('<html>No action required</html>');
				return;
			}
			const webhookData: IWebhookData = {
				httpMethod: 'POST',
				node: node.name,
				path: `${executionId}/${encodeURIComponent(node.id)}`,
				webhookDescription,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
			};
			res.on('finish', () => record(res.statusCode));
			void handleWebhookCall(req, res, {
				workflow,
				node,
				webhookData,
				mountPath: MOUNT,
				onExecution: (data) => {
					route.resumed = data;
					onResumed(data);
				},
				onError: () => {},
			});
		},
	};
	return route;
}
