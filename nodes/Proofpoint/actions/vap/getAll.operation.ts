import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyVap } from '../../helpers/people';
import { VAP_API } from '../../transport/people';
import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { fetchPeople, peopleDescription, preparePeople, type PeopleEndpoint, type PeoplePrepared } from '../people';

const VAP: PeopleEndpoint = { ...VAP_API, resource: 'vap', simplify: simplifyVap };

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many very attacked people',
	description: 'List the most attacked people in the TAP People API (50 requests a day)',
};

export const description: INodeProperties[] = peopleDescription(VAP, 'Very Attacked Person');

export function prepare(this: IExecuteFunctions, itemIndex: number): PeoplePrepared {
	return preparePeople(this, itemIndex, VAP);
}

export async function run(this: IExecuteFunctions, prepared: PeoplePrepared, options: CallOptions) {
	return await fetchPeople(this, VAP, prepared, options);
}
