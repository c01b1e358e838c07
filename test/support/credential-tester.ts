// The credential dialog's "Test", as n8n 2.41.1's CLI runs it (services/credentials-tester.service.js):
// a credential type without a declarative `test` is tested by the function its nodes name in
// `testedBy` (methods.credentialTest), called on n8n-core's own CredentialTestContext, whose
// helpers.request goes through n8n's outbound HTTP client. Only the lookup below is ours, a port of
// CredentialsTester.getCredentialTestFunction; the real-n8n path is the e2e scenario in
// test/e2e/scenarios-credreg.ts.
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialType,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { VonageMessagesApi } from '../../credentials/VonageMessagesApi.credentials';
import { VonageMessages } from '../../nodes/VonageMessages/VonageMessages.node';
import { VonageMessagesInboundTrigger } from '../../nodes/VonageMessagesInboundTrigger/VonageMessagesInboundTrigger.node';
import { VonageMessagesStatusTrigger } from '../../nodes/VonageMessagesStatusTrigger/VonageMessagesStatusTrigger.node';
import { bootEngine } from '../harness';
import { additionalData, createEnvironment, workflowBase } from '../harness/workflow';

const NODES = (): INodeType[] => [
	new VonageMessages(),
	new VonageMessagesStatusTrigger(),
	new VonageMessagesInboundTrigger(),
];

/** CredentialsTester.getCredentialTestFunction: the credential's `test`, else the first node's `testedBy` function. */
export function credentialTestFunction(
	credentialType: ICredentialType,
	nodes: INodeType[] = NODES(),
): ICredentialTestFunction | 'declarative' | undefined {
	if (credentialType.test) return 'declarative';
	for (const node of nodes) {
		for (const { name, testedBy } of node.description.credentials ?? []) {
			if (name === credentialType.name && typeof testedBy === 'string')
				return node.methods?.credentialTest?.[testedBy];
		}
	}
	return undefined;
}

/** Every node of the package names the same test function for the credential. */
export function testFunctionsOfAllNodes(): Array<ICredentialTestFunction | undefined> {
	const type = new VonageMessagesApi();
	return NODES().map(
		(node) => credentialTestFunction(type, [node]) as ICredentialTestFunction | undefined,
	);
}

/** CredentialsTester.testCredentials for a function test: the decrypted credential, called on a CredentialTestContext. */
export async function testCredential(
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	bootEngine();
	const type = new VonageMessagesApi();
	const fn = credentialTestFunction(type);
	if (fn === undefined)
		return { status: 'Error', message: 'No testing function found for this credential.' };
	if (fn === 'declarative')
		throw new Error('the credential has a declarative test: this helper runs function tests only');
	const env = await createEnvironment([type], {});
	const context = new CredentialTestContext(additionalData(env, 'internal', workflowBase([], {})));
	return await fn.call(context, { id: 'credential-1', name: 'Vonage', type: type.name, data });
}
