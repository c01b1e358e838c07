import { NodeConnectionTypes, type ICredentialDataDecryptedObject, type IDataObject, type INodeType } from 'n8n-workflow';

import { VonageMessagesApi } from '../credentials/VonageMessagesApi.credentials';
import { startEmulator, type Emulator } from './emulator';
import { runNode } from './harness';
import { AUTH_TYPES, credentialFor } from './support/setup';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

/**
 * The "Test" button of the credential dialog, as n8n's CLI runs it (CredentialsTester): the test
 * request becomes the routing of a temporary declarative node, run by n8n-core's RoutingNode, and
 * the `responseSuccessBody` rules are applied to its output.
 */
async function credentialTest(credential: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credentialType = new VonageMessagesApi();
	const probe: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credentialType.test.request } }],
		},
	};
	const { outputs, error } = await runNode({
		nodeType: probe,
		parameters: {},
		items: [{}],
		credentials: { vonageMessagesApi: credential },
		credentialTypes: [credentialType],
	});
	if (error) return { status: 'Error', message: error.message };
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && (outputs[0][0].json as IDataObject)[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

describe.each(AUTH_TYPES)('credential test (%s)', (authType) => {
	it('says OK for working credentials, and sends nothing', async () => {
		expect(await credentialTest(credentialFor(emulator, authType))).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests.map((r) => r.status)).toEqual([400]);
		expect(emulator.accepted).toHaveLength(0);
	});

	it('says the credentials were rejected when they are wrong', async () => {
		const wrong = authType === 'jwt' ? { applicationId: '00000000-0000-4000-8000-000000000000' } : { apiSecret: 'wrong-secret' };
		const result = await credentialTest(credentialFor(emulator, authType, wrong));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Vonage rejected these credentials \(401\)/) });
	});

	it('names what is missing', async () => {
		const missing = authType === 'jwt' ? { privateKey: '' } : { apiKey: '' };
		const result = await credentialTest(credentialFor(emulator, authType, missing));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(authType === 'jwt' ? /Private Key/ : /API Key/);
	});
});

it('credential test reports a wrong Base URL', async () => {
	const result = await credentialTest(credentialFor(emulator, 'basic', { baseUrl: `${emulator.url}/nowhere` }));
	expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/No Vonage Messages API at this Base URL/) });
});
