// Calls a node's listSearch method (the list of a resource locator) as the n8n editor does:
// in n8n-core's LoadOptionsContext with the node's current parameters, the harness's
// credentials and the package's node types from dist/.
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INode, INodeListSearchResult, INodeType } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper.cts';
import { additionalDataFor, buildWorkflow } from './engine.cts';
import { loadPackage } from './package.cts';

export async function listSearch(
	node: INode,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const loader = await loadPackage();
	const workflow = await buildWorkflow({ nodes: [node] });
	const hooks = new ExecutionLifecycleHooks('manual', 'list-search', { id: 'harness', name: 'harness', nodes: [node], connections: {} } as never);
	const additionalData = additionalDataFor(hooks, new HarnessCredentialsHelper(loader, credentials));
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const run = type.methods?.listSearch?.[method];
	if (!run) throw new Error(`${node.type} has no listSearch method ${method}`);
	return await run.call(context, filter, paginationToken);
}
