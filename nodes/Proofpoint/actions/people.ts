import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pageSizeFor, pagesNeeded, shouldFetchPage } from '../helpers/peoplePaging';
import { checkInteger, describeValue, invalidInput, readInteger } from '../helpers/validate';
import { tapRequest } from '../transport/tap';
import type { CallOptions } from '../transport/request';
import type { PeopleApiUser } from '../types';
import { forOperation, optionsCollection, readLimit, returnAllAndLimit } from './common';

export const WINDOWS = [14, 30, 90];

export interface PeopleEndpoint {
	resource: 'vap' | 'topClicker';
	path: 'vap' | 'top-clickers';
	totalKey: 'totalVapUsers' | 'totalTopClickers';
	maxPageSize: number;
	defaultPageSize: number;
	simplify: (user: PeopleApiUser) => IDataObject;
}

export function peopleDescription(endpoint: PeopleEndpoint, what: string, pageSize: INodeProperties): INodeProperties[] {
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
		optionsCollection([pageSize]),
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
		pageSize: readInteger(context, itemIndex, 'options.pageSize', 'Page Size', 1, endpoint.maxPageSize, endpoint.defaultPageSize),
		simplify: context.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

export async function fetchPeople(
	context: IExecuteFunctions,
	endpoint: PeopleEndpoint,
	{ window, limit, pageSize: configured, simplify }: PeoplePrepared,
	options: CallOptions,
): Promise<IDataObject[]> {
	const pageSize = pageSizeFor(limit, configured);
	const collected: PeopleApiUser[] = [];
	let needed: number | undefined;
	for (let page = 1; ; page++) {
		const body = await tapRequest.call(
			context,
			{ path: ['v2', 'people', endpoint.path], qs: { window, size: pageSize, page }, target: { people: endpoint.path } },
			options,
		);
		const users = Array.isArray(body.users) ? (body.users as PeopleApiUser[]) : [];
		collected.push(...users);
		if (page === 1) {
			const total = Number(body[endpoint.totalKey]);
			needed = pagesNeeded(Number.isFinite(total) ? total : undefined, pageSize, limit);
		}
		if (!shouldFetchPage(page + 1, needed, users.length, pageSize, collected.length, limit)) break;
	}
	const wanted = limit === undefined ? collected : collected.slice(0, limit);
	return simplify ? wanted.map(endpoint.simplify) : wanted;
}
