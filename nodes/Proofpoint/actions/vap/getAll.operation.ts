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
	tool: "Lists TAP's Very Attacked People over the last 14, 30 or 90 days, one item per person (email, name, department, vip, attackIndex, families; the raw object with Simplify off). Each page of up to 1,000 (Page Size) is one of TAP's 50 Very Attacked People requests a day; Limit (default 50) asks one page of that size. TAP credential only.",
};

export const description: INodeProperties[] = peopleDescription(VAP, 'Very Attacked Person');

export function prepare(this: IExecuteFunctions, itemIndex: number): PeoplePrepared {
	return preparePeople(this, itemIndex, VAP);
}

export async function run(this: IExecuteFunctions, prepared: PeoplePrepared, options: CallOptions) {
	return await fetchPeople(this, VAP, prepared, options);
}
