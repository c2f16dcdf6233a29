import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyVap } from '../../helpers/people';
import type { CallOptions } from '../../transport/request';
import { fetchPeople, peopleDescription, preparePeople, type PeopleEndpoint, type PeoplePrepared } from '../people';

const VAP: PeopleEndpoint = {
	resource: 'vap',
	path: 'vap',
	totalKey: 'totalVapUsers',
	maxPageSize: 1000,
	defaultPageSize: 1000,
	simplify: simplifyVap,
};

export const description: INodeProperties[] = peopleDescription(VAP, 'Very Attacked Person', {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	default: 1000,
	typeOptions: { minValue: 1, maxValue: 1000 },
	description: 'Entries per request (at most 1000). Each request counts against the quota of 50 a day, so larger pages spend fewer.',
});

export function prepare(this: IExecuteFunctions, itemIndex: number): PeoplePrepared {
	return preparePeople(this, itemIndex, VAP);
}

export async function run(this: IExecuteFunctions, prepared: PeoplePrepared, options: CallOptions) {
	return await fetchPeople(this, VAP, prepared, options);
}
