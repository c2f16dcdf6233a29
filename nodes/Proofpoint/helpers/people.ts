import type { IDataObject } from 'n8n-workflow';

import type { PeopleApiUser } from '../types';

function familiesOf(families: unknown, valueKey: 'score' | 'clicks'): IDataObject {
	const result: IDataObject = {};
	if (!Array.isArray(families)) return result;
	for (const family of families as IDataObject[]) {
		if (family && typeof family.name === 'string') result[family.name] = family[valueKey] as number;
	}
	return result;
}

function identityFields(user: PeopleApiUser): IDataObject {
	const identity = user.identity ?? {};
	const emails = Array.isArray(identity.emails) ? identity.emails : [];
	return {
		email: emails[0] ?? null,
		emails,
		name: identity.name ?? null,
		department: identity.department ?? null,
		location: identity.location ?? null,
		title: identity.title ?? null,
		vip: identity.vip === true,
		guid: identity.guid ?? null,
		customerUserId: identity.customerUserId ?? null,
	};
}

/** A Very Attacked Person as one flat item (null identity fields may also be absent [I]). */
export function simplifyVap(user: PeopleApiUser): IDataObject {
	return {
		...identityFields(user),
		attackIndex: user.threatStatistics?.attackIndex ?? null,
		families: familiesOf(user.threatStatistics?.families, 'score'),
	};
}

export function simplifyTopClicker(user: PeopleApiUser): IDataObject {
	return {
		...identityFields(user),
		clickCount: user.clickStatistics?.clickCount ?? null,
		families: familiesOf(user.clickStatistics?.families, 'clicks'),
	};
}
