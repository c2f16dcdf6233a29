import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger, describeValue } from '../helpers/validate';
import { collectPages } from '../transport/paging';
import { tapRequest } from '../transport/tap';
import type { CallOptions } from '../transport/request';
import type { PeopleApiUser } from '../types';
import { forOperation, optionsCollection, returnAllAndLimit } from './descriptions';
import { invalidInput, readInteger, readLimit } from './parameters';

export const WINDOWS = [14, 30, 90];

export interface PeopleEndpoint {
	resource: 'vap' | 'topClicker';
	path: 'vap' | 'top-clickers';
	totalKey: 'totalVapUsers' | 'totalTopClickers';
	/** The largest page the endpoint serves, also the default: larger pages spend fewer of the 50 requests a day. */
	maxPageSize: number;
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
			options: WINDOWS.map((days) => ({ name: `Last ${days} Days`, value: days })),
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
	if ('problem' in window || !WINDOWS.includes(window.value)) {
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
	const people = await collectPages<PeopleApiUser>(
		async (page, size) => {
			const body = await tapRequest.call(
				context,
				{ path: ['v2', 'people', endpoint.path], qs: { window, size, page }, target: { people: endpoint.path } },
				options,
			);
			const total = Number(body[endpoint.totalKey]);
			return {
				entries: Array.isArray(body.users) ? (body.users as PeopleApiUser[]) : [],
				total: Number.isFinite(total) ? total : undefined,
			};
		},
		{ limit, pageSize },
	);
	return simplify ? people.map(endpoint.simplify) : people;
}
