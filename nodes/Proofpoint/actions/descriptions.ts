import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation, ResourceOperations } from './operation';
import { toolProperties } from './tool';

/** Shows each property only for the given resource and operation (nodes-base's helper is not importable). */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const show: IDisplayOptions['show'] = {
			...property.displayOptions?.show,
			resource: [resource],
			operation: [operation],
		};
		return { ...property, displayOptions: { ...property.displayOptions, show } };
	});
}

/**
 * A resource's Operation selector, built from each operation's `option`, followed by every
 * operation's parameters and what it shows as an AI tool: adding an operation to a resource is adding it to `operations`.
 */
export function resourceDescription(
	resource: string,
	operations: ResourceOperations,
	defaultOperation: string,
): INodeProperties[] {
	const entries = Object.entries(operations) as Array<[string, Operation]>;
	const options: INodePropertyOptions[] = entries
		.map(([value, { option }]) => ({ name: option.name, value, action: option.action, description: option.description }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...entries.flatMap(([value, operation]) => [...operation.description, ...forOperation(resource, value, toolProperties(operation.option))]),
	];
}
