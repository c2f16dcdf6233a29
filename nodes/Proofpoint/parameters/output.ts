import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { shapeAnswer, type OutputChoice, type OutputShape } from '../helpers/output';
import { invalidInput, type ParameterContext } from './read';

// Workflows saved before 1.2 had no Output choice and keep the full answer.
const FROM_V1_2 = { '@version': [{ _cnd: { gte: 1.2 } }] };

/** The Output choice of an operation whose answer has more than ten fields, and its Fields picker. */
export function outputFields(shape: OutputShape): INodeProperties[] {
	const ids = shape.ids.join(' and ');
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'Simplified', value: 'simplified', description: `${ids} and the ${shape.simplified.length} fields a person reads first` },
				{ name: 'Raw', value: 'raw', description: `Every field Proofpoint returns for the ${shape.what}` },
				{ name: 'Selected Fields', value: 'selected', description: `${ids} and the fields you pick` },
			],
			default: 'simplified',
			description: `What each ${shape.what} item holds: Simplified keeps an AI agent's context small`,
			displayOptions: { show: FROM_V1_2 },
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: shape.fields
				.filter((field) => !shape.ids.includes(field))
				.sort()
				.map((field) => ({ name: field, value: field })),
			default: [],
			required: true,
			description: `The fields each ${shape.what} item keeps, besides ${ids}, which are always kept`,
			displayOptions: { show: { ...FROM_V1_2, output: ['selected'] } },
		},
	];
}

export type Shaper = (answer: IDataObject) => IDataObject;

/** How an item's answers are shaped (undefined: kept whole, as Raw and nodes saved before 1.2 do); checked before any request. */
export function readOutput(context: ParameterContext, itemIndex: number, shape: OutputShape): Shaper | undefined {
	const choice = context.getNodeParameter('output', itemIndex, 'raw') as OutputChoice | string;
	if (choice === 'raw') return undefined;
	if (choice === 'simplified') return (answer) => shapeAnswer(shape, answer, 'simplified');
	if (choice !== 'selected') {
		throw invalidInput(context, itemIndex, 'Output', `is "${String(choice)}"`, `Set "Output" for item ${itemIndex} to simplified, raw or selected; no request was sent for it.`);
	}
	const selected = context.getNodeParameter('fields', itemIndex, []) as string[];
	if (!Array.isArray(selected) || selected.length === 0) {
		throw invalidInput(context, itemIndex, 'Fields', 'is empty', `Pick at least one field in "Fields" for item ${itemIndex}, or choose Output "Simplified"; no request was sent for it.`);
	}
	const unknown = selected.find((field) => !shape.fields.includes(field));
	if (unknown !== undefined) {
		throw invalidInput(context, itemIndex, 'Fields', `names "${unknown}", which is not a field of a ${shape.what}`, `Pick fields from the list in "Fields" for item ${itemIndex} (e.g. ${shape.simplified.slice(0, 3).join(', ')}); no request was sent for it.`);
	}
	return (answer) => shapeAnswer(shape, answer, 'selected', selected);
}
