import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../shared/locator';

/** Pickers of the Telnyx node; their lists come from methods/listSearch.ts. */
export function connectionField(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return locatorField({
		displayName: 'Connection',
		name: 'connectionId',
		searchListMethod: 'searchConnections',
		idPlaceholder: 'e.g. 1494404757140276705',
		required: true,
		description: 'The Call Control application (Telnyx portal → Voice → Programmable Voice) the call belongs to',
		displayOptions,
	});
}

export function fromField(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		...locatorField({
			displayName: 'From',
			name: 'from',
			searchListMethod: 'searchPhoneNumbers',
			idPlaceholder: 'e.g. +14155550100',
			required: true,
			description: 'Your Telnyx number shown as caller ID; the list shows the numbers on the chosen Connection',
			displayOptions,
		}),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', placeholder: 'Select a number...', typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true } },
			{ displayName: 'Number', name: 'id', type: 'string', placeholder: 'e.g. +14155550100' },
		],
	};
}

export function assistantField(required: boolean, displayName: string, description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return locatorField({
		displayName,
		name: 'assistantId',
		searchListMethod: 'searchAssistants',
		idPlaceholder: 'e.g. assistant-2a8a396c-8c4b-4b8e-9d3e-1c5f1a2b3c4d',
		required,
		description,
		displayOptions,
	});
}
