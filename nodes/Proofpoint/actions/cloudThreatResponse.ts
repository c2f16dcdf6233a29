import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkCtrId, type Order } from '../helpers/ctr';
import type { TimeRange } from '../helpers/timeRange';
import { timeRangeFields } from '../parameters/fields';
import { hintClamping, invalidInput, readTimeRange, valueOrRefuse, type ParameterContext } from '../parameters/read';
import { CTR_CALLS_PER_MINUTE } from '../transport/threatProtection';

/*
 * Fields the Cloud Threat Response resources (Incident, Message, Remediation Workflow) share, and their readers.
 */

/** What a call spends, as a tool's text says it: the credential's CTR Calls per Minute is shared by every run on it. */
export const CTR_CALLS_SPENT = `of the credential's Cloud Threat Response rate (${CTR_CALLS_PER_MINUTE} calls a minute unless changed)`;

export const UUID_EXAMPLE = 'a UUID such as 3f2b6c1e-8a4d-4e7b-9c0a-5d1e2f3a4b5c';

/** An id that goes into a CTR path, checked before any request: the item's error names the field. */
export function readCtrId(context: ParameterContext, itemIndex: number, name: string, field: string, example = UUID_EXAMPLE): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return valueOrRefuse(context, itemIndex, field, checkCtrId(value, example));
}

// CTR keeps incidents and messages for a span that is not public [?]: no start is refused for being too old.
const CTR_RANGE_RULES = { minMs: 1000, keeper: 'Cloud Threat Response' };

/** The Time Range fields, with Any Time (no time filter) first; `by` says which time the API filters on. */
export function ctrTimeRangeFields(what: string, by: string, defaultMode: 'any' | 'last'): INodeProperties[] {
	return timeRangeFields(what, `by ${by}`).map((field) => {
		if (field.name === 'timeRange') {
			return { ...field, options: [{ name: 'Any Time', value: 'any', description: 'No time filter' }, ...(field.options ?? [])], default: defaultMode };
		}
		if (field.name === 'lastAmount') return { ...field, default: 7 };
		if (field.name === 'lastUnit') return { ...field, default: 'days' };
		return field;
	});
}

/** The item's Time Range, or undefined for Any Time; refused before any request when it cannot be asked for. */
export function readCtrRange(context: IExecuteFunctions, itemIndex: number): TimeRange | undefined {
	if (context.getNodeParameter('timeRange', itemIndex, 'any') === 'any') return undefined;
	const fitted = readTimeRange(context, itemIndex, CTR_RANGE_RULES);
	hintClamping(context, itemIndex, fitted, CTR_RANGE_RULES);
	return fitted.range;
}

/** The Simplify switch: the fields a SOC reads (listed in `fields`), or the API's object. */
export function simplifyField(fields: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a flat item with the fields a SOC reads (${fields}) instead of the raw API object`,
	};
}

export function readSimplify(context: ParameterContext, itemIndex: number): boolean {
	return context.getNodeParameter('simplify', itemIndex, true) !== false;
}

/** Options → Order: newest first (the API's default) or oldest first, by the time the search sorts on. */
export function orderOption(by: string): INodeProperties {
	return {
		displayName: 'Order',
		name: 'order',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'newest' },
			{ name: 'Oldest First', value: 'oldest' },
		],
		default: 'newest',
		description: `In which order of ${by} to read, which also decides what a Limit keeps`,
	};
}

export function readOrder(context: ParameterContext, itemIndex: number): Order {
	const order = (context.getNodeParameter('options', itemIndex, {}) as IDataObject).order ?? 'newest';
	if (order !== 'newest' && order !== 'oldest') {
		throw invalidInput(context, itemIndex, 'Order', `"${String(order)}" is not a choice`, 'Choose Newest First or Oldest First.');
	}
	return order;
}

/** A multi-select's values (from the panel or an expression's list), each one of `allowed`. */
export function readChoices<T extends string>(context: ParameterContext, itemIndex: number, value: unknown, field: string, allowed: readonly T[]): T[] {
	if (value === undefined || value === null || value === '') return [];
	const values = Array.isArray(value) ? value : String(value).split(',').map((entry) => entry.trim()).filter(Boolean);
	for (const entry of values) {
		if (!(allowed as readonly unknown[]).includes(entry)) {
			throw invalidInput(context, itemIndex, field, `has "${String(entry)}", which is not one of its choices`, `Choose from ${allowed.join(', ')}.`);
		}
	}
	return [...new Set(values as T[])];
}
