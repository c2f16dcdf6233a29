import type { IDataObject } from 'n8n-workflow';

/**
 * What an answer of an operation with an Output choice looks like: which fields identify it (kept
 * whatever is chosen), which fields Simplified keeps, and which fields Selected Fields offers.
 */
export interface OutputShape {
	/** What the answer is, for the Fields picker's wording ("user", "organization"). */
	what: string;
	ids: string[];
	simplified: string[];
	/** Every field the API documents, in its order; Selected Fields picks among them. */
	fields: string[];
	/** A field the API may also send under another name [X in the reference]: either name is taken. */
	alsoNamed?: Record<string, string>;
	/** A field Simplified shortens (a list of domain objects to their names). */
	shorten?: Record<string, (value: unknown) => unknown>;
}

export type OutputChoice = 'simplified' | 'raw' | 'selected';

/** The answer's value of a field, under its documented name or the other one the API may use. */
function valueOf(shape: OutputShape, answer: IDataObject, field: string): unknown {
	if (answer[field] !== undefined) return answer[field];
	const other = shape.alsoNamed?.[field];
	return other === undefined ? undefined : answer[other];
}

/** The named fields of one answer, in the given order; a field the answer lacks is left out, not set to null. */
function pick(shape: OutputShape, answer: IDataObject, fields: string[], shorten: boolean): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) {
		const value = valueOf(shape, answer, field);
		if (value === undefined) continue;
		const shortener = shorten ? shape.shorten?.[field] : undefined;
		picked[field] = (shortener ? shortener(value) : value) as IDataObject[string];
	}
	return picked;
}

/** The fields an item keeps for a choice: the ids first, then the chosen ones, each once. */
function keptFields(shape: OutputShape, choice: OutputChoice, selected: string[] = []): string[] | undefined {
	if (choice === 'raw') return undefined;
	const chosen = choice === 'simplified' ? shape.simplified : selected;
	return [...new Set([...shape.ids, ...chosen])];
}

/** Shapes one answer for the chosen Output; Raw gives back the answer itself. */
export function shapeAnswer(shape: OutputShape, answer: IDataObject, choice: OutputChoice, selected: string[] = []): IDataObject {
	const fields = keptFields(shape, choice, selected);
	return fields ? pick(shape, answer, fields, choice === 'simplified') : answer;
}

/** Domain objects (`{name, is_active, …}`) as their names, for a simplified organization. */
export const domainNames = (value: unknown): unknown =>
	Array.isArray(value) ? value.map((domain) => ((domain as IDataObject)?.name ?? domain) as unknown) : value;

export const USER_OUTPUT: OutputShape = {
	what: 'user',
	ids: ['uid', 'primary_email'],
	simplified: ['firstname', 'surname', 'type', 'is_active', 'is_billable', 'alias_emails'],
	fields: [
		'uid',
		'primary_email',
		'firstname',
		'surname',
		'alias_emails',
		'type',
		'is_active',
		'is_billable',
		'read_only_user',
		'white_list_senders',
		'black_list_senders',
		'odin_settings',
	],
	// One source names the sender lists safe_list_senders / block_list_senders [X].
	alsoNamed: { white_list_senders: 'safe_list_senders', black_list_senders: 'block_list_senders' },
};

export const ORGANIZATION_OUTPUT: OutputShape = {
	what: 'organization',
	ids: ['eid', 'primary_domain'],
	simplified: ['name', 'is_active', 'licensing_package', 'is_on_trial', 'user_licenses', 'active_users', 'when_renewal', 'domains'],
	fields: [
		'eid',
		'name',
		'primary_domain',
		'type',
		'is_active',
		'licensing_package',
		'is_on_trial',
		'user_licenses',
		'active_users',
		'when_renewal',
		'www',
		'address',
		'postcode',
		'stateprov',
		'country',
		'phone',
		'admin_user',
		'domains',
		'outgoing_servers',
		'white_list_senders',
		'black_list_senders',
		'send_welcome_email',
	],
	alsoNamed: { white_list_senders: 'safe_list_senders', black_list_senders: 'block_list_senders' },
	shorten: { domains: domainNames },
};
