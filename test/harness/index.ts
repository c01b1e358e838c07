/**
 * Engine-level test harness: runs our nodes through n8n-core's real execution engine.
 *
 * Nothing of n8n is stubbed. `WorkflowExecute`, `ExecuteContext`, `WebhookContext`,
 * `HookContext`, the request helpers (`httpRequestWithAuthentication`), expressions,
 * `continueOnFail`/pairedItem handling and the `Credentials` cipher are n8n-core's own code.
 * The harness only supplies what n8n's CLI package supplies in production, written to behave
 * like it (see each file's header for the CLI source it mirrors):
 *   engine.ts              DI bootstrap: instance settings, encryption key (EncryptionBootstrapService)
 *   registry.ts            NodeTypes / CredentialTypes registries
 *   credentials-helper.ts  CredentialsHelper (encrypted store, authenticate, preAuthentication)
 *   workflow.ts            additionalData (WorkflowExecuteAdditionalData.getBase)
 *   webhook-call.ts, http.ts  webhook server: body parser, executeWebhook, response helpers
 *
 * Node types are registered as `<package.json name>.<description.name>` (how n8n names
 * community-package nodes), e.g. `n8n-nodes-vonage-messages.vonageMessages`; pass `typeName`
 * to override. Credentials are given in plaintext per credential type name, saved encrypted
 * (only ciphertext is kept; nodes reference them by id), and decrypted by n8n-core on use.
 *
 * @example
 * const { outputs, error } = await runNode({
 *   nodeType: new VonageMessages(),
 *   parameters: { text: '={{ $json.msg }}' },
 *   items: [{ msg: 'hi' }],
 *   credentials: { vonageMessagesApi: { apiKey: 'k', apiSecret: 's' } },
 *   credentialTypes: [new VonageMessagesApi()],
 *   continueOnFail: true,
 * });
 * // outputs[0][0].json / .pairedItem; error is the thrown NodeApiError if the node failed
 *
 * const trigger = await createTriggerHarness({ nodeType: new StatusTrigger(), parameters: {} });
 * const { url } = await trigger.listen();   // start first so create() registers this server
 * await trigger.create();                    // webhookMethods.default.create in a HookContext
 * await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
 * trigger.executions[0];                     // workflowData of the started execution
 * await trigger.close();
 *
 * Caveats (all mirror n8n unless noted):
 * - Webhook bodies: raw bytes always in `req.rawBody`; `req.body` is parsed only for JSON, form
 *   and text content types and stays undefined otherwise or when empty. Malformed JSON -> 422
 *   `{ code: 422, message: 'Failed to parse request body', hint }` and webhook() is not called.
 * - Response mode 'onReceived' with no `responseData` on the webhook description answers with the
 *   option's default, the literal text `firstEntryJson` (n8n's executeWebhook does the same);
 *   return `noWebhookResponse` and write via getResponseObject() to control the answer.
 * - Static data is persisted after webhookMethods calls (when changed), and around webhook calls
 *   exactly as n8n 2.41.1 does it: what webhook() writes is saved when the call starts no execution;
 *   when it starts one, it is lost unless the workflow had no static data yet; the execution then runs
 *   through WorkflowExecute (the trigger's execute(), if any) and its changes are saved at its end
 *   (see trigger.ts, serveCall). `await trigger.idle()` waits for those executions. Option
 *   `executionsMode: 'queue'` runs them as a worker does, from no static data.
 * - Harness limits: response modes 'onReceived'/'lastNode' only; no multipart/XML bodies; a throw
 *   in webhook() answers 500 but starts no execution (n8n starts one that fails); the execution runs
 *   the trigger node alone (the workflow has no other nodes); sub-workflows
 *   and Code-node task runners are unavailable.
 */
export { runNode, toItems, START_NODE_NAME } from './run-node';
export type { RunNodeOptions, RunNodeResult } from './run-node';
export { createTriggerHarness } from './trigger';
export type { TriggerHarness, TriggerHarnessOptions } from './trigger';
export { bootEngine, captureLogs } from './engine';
export { HarnessCredentialsHelper } from './credentials-helper';
export { defaultTypeName } from './registry';
export type { CredentialsInput } from './workflow';
