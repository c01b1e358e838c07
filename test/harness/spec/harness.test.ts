// Proves the engine harness with tiny node/credential types defined here, against real local
// HTTP servers. Nothing of n8n is mocked.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Credentials } from 'n8n-core';
import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { createTriggerHarness, runNode } from '..';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
let api: Server;
let apiUrl = '';
const seen: Seen[] = [];
beforeAll(async () => {
	api = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
			const fail = body.includes('"bad"');
			res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(fail ? { message: 'boom' } : { id: `msg-${seen.length}` }));
		});
	});
	await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
	apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => api.close(resolve)));
beforeEach(() => (seen.length = 0));

class FnAuthApi implements ICredentialType {
	name = 'fnAuthApi';
	displayName = 'Function auth';
	properties = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string' as const,
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Prefix', name: 'prefix', type: 'string' as const, default: 'Token' },
	];
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	) => ({
		...options,
		headers: {
			...options.headers,
			'x-auth': `${credentials.prefix as string} ${credentials.token as string}`,
		},
	});
}
class GenericAuthApi implements ICredentialType {
	name = 'genericAuthApi';
	displayName = 'Generic auth';
	properties = [
		{
			displayName: 'Key',
			name: 'apiKey',
			type: 'string' as const,
			typeOptions: { password: true },
			default: '',
		},
	];
	authenticate = {
		type: 'generic' as const,
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
			qs: { k: '={{$credentials.apiKey}}' },
		},
	};
}

const baseDescription = {
	group: ['output'],
	version: 1,
	description: 'harness fixture',
	inputs: ['main'],
	outputs: ['main'],
} as const;

