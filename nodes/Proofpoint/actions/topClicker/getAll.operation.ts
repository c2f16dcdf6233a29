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
};

export const description: INodeProperties[] = peopleDescription(TOP_CLICKERS, 'top clicker');

export function prepare(this: IExecuteFunctions, itemIndex: number): PeoplePrepared {
	return preparePeople(this, itemIndex, TOP_CLICKERS);
}

export async function run(this: IExecuteFunctions, prepared: PeoplePrepared, options: CallOptions) {
	return await fetchPeople(this, TOP_CLICKERS, prepared, options);
}
