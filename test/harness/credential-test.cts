// Runs a credential's `test` request the way n8n's credentials tester does: a temporary
// node whose only property routes the test request, executed by n8n-core's RoutingNode.
import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper.cts';
import { additionalDataFor } from './engine.cts';
import { loadPackage } from './package.cts';
import { ExecutionLifecycleHooks } from 'n8n-core';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(type: string, values: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const loader = await loadPackage();
	const credential = loader.getCredential(type).type;
	const testRequest = credential.test;
	if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.' };

	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	} as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'harness', name: 'harness' } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const helper = new HarnessCredentialsHelper(loader, { [type]: values });
	const additionalData = additionalDataFor(new ExecutionLifecycleHooks('internal', 'credential-test', {} as never), helper);
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const credentialsDecrypted = { id: 'harness', name: 'harness', type, data: { ...defaults(credential.properties), ...values } };
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			const rule = testRequest.rules?.find((r) => r.type === 'responseCode' && r.properties.value === cause.response!.status);
			if (rule && rule.type === 'responseCode') return { status: 'Error', message: rule.properties.message };
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function defaults(properties: Array<{ name: string; default: unknown }>): ICredentialDataDecryptedObject {
	return Object.fromEntries(properties.map((p) => [p.name, p.default])) as ICredentialDataDecryptedObject;
}
