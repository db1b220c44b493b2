// Credentials for harness runs: plain values by credential type, authenticated with the
// credential class's own `authenticate` block resolved by n8n-workflow's expression engine.
import {
	Expression,
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';
import { Credentials } from 'n8n-core';
import type { PackageDirectoryLoader } from 'n8n-core';

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly values: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.loader.getCredential(type).type.properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		_workflow?: Workflow,
		_node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.loader.getCredential(typeName).type;
		const auth = type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (!auth || auth.type !== 'generic') return requestOptions;
		// As n8n's CredentialsHelper does: `={{$credentials.x}}` resolved against the credential's values.
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: credentials })
				: value;
		for (const [section, entries] of Object.entries(auth.properties) as Array<[keyof IHttpRequestOptions, Record<string, unknown>]>) {
			const target = ((requestOptions as unknown as Record<string, Record<string, unknown>>)[section] ??= {});
			for (const [key, value] of Object.entries(entries)) target[key] = resolve(value);
		}
		return requestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.loader.getCredential(type).type.properties;
		const defaults = Object.fromEntries(properties.map((p) => [p.name, p.default]));
		const values = this.values[type];
		if (!values) throw new Error(`The harness has no credentials of type "${type}"`);
		return { ...defaults, ...values } as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, '', '');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getOAuth2Options(): undefined {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
