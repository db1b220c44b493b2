import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class TelnyxApi implements ICredentialType {
	name = 'telnyxApi';

	displayName = 'Telnyx API';

	icon: Icon = { light: 'file:../nodes/Telnyx/telnyx.svg', dark: 'file:../nodes/Telnyx/telnyx.dark.svg' };

	documentationUrl = 'https://developers.telnyx.com/development/api-fundamentals/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'KEY…',
			description: 'A v2 API key from the Telnyx portal (Account Settings → Keys & Credentials); it starts with KEY',
		},
		{
			displayName: 'Webhook Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3S3wVbXm0/4v6e8cTx0VyT8bQn0Ssf9yxsFQUo2wq4Y=',
			description:
				'The base64 Ed25519 public key from the Telnyx portal (Account Settings → Keys & Credentials → Public Key). The Telnyx Trigger needs it to verify that webhooks come from Telnyx.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.telnyx.com/v2',
			description: 'Change only to use a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// The nodes' rule (nodes/shared/baseUrl.ts): trimmed, empty means the default, no trailing slash.
			baseURL: '={{String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://api.telnyx.com/v2"}}',
			url: '/balance',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Telnyx refused the API key (error 10009). Copy a v2 key from the portal.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API key is valid but lacks permission to read the balance.' },
			},
		],
	};
}
