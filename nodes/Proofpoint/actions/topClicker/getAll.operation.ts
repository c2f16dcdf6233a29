import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyTopClicker } from '../../helpers/people';
import { TOP_CLICKERS_API } from '../../transport/people';
import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { fetchPeople, peopleDescription, preparePeople, type PeopleEndpoint, type PeoplePrepared } from '../people';

const TOP_CLICKERS: PeopleEndpoint = { ...TOP_CLICKERS_API, resource: 'topClicker', simplify: simplifyTopClicker };

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many top clickers',
	description: 'List the people who clicked most threats in the TAP People API (50 requests a day)',
	tool: "Lists TAP's Top Clickers over the last 14, 30 or 90 days, one item per person (email, name, department, vip, clickCount, families; the raw object with Simplify off). Each page of up to 200 (Page Size) is one of TAP's 50 Top Clickers requests a day; Limit (default 50) asks one page of that size. TAP credential only.",
};

export const description: INodeProperties[] = peopleDescription(TOP_CLICKERS, 'top clicker');

export function prepare(this: IExecuteFunctions, itemIndex: number): PeoplePrepared {
	return preparePeople(this, itemIndex, TOP_CLICKERS);
}

export async function run(this: IExecuteFunctions, prepared: PeoplePrepared, options: CallOptions) {
	return await fetchPeople(this, TOP_CLICKERS, prepared, options);
}
