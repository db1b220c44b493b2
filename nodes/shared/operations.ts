import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * One scheme for operation values across the three nodes: the operation's name in camelCase
 * ("Place Call" → `placeCall`, "Hang Up" → `hangUp`, "Get Many" → `getMany`); operations that
 * only one provider has keep that provider's command name (`gatherUsingAi`, `playbackStart`).
 *
 * Values renamed to follow it stay valid in saved workflows: `aliases` maps an old value to
 * its current one. Version 1 of a node lists the old values in its Operation dropdown (so a
 * saved workflow opens without a "value not supported" issue), version 2 the current ones;
 * every field shown for a current value is shown for its old value too, and the router runs
 * the current value's code for both.
 */
export type OperationAliases = Record<string, string>;

/** The current value of a possibly old operation value. */
export function currentOperation(operation: string, aliases: OperationAliases): string {
	return aliases[operation] ?? operation;
}

function oldValuesOf(value: string, aliases: OperationAliases): string[] {
	return Object.keys(aliases).filter((old) => aliases[old] === value);
}

/** A displayOptions condition on `operation` that also matches the old values of its current ones. */
function widen(values: unknown, aliases: OperationAliases): unknown {
	if (!Array.isArray(values)) return values;
	const extra = values.flatMap((value) => (typeof value === 'string' ? oldValuesOf(value, aliases) : []));
	return extra.length ? [...values, ...extra.filter((old) => !values.includes(old))] : values;
}

function widenProperty(property: INodeProperties, aliases: OperationAliases): INodeProperties {
	const display = property.displayOptions;
	if (!display) return property;
	const widened = { ...display };
	for (const kind of ['show', 'hide'] as const) {
		const conditions = display[kind];
		if (!conditions) continue;
		widened[kind] = { ...conditions };
		for (const key of ['operation', '/operation']) {
			if (conditions[key]) widened[kind]![key] = widen(conditions[key], aliases) as never;
		}
	}
	return { ...property, displayOptions: widened };
}

/** The node's properties with every `operation` condition matching old values as well. */
export function withOperationAliases(properties: INodeProperties[], aliases: OperationAliases): INodeProperties[] {
	return properties.map((property) => (property.name === 'operation' ? property : widenProperty(property, aliases)));
}

/**
 * The Operation dropdown of one resource in two versions: version 1 with the values saved
 * before the rename, version 2 with the current values.
 */
export function versionedOperation(operation: INodeProperties, aliases: OperationAliases): INodeProperties[] {
	const show = operation.displayOptions?.show ?? {};
	const reverse = (value: string) => oldValuesOf(value, aliases)[0] ?? value;
	const options = (operation.options ?? []) as INodePropertyOptions[];
	if (!options.some((option) => oldValuesOf(String(option.value), aliases).length)) return [operation];
	return [
		{
			...operation,
			options: options.map((option) => ({ ...option, value: reverse(String(option.value)) })),
			default: reverse(String(operation.default)),
			displayOptions: { show: { ...show, '@version': [1] } },
		},
		{ ...operation, displayOptions: { show: { ...show, '@version': [2] } } },
	];
}

/**
 * The canvas subtitle: the chosen operation's action ("Place a call"), for old values too,
 * instead of the internal value. `operations` are the Operation properties of every resource.
 */
export function operationSubtitle(operations: INodeProperties[], aliases: OperationAliases = {}): string {
	const names: Record<string, string> = {};
	for (const property of operations) {
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			const label = option.action ?? option.name;
			for (const resource of resources) {
				names[`${resource}.${option.value}`] = label;
				for (const old of oldValuesOf(String(option.value), aliases)) names[`${resource}.${old}`] = label;
			}
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"] }}`;
}
