// Loads the package from the repository root exactly as n8n loads a community package:
// n8n-core's PackageDirectoryLoader reads package.json's `n8n` field and requires dist/.
import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BASE_NODE_STAND_INS } from './base-nodes.cts';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-ai-calls';

let loading: Promise<PackageDirectoryLoader> | undefined;

/** The package's loader, loaded once per test file from dist/ (run `npm run build` first). */
export function loadPackage(): Promise<PackageDirectoryLoader> {
	loading ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return loading;
}

/** Node types by their full name (`n8n-nodes-ai-calls.telnyx`), as workflows refer to them. */
export class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	private shortName(type: string): string {
		const prefix = `${PACKAGE_NAME}.`;
		if (!type.startsWith(prefix)) throw new Error(`Unknown node type "${type}": the harness only loads ${PACKAGE_NAME}`);
		return type.slice(prefix.length);
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		// A few n8n-nodes-base nodes the examples use, as stand-ins (base-nodes.cts).
		if (BASE_NODE_STAND_INS[type]) return BASE_NODE_STAND_INS[type];
		return this.loader.getNode(this.shortName(type)).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return Object.fromEntries(
			Object.entries(this.loader.known.nodes).map(([name, info]) => [`${PACKAGE_NAME}.${name}`, info]),
		);
	}
}

export async function credentialType(name: string): Promise<ICredentialType> {
	return (await loadPackage()).getCredential(name).type;
}
