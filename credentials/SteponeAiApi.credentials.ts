import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SteponeAiApi implements ICredentialType {
	name = 'steponeAiApi';

	displayName = 'Stepone AI API';

	icon: Icon = { light: 'file:../nodes/SteponeAi/steponeAi.svg', dark: 'file:../nodes/SteponeAi/steponeAi.dark.svg' };

	documentationUrl = 'https://open-skill.steponeai.com/keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'sk_…',
			description: 'The key from the Stepone AI console (open-skill.steponeai.com/keys)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://open-skill-api.steponeai.com',
			description: 'Change only to use a proxy or a test server',
		},
		{
			displayName: 'Skill Version',
			name: 'skillVersion',
			type: 'string',
			default: '1.0.0',
			description:
				'Sent as the X-Skill-Version header. Stepone answers HTTP 426 when it no longer accepts this version; set the version it asks for here.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
				'X-Skill-Version': '={{$credentials.skillVersion || "1.0.0"}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// The nodes' rule (nodes/shared/baseUrl.ts): trimmed, empty means the default, no trailing slash.
			baseURL: '={{String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://open-skill-api.steponeai.com"}}',
			url: '/api/v1/callinfo/balance',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Stepone AI refused the API key. Copy it again from open-skill.steponeai.com/keys.' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 426,
					message: 'Stepone AI no longer accepts this Skill Version (HTTP 426). Set the version it asks for in the credential.',
				},
			},
		],
	};
}
