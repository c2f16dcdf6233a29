import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyTopClicker } from '../../helpers/people';
import type { CallOptions } from '../../transport/request';
import { fetchPeople, peopleDescription, preparePeople, type PeopleEndpoint, type PeoplePrepared } from '../people';

const TOP_CLICKERS: PeopleEndpoint = {
	resource: 'topClicker',
	path: 'top-clickers',
	totalKey: 'totalTopClickers',
	maxPageSize: 200,
	defaultPageSize: 200,
	simplify: simplifyTopClicker,
};

export const description: INodeProperties[] = peopleDescription(TOP_CLICKERS, 'top clicker', {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	default: 200,
	typeOptions: { minValue: 1, maxValue: 200 },
	description: 'Entries per request (at most 200). Each request counts against the quota of 50 a day, so larger pages spend fewer.',
});

export function prepare(this: IExecuteFunctions, itemIndex: number): PeoplePrepared {
	return preparePeople(this, itemIndex, TOP_CLICKERS);
}

export async function run(this: IExecuteFunctions, prepared: PeoplePrepared, options: CallOptions) {
	return await fetchPeople(this, TOP_CLICKERS, prepared, options);
}
