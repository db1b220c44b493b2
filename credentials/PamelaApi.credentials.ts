import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class PamelaApi implements ICredentialType {
	name = 'pamelaApi';

	displayName = 'Pamela API';

	icon: Icon = { light: 'file:../nodes/Pamela/pamela.svg', dark: 'file:../nodes/Pamela/pamela.dark.svg' };

	documentationUrl = 'https://docs.thisispamela.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'pk_live_…',
			description: 'The key from the Pamela developer portal (API settings → Create API key); it starts with pk_live_',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The webhook secret from the Pamela partner portal or project settings. The Pamela Trigger needs it to verify the X-Pamela-Signature of each webhook.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.thisispamela.com',
			description: 'Change only to use a proxy or a test server. The API path /api/b2b/v1 is added by the node.',
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
			baseURL: '={{(String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://api.thisispamela.com") + "/api/b2b/v1"}}',
			url: '/calls',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Pamela refused the API key (error 1002). Check that it starts with pk_live_ and is active.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The key is valid but the API subscription is missing or expired (error 1005/7008).' },
			},
		],
	};
}