class Sender implements INodeType {
	description = {
		...baseDescription,
		displayName: 'Sender',
		name: 'sender',
		defaults: { name: 'Sender' },
		credentials: [{ name: 'fnAuthApi' }, { name: 'genericAuthApi' }],
		properties: [
			{ displayName: 'Auth', name: 'auth', type: 'string', default: 'fnAuthApi' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				const value = this.getNodeParameter('value', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					this.getNodeParameter('auth', i) as string,
					{
						method: 'POST',
						url: this.getNodeParameter('url', i) as string,
						body: { value },
						json: true,
					},
				)) as IDataObject;
				out.push({ json: { value, ...response }, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail())
					throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

const send = (extra: object = {}) => ({
	nodeType: new Sender(),
	typeName: 'test.sender',
	parameters: { url: `${apiUrl}/send`, value: '={{ $json.x }}' },
	credentials: { fnAuthApi: { token: 's3cret-token' }, genericAuthApi: { apiKey: 'k3y-abc' } },
	credentialTypes: [new FnAuthApi(), new GenericAuthApi()],
	...extra,
});

describe('runNode', () => {
	it('resolves expressions per item and signs requests with a function authenticate', async () => {
		const { outputs, error, runData } = await runNode({
			...send(),
			items: [{ x: 'a' }, { x: 'b' }],
		});
		expect(error).toBeUndefined();
		expect(seen.map((s) => JSON.parse(s.body))).toEqual([{ value: 'a' }, { value: 'b' }]);
		expect(seen[0].headers['x-auth']).toBe('Token s3cret-token'); // default `prefix` applied
		expect(outputs[0].map((o) => o.json)).toEqual([
			{ value: 'a', id: 'msg-1' },
			{ value: 'b', id: 'msg-2' },
		]);
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(runData.Sender[0].executionStatus).toBe('success');
	});

	it('resolves generic authenticate expressions into headers and query string', async () => {
		const { error } = await runNode({
			...send(),
			parameters: { ...send().parameters, auth: 'genericAuthApi' },
			items: [{ x: 'a' }],
		});
		expect(error).toBeUndefined();
		expect(seen[0].headers.authorization).toBe('Bearer k3y-abc');
		expect(seen[0].url).toBe('/send?k=k3y-abc');
	});

	it('continueOnFail turns a failing item into an error item with pairedItem', async () => {
		const items = [{ x: 'ok' }, { x: 'bad' }];
		const { outputs, error } = await runNode({ ...send(), items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(outputs[0][1]).toMatchObject({
			json: { error: expect.any(String) },
			pairedItem: { item: 1 },
		});
		expect(outputs[0][0].json.id).toBe('msg-1');
	});

	it('without continueOnFail returns the thrown NodeApiError and no output', async () => {
		const { outputs, error, executionError } = await runNode({ ...send(), items: [{ x: 'bad' }] });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(executionError?.message).toBe(error?.message);
		expect(outputs).toEqual([]);
	});

	it('stores credentials encrypted with n8n-core and never puts secrets in the workflow', async () => {
		const result = await runNode({ ...send(), items: [{ x: 'a' }] });
		const everything = JSON.stringify([
			result.workflowJson,
			result.runData,
			result.storedCredentials,
		]);
		expect(everything).not.toContain('s3cret-token');
		expect(everything).not.toContain('k3y-abc');
		expect(result.workflowJson.nodes[1].credentials?.fnAuthApi).toEqual({
			id: expect.any(String),
			name: expect.any(String),
		});
		const row = result.storedCredentials.find((c) => c.type === 'fnAuthApi')!;
		expect(
			await new Credentials({ id: row.id ?? null, name: row.name }, row.type, row.data).getData(),
		).toEqual({ token: 's3cret-token' });
	});
});

class Trigger implements INodeType {
	description = {
		...baseDescription,
		group: ['trigger'],
		inputs: [],
		displayName: 'Test Trigger',
		name: 'testTrigger',
		defaults: { name: 'Test Trigger' },
		credentials: [{ name: 'fnAuthApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'events' }],
		properties: [{ displayName: 'Secret', name: 'secret', type: 'string', default: '' }],
	} as unknown as INodeTypeDescription;

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions) {
				return this.getWorkflowStaticData('node').hookId !== undefined;
			},
			async create(this: IHookFunctions) {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'fnAuthApi', {
					method: 'POST',
					url: `${apiUrl}/hooks`,
					body: { url: this.getNodeWebhookUrl('default') },
					json: true,
				})) as IDataObject;
				this.getWorkflowStaticData('node').hookId = response.id;
				return true;
			},
			async delete(this: IHookFunctions) {
				delete this.getWorkflowStaticData('node').hookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getHeaderData()['x-secret'] !== this.getNodeParameter('secret')) {
			this.getResponseObject().status(401).send('bad secret');
			return { noWebhookResponse: true };
		}
		const raw = (this.getRequestObject() as { rawBody: Buffer }).rawBody.toString();
		return { workflowData: [[{ json: { body: this.getBodyData(), raw } }]] };
	}
}

describe('createTriggerHarness', () => {
	it('runs webhookMethods with persisted static data and serves webhook() over real HTTP', async () => {
		const trigger = await createTriggerHarness({
			nodeType: new Trigger(),
			typeName: 'test.trigger',
			parameters: { secret: 'abc' },
			credentials: { fnAuthApi: { token: 't' } },
			credentialTypes: [new FnAuthApi()],
		});
		expect(trigger.webhookUrl).toMatch(/^http:\/\/localhost:5678\/webhook\/[0-9a-f-]{36}\/events$/);
		const { url } = await trigger.listen();
		expect(await trigger.checkExists()).toBe(false);
		expect(await trigger.create()).toBe(true);
		expect(JSON.parse(seen[0].body)).toEqual({ url });
		expect(seen[0].headers['x-auth']).toBe('Token t');
		expect(trigger.staticData).toEqual({ hookId: 'msg-1' });
		expect(await trigger.checkExists()).toBe(true);

		const post = async (body: string, headers: Record<string, string>) =>
			await fetch(url, {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/json', ...headers },
			});
		const denied = await post('{"a":1}', { 'x-secret': 'nope' });
		expect([denied.status, await denied.text()]).toEqual([401, 'bad secret']);
		const malformed = await post('{"a":', { 'x-secret': 'abc' });
		expect(malformed.status).toBe(422);
		expect(await malformed.json()).toMatchObject({
			code: 422,
			message: 'Failed to parse request body',
		});
		expect(trigger.executions).toEqual([]);

		const ok = await post('{"a": 1}', { 'x-secret': 'abc' });
		expect(ok.status).toBe(200);
		// No `responseData` on the webhook description: n8n answers with the option's default.
		expect(await ok.text()).toBe('firstEntryJson');
		expect(trigger.executions).toEqual([[[{ json: { body: { a: 1 }, raw: '{"a": 1}' } }]]]);

		expect(await trigger.delete()).toBe(true);
		expect(trigger.staticData).toEqual({});
		await trigger.close();
	});
});
