import type { IExecuteFunctions, INodeListSearchItems, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

export interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	/** The node's `methods.listSearch` entry that fills the list. */
	searchListMethod: string;
	/** Placeholder of the "By ID" box, e.g. "e.g. 1494404757140276705". */
	idPlaceholder: string;
	/** Label of the typed mode ("ID" by default; "Voice" for a voice string). */
	idLabel?: string;
	required?: boolean;
	/** The value preselected in the list (e.g. a default voice). */
	defaultValue?: string;
	displayOptions?: INodeProperties['displayOptions'];
}

/**
 * A picker: choose from the provider's list (searchable) or type the ID. A workflow saved
 * when the field was a plain text field keeps its string: n8n accepts a string where a
 * locator is expected, and `locatorValue` and `extractValue` both read it as the ID.
 */
export function locatorField(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: spec.defaultValue ?? '' },
		required: spec.required,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{ displayName: spec.idLabel ?? 'ID', name: 'id', type: 'string', placeholder: spec.idPlaceholder },
		],
		...(spec.displayOptions ? { displayOptions: spec.displayOptions } : {}),
	};
}

/** The ID in a locator value, or in the plain string an older workflow saved. */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value ?? '').trim();
	return value === undefined || value === null ? '' : String(value).trim();
}

/** A top-level locator parameter's ID for an item (plain strings from older workflows too). */
export function locatorParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return locatorValue(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }));
}

/** Keeps the entries whose name or value contains the search text (case-insensitive). */
export function matching(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const text = (filter ?? '').trim().toLowerCase();
	const results = text ? items.filter((item) => `${item.name} ${String(item.value)}`.toLowerCase().includes(text)) : items;
	return { results };
}
