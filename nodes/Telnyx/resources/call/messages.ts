import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** A conversation transcript entered as a list (AI Gather history, assistant messages). */
export function messageListField(name: string, displayName: string, roles: string[], description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Message',
		description,
		options: [
			{
				displayName: 'Message',
				name: 'message',
				values: [
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: roles.map((role) => ({ name: role[0].toUpperCase() + role.slice(1), value: role })),
						default: 'user',
					},
					{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 2 }, default: '' },
				],
			},
		],
	};
}

export function messagesFrom(value: unknown): IDataObject[] {
	const entries = ((value as IDataObject | undefined)?.message ?? []) as Array<{ role: string; content: string }>;
	return entries.map(({ role, content }) => ({ role, content }));
}
