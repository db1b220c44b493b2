// Calls a node's loadOptions method as the n8n editor does: in n8n-core's LoadOptionsContext,
// with the harness's credentials and the package's node types from dist/.
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INode, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { HarnessCredentialsHelper } from '../harness/credentials-helper.cts';
import { additionalDataFor, buildWorkflow } from '../harness/engine.cts';
import { loadPackage } from '../harness/package.cts';

export async function loadOptions(
	node: INode,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<INodePropertyOptions[]> {
	const loader = await loadPackage();
	const workflow = await buildWorkflow({ nodes: [node] });
	const hooks = new ExecutionLifecycleHooks('manual', 'load-options', { id: 'harness', name: 'harness', nodes: [node], connections: {} } as never);
	const additionalData = additionalDataFor(hooks, new HarnessCredentialsHelper(loader, credentials));
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const type = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const run = type.methods?.loadOptions?.[method];
	if (!run) throw new Error(`${node.type} has no loadOptions method ${method}`);
	return await run.call(context);
}
