import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger, describeValue } from '../helpers/validate';
import { optionsCollection, returnAllAndLimit } from '../parameters/fields';
import { invalidInput, readInteger, readLimit } from '../parameters/read';
import { PEOPLE_WINDOWS, peopleOf, type PeopleApi } from '../transport/people';
import type { CallOptions } from '../transport/request';
import type { PeopleApiUser } from '../types';
import { forOperation } from './descriptions';

/** A People resource of the node over its endpoint; the largest page is also the default Page Size. */
export interface PeopleEndpoint extends PeopleApi {
	resource: 'vap' | 'topClicker';
	simplify: (user: PeopleApiUser) => IDataObject;
}

function pageSizeOption(max: number): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		default: max,
		typeOptions: { minValue: 1, maxValue: max },
		description: `Entries per request (at most ${max}). Each request counts against the quota of 50 a day, so larger pages spend fewer.`,
	};
}

export function peopleDescription(endpoint: PeopleEndpoint, what: string): INodeProperties[] {
	return forOperation(endpoint.resource, 'getAll', [
		{
			displayName: 'Window',
			name: 'window',
			type: 'options',
			options: PEOPLE_WINDOWS.map((days) => ({ name: `Last ${days} Days`, value: days })),
			default: 30,
			description: 'The period to report on',
		},
		...returnAllAndLimit(),
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: `Whether to return each ${what} as one flat item (email, name, department, …) instead of the raw API object`,
		},
		optionsCollection([pageSizeOption(endpoint.maxPageSize)]),
	]);
}

export interface PeoplePrepared {
	window: number;
	limit: number | undefined;
	pageSize: number;
	simplify: boolean;
}

export function preparePeople(context: IExecuteFunctions, itemIndex: number, endpoint: PeopleEndpoint): PeoplePrepared {
	const raw = context.getNodeParameter('window', itemIndex, 30);
	const window = checkInteger(raw, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
	if ('problem' in window || !PEOPLE_WINDOWS.includes(window.value)) {
		const given = 'problem' in window ? describeValue(raw) : window.value;
		throw invalidInput(context, itemIndex, 'Window', `must be 14, 30 or 90 days, but it is ${given}`, 'Choose Last 14, 30 or 90 Days; the People API accepts no other window.');
	}
	return {
		window: window.value,
		limit: readLimit(context, itemIndex),
		pageSize: readInteger(context, itemIndex, 'options.pageSize', 'Page Size', 1, endpoint.maxPageSize, endpoint.maxPageSize),
		simplify: context.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

export async function fetchPeople(
	context: IExecuteFunctions,
	endpoint: PeopleEndpoint,
	{ window, limit, pageSize, simplify }: PeoplePrepared,
	options: CallOptions,
): Promise<IDataObject[]> {
	const people = await peopleOf(context, endpoint, { window, limit, pageSize }, options);
	return simplify ? people.map(endpoint.simplify) : people;
}
