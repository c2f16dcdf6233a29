import type { IDataObject } from 'n8n-workflow';

import { asBoolean } from './coerce';

export interface LicenceUsage {
	licenses: number | null;
	package: string | null;
	users: number;
	byType: Record<string, number>;
	active: number;
	inactive: number;
	/** Active, billable and not a functional account: what the licences pay for. */
	billable: number;
	functionalAccounts: number;
	/** Licences minus billable users: positive, licences paid for and unused; negative, users beyond them. */
	difference: number | null;
	licensing: 'over-licensed' | 'under-licensed' | 'exact' | 'unknown';
}

const asCount = (value: unknown) => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
};

/** An organization's licences against its users, counted as Proofpoint bills them [I: active, billable, not functional]. */
export function licenceUsage(licensing: IDataObject, users: readonly IDataObject[]): LicenceUsage {
	const byType: Record<string, number> = {};
	let active = 0;
	let billable = 0;
	for (const user of users) {
		const type = String(user.type ?? 'unknown');
		byType[type] = (byType[type] ?? 0) + 1;
		const isActive = asBoolean(user.is_active) !== false;
		if (isActive) active++;
		if (isActive && asBoolean(user.is_billable) !== false && type !== 'functional_account') billable++;
	}
	const licenses = asCount(licensing.license_count);
	const difference = licenses === null ? null : licenses - billable;
	return {
		licenses,
		package: typeof licensing.package === 'string' ? licensing.package : null,
		users: users.length,
		byType,
		active,
		inactive: users.length - active,
		billable,
		functionalAccounts: byType.functional_account ?? 0,
		difference,
		licensing: difference === null ? 'unknown' : difference > 0 ? 'over-licensed' : difference < 0 ? 'under-licensed' : 'exact',
	};
}
