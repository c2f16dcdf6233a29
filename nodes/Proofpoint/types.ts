import type { IDataObject } from 'n8n-workflow';

export const ESSENTIALS_USER_TYPES = [
	'oem_partner_admin',
	'strategic_partner_admin',
	'channel_admin',
	'organization_admin',
	'end_user',
	'silent_user',
	'functional_account',
] as const;

export type EssentialsUserType = (typeof ESSENTIALS_USER_TYPES)[number];

/** A user as the Essentials API returns it (booleans may arrive as strings). */
export interface EssentialsUser extends IDataObject {
	uid: number | string;
	primary_email: string;
	firstname?: string;
	surname?: string;
	alias_emails?: string[];
	type: string;
	is_active?: boolean | string;
	is_billable?: boolean | string;
	white_list_senders?: string[];
	black_list_senders?: string[];
}

/** One entry of the People API's `users` array (VAP or Top Clickers). */
export interface PeopleApiUser extends IDataObject {
	identity: {
		guid?: string;
		customerUserId?: string | null;
		emails?: string[];
		name?: string | null;
		department?: string | null;
		location?: string | null;
		title?: string | null;
		vip?: boolean;
	};
	threatStatistics?: { attackIndex?: number; families?: IDataObject[] };
	clickStatistics?: { clickCount?: number; families?: IDataObject[] };
}
