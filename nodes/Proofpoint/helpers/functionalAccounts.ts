import type { IDataObject } from 'n8n-workflow';

import type { EssentialsUser } from '../types';

/** One HR record with a usable email, normalised for comparison. */
export interface HrRecord {
	/** Trimmed, lower-case. */
	email: string;
	/** Trimmed, lower-case; '' when there is no status field or no value. */
	status: string;
	/** Index of the input item the record came from. */
	itemIndex: number;
}

export interface HrFieldMapping {
	/** Field holding the work email; a dotted path (`work.email`) is allowed. */
	emailField: string;
	/** Field holding the employment status; a dotted path is allowed. */
	statusField?: string;
}

export interface HrReadResult {
	records: HrRecord[];
	/** Indexes of the input items that had no usable email. */
	blank: number[];
}

export interface FunctionalAccountsGuard {
	/** 0..1; fewer in-scope candidates found in HR than this share → refusal. 0 turns the check off. */
	minMatchShare: number;
	/** More planned changes than this → refusal. 0 turns the check off. */
	maxChanges: number;
	/** 0..1; a larger share of the in-scope candidates planned → refusal. 0 turns the check off. */
	maxChangeShare: number;
}

export interface FunctionalAccountsOptions {
	/** HR statuses meaning "has left", compared trimmed and lower-case. Default DEFAULT_LEFT_STATUSES. */
	leftStatuses?: string[];
	/** User types that may be changed. Default DEFAULT_USER_TYPES. */
	userTypes?: string[];
	/** Emails or `*@domain` patterns never changed, case-insensitive. */
	exclusions?: string[];
	/** Missing values fall back to DEFAULT_GUARD. */
	guard?: Partial<FunctionalAccountsGuard>;
	/** Items readHrRecords found blank; only reported in the figures. */
	blankHrRecords?: number;
	/** The HR email field as the user typed it; only used in refusal hints. */
	emailField?: string;
	/** Also make functional accounts whose email is back in HR, not in a left status, end users again. */
	restoreReturning?: boolean;
}

export const FUNCTIONAL_ACCOUNT_TYPE = 'functional_account';

/** What a returning employee's functional account becomes again. */
export const RESTORED_TYPE = 'end_user';

export type FunctionalAccountReason = 'not in HR' | `left: ${string}` | 'back in HR';

export interface PlannedFunctionalAccountChange {
	/** The user's primary email as Proofpoint holds it (trimmed). */
	email: string;
	uid: number | string;
	reason: FunctionalAccountReason;
	previousType: string;
	newType: typeof FUNCTIONAL_ACCOUNT_TYPE | typeof RESTORED_TYPE;
	/** The HR record that caused a `left: …` or `back in HR` change; undefined for 'not in HR'. */
	sourceItemIndex?: number;
	/** Whether the user counted towards licences before the change (a functional account does not). */
	wasBillable: boolean;
	/** The user object from the list, not a copy: spread it to build the PUT body. */
	user: EssentialsUser;
}

export interface FunctionalAccountsFigures {
	/** HR records with a usable email, duplicates included. */
	hrRecords: number;
	hrUniqueEmails: number;
	blankHrRecords?: number;
	proofpointUsers: number;
	/** Users whose type is in userTypes (functional accounts never count). */
	inScopeUsers: number;
	/** In-scope users matching an exclusion. */
	excludedUsers: number;
	/** Users of any type that already are functional accounts. */
	alreadyFunctional: number;
	/** In-scope, not excluded, with at least one email: the users a plan may change. */
	inScopeCandidates: number;
	/** Candidates whose primary email or any alias is in HR, whatever the status. */
	matchedInScope: number;
	/** matchedInScope / inScopeCandidates; 0 when there are no candidates. */
	matchShare: number;
	planned: number;
	/** planned / inScopeCandidates; 0 when there are no candidates. */
	plannedShare: number;
	/** Of the planned, functional accounts of employees back in HR that become end users again. */
	plannedRestores: number;
	/** Of the planned, billable users that become functional accounts: licences freed. */
	billableToFunctional: number;
}

export type FunctionalAccountsRefusalCode =
	| 'EMPTY_HR_LIST'
	| 'LOW_MATCH_SHARE'
	| 'TOO_MANY_CHANGES'
	| 'TOO_LARGE_SHARE';

export interface FunctionalAccountsRefusal {
	code: FunctionalAccountsRefusalCode;
	message: string;
	hint: string;
}

export interface FunctionalAccountsPlan {
	changes: PlannedFunctionalAccountChange[];
	figures: FunctionalAccountsFigures;
	/** Set when a guard tripped; the changes are still listed so they can be reviewed. */
	refusal?: FunctionalAccountsRefusal;
}

export const DEFAULT_LEFT_STATUSES: readonly string[] = ['terminated'];

export const DEFAULT_USER_TYPES: readonly string[] = ['end_user'];

export const DEFAULT_GUARD: Readonly<FunctionalAccountsGuard> = {
	minMatchShare: 0.5,
	maxChanges: 100,
	maxChangeShare: 0.1,
};

/** The option names the refusal hints point at; the node's parameters use the same names. */
export const GUARD_OPTION_NAMES: Readonly<Record<keyof FunctionalAccountsGuard, string>> = {
	minMatchShare: 'Minimum Match Share',
	maxChanges: 'Maximum Changes',
	maxChangeShare: 'Maximum Change Share',
};

/** Trimmed and lower-case; '' for anything that is not a string. */
export function normaliseEmail(value: unknown): string {
	return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** One `@` with text on both sides and no whitespace: enough to compare, not an RFC check. */
export function isUsableEmail(email: string): boolean {
	return /^[^\s@]+@[^\s@]+$/.test(email);
}

/** A field of an item: a key holding the whole path (`"work.email"` from a CSV header) wins over walking the dots. */
export function readField(json: IDataObject, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(json, path)) return json[path];
	let current: unknown = json;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function normaliseStatus(value: unknown): string {
	if (typeof value === 'string') return value.trim().toLowerCase();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

/**
 * HR items → records. Every item with a usable email becomes a record (duplicates kept;
 * planFunctionalAccounts decides between them); the rest are reported as blank.
 */
export function readHrRecords(
	items: ReadonlyArray<{ json: IDataObject }>,
	mapping: HrFieldMapping,
): HrReadResult {
	const emailField = mapping.emailField.trim();
	const statusField = mapping.statusField?.trim() ?? '';
	const records: HrRecord[] = [];
	const blank: number[] = [];
	items.forEach((item, itemIndex) => {
		const json = item?.json ?? {};
		const email = emailField === '' ? '' : normaliseEmail(readField(json, emailField));
		if (!isUsableEmail(email)) {
			blank.push(itemIndex);
			return;
		}
		const status = statusField === '' ? '' : normaliseStatus(readField(json, statusField));
		records.push({ email, status, itemIndex });
	});
	return { records, blank };
}

export interface CompiledExclusions {
	emails: Set<string>;
	/** Domains from `*@domain` patterns. */
	domains: Set<string>;
	/** Entries that are neither an email nor a `*@domain` pattern (they would match nothing). */
	invalid: string[];
}

export function compileExclusions(exclusions: readonly string[]): CompiledExclusions {
	const compiled: CompiledExclusions = { emails: new Set(), domains: new Set(), invalid: [] };
	for (const entry of exclusions) {
		const value = normaliseEmail(entry);
		if (value === '') continue;
		if (value.startsWith('*@') && isUsableEmail(`x${value.slice(1)}`)) {
			compiled.domains.add(value.slice(2));
		} else if (isUsableEmail(value)) {
			compiled.emails.add(value);
		} else {
			compiled.invalid.push(String(entry));
		}
	}
	return compiled;
}

/** Whether any of the emails (a primary and its aliases) is excluded; `*@domain` matches that domain exactly. */
export function matchesExclusion(
	emailOrAliases: readonly string[],
	exclusions: readonly string[] | CompiledExclusions,
): boolean {
	const compiled = isCompiled(exclusions) ? exclusions : compileExclusions(exclusions);
	return emailOrAliases.some((raw) => {
		const email = normaliseEmail(raw);
		if (email === '') return false;
		if (compiled.emails.has(email)) return true;
		return compiled.domains.has(email.slice(email.lastIndexOf('@') + 1));
	});
}

function isCompiled(value: readonly string[] | CompiledExclusions): value is CompiledExclusions {
	return !Array.isArray(value);
}

/** The user's primary email and aliases, normalised, without blanks or repeats. */
export function userEmails(user: EssentialsUser): string[] {
	const aliases = Array.isArray(user.alias_emails) ? user.alias_emails : [];
	const emails = [user.primary_email, ...aliases].map(normaliseEmail).filter((e) => e !== '');
	return [...new Set(emails)];
}

/** Guard values with defaults filled in; throws when a value is outside its range. */
export function resolveGuard(guard: Partial<FunctionalAccountsGuard> = {}): FunctionalAccountsGuard {
	const resolved = { ...DEFAULT_GUARD, ...stripUndefined(guard) };
	for (const key of ['minMatchShare', 'maxChangeShare'] as const) {
		const value = resolved[key];
		if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
			throw new Error(
				`${GUARD_OPTION_NAMES[key]} must be a share between 0 and 1 (0 turns the check off), got ${String(value)}`,
			);
		}
	}
	const max = resolved.maxChanges;
	if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) {
		throw new Error(
			`${GUARD_OPTION_NAMES.maxChanges} must be a whole number of 0 or more (0 turns the check off), got ${String(max)}`,
		);
	}
	return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isPrepared(options: FunctionalAccountsOptions | PreparedPlanOptions): options is PreparedPlanOptions {
	return options.leftStatuses instanceof Set;
}

function normaliseList(values: readonly string[]): Set<string> {
	return new Set(values.map((v) => String(v).trim().toLowerCase()).filter((v) => v !== ''));
}

/** What HR says about one email, all its records taken together. */
interface HrVerdict {
	/** At least one record not in a left status: a re-hire or a second active job wins. */
	active: boolean;
	/** The first record not in a left status. */
	firstActive?: HrRecord;
	/** The first record in a left status; it decides when the email is not active. */
	firstLeft?: HrRecord;
}

function collectVerdicts(records: readonly HrRecord[], leftStatuses: Set<string>): Map<string, HrVerdict> {
	const verdicts = new Map<string, HrVerdict>();
	for (const record of records) {
		const email = normaliseEmail(record.email);
		if (email === '') continue;
		let verdict = verdicts.get(email);
		if (!verdict) {
			verdict = { active: false };
			verdicts.set(email, verdict);
		}
		const status = normaliseStatus(record.status);
		if (!leftStatuses.has(status)) {
			verdict.active = true;
			verdict.firstActive ??= { email, status, itemIndex: record.itemIndex };
		} else if (!verdict.firstLeft) verdict.firstLeft = { email, status, itemIndex: record.itemIndex };
	}
	return verdicts;
}

function percent(share: number): string {
	return `${Math.round(share * 1000) / 10}%`;
}

/** The planner's options checked and compiled once, so a caller can refuse bad options before it asks for the users. */
export interface PreparedPlanOptions {
	guard: FunctionalAccountsGuard;
	leftStatuses: Set<string>;
	userTypes: Set<string>;
	exclusions: CompiledExclusions;
	blankHrRecords?: number;
	emailField?: string;
	restoreReturning?: boolean;
}

/** Throws when a guard value is out of range or an exclusion is neither an email nor `*@domain`. */
export function preparePlanOptions(options: FunctionalAccountsOptions = {}): PreparedPlanOptions {
	const exclusions = compileExclusions(options.exclusions ?? []);
	if (exclusions.invalid.length > 0) {
		throw new Error(
			`Exclusions must be emails or *@domain patterns; these match nothing: ${exclusions.invalid.join(', ')}`,
		);
	}
	return {
		guard: resolveGuard(options.guard),
		leftStatuses: normaliseList(options.leftStatuses ?? DEFAULT_LEFT_STATUSES),
		userTypes: normaliseList(options.userTypes ?? DEFAULT_USER_TYPES),
		exclusions,
		blankHrRecords: options.blankHrRecords,
		emailField: options.emailField,
		restoreReturning: options.restoreReturning,
	};
}

/**
 * Which users become functional accounts and why, plus the guard's verdict.
 * A user is found in HR when its primary email or any alias is there; it is active when any of
 * those emails has a record outside the left statuses. Runs in O(users + records).
 * Throws as preparePlanOptions does, unless given what it prepared.
 */
export function planFunctionalAccounts(
	records: readonly HrRecord[],
	users: readonly EssentialsUser[],
	options: FunctionalAccountsOptions | PreparedPlanOptions = {},
): FunctionalAccountsPlan {
	const prepared = isPrepared(options) ? options : preparePlanOptions(options);
	const { guard, leftStatuses, userTypes, exclusions } = prepared;
	const verdicts = collectVerdicts(records, leftStatuses);
	const hrRecords = records.filter((r) => normaliseEmail(r.email) !== '').length;

	const changes: PlannedFunctionalAccountChange[] = [];
	let inScopeUsers = 0;
	let excludedUsers = 0;
	let alreadyFunctional = 0;
	let inScopeCandidates = 0;
	let matchedInScope = 0;

	for (const user of users) {
		const type = normaliseStatus(user.type);
		if (type === FUNCTIONAL_ACCOUNT_TYPE) {
			alreadyFunctional++;
			const back = prepared.restoreReturning ? returningEmployee(user, verdicts, exclusions) : undefined;
			if (back) changes.push(back);
			continue;
		}
		if (!userTypes.has(type)) continue;
		inScopeUsers++;
		const emails = userEmails(user);
		if (matchesExclusion(emails, exclusions)) {
			excludedUsers++;
			continue;
		}
		// A user without any email cannot be addressed by the API, so it is never a candidate.
		if (emails.length === 0) continue;
		inScopeCandidates++;

		let found = false;
		let active = false;
		let decidingRecord: HrRecord | undefined;
		for (const email of emails) {
			const verdict = verdicts.get(email);
			if (!verdict) continue;
			found = true;
			if (verdict.active) {
				active = true;
				break;
			}
			const left = verdict.firstLeft;
			if (left && (!decidingRecord || left.itemIndex < decidingRecord.itemIndex)) decidingRecord = left;
		}
		if (found) matchedInScope++;
		if (active) continue;

		changes.push({
			email: typeof user.primary_email === 'string' ? user.primary_email.trim() : emails[0],
			uid: user.uid,
			reason: found && decidingRecord ? `left: ${decidingRecord.status}` : 'not in HR',
			previousType: String(user.type),
			newType: FUNCTIONAL_ACCOUNT_TYPE,
			sourceItemIndex: found && decidingRecord ? decidingRecord.itemIndex : undefined,
			wasBillable: isBillable(user),
			user,
		});
	}

	changes.sort(byEmailThenUid);

	const planned = changes.length;
	const figures: FunctionalAccountsFigures = {
		hrRecords,
		hrUniqueEmails: verdicts.size,
		...(prepared.blankHrRecords !== undefined ? { blankHrRecords: prepared.blankHrRecords } : {}),
		proofpointUsers: users.length,
		inScopeUsers,
		excludedUsers,
		alreadyFunctional,
		inScopeCandidates,
		matchedInScope,
		matchShare: inScopeCandidates === 0 ? 0 : matchedInScope / inScopeCandidates,
		planned,
		plannedShare: inScopeCandidates === 0 ? 0 : planned / inScopeCandidates,
		plannedRestores: changes.filter((change) => change.newType === RESTORED_TYPE).length,
		billableToFunctional: changes.filter((change) => change.newType === FUNCTIONAL_ACCOUNT_TYPE && change.wasBillable).length,
	};

	const refusal = checkGuard(figures, guard, prepared.emailField);
	return refusal ? { changes, figures, refusal } : { changes, figures };
}

/** Counted towards licences: active and billable ("true" and the like count, as the API sometimes sends strings). */
function isBillable(user: EssentialsUser): boolean {
	const flag = (value: unknown) => value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
	return (user.is_billable === undefined || flag(user.is_billable)) && (user.is_active === undefined || flag(user.is_active));
}

/**
 * A functional account whose primary email or an alias is back in HR outside the left statuses:
 * an employee who returned, made an end user again. A shared mailbox is never in HR, so never touched.
 */
function returningEmployee(user: EssentialsUser, verdicts: Map<string, HrVerdict>, exclusions: CompiledExclusions): PlannedFunctionalAccountChange | undefined {
	const emails = userEmails(user);
	if (emails.length === 0 || matchesExclusion(emails, exclusions)) return undefined;
	const record = emails.map((email) => verdicts.get(email)?.firstActive).find((found) => found !== undefined);
	if (!record) return undefined;
	return {
		email: typeof user.primary_email === 'string' ? user.primary_email.trim() : emails[0],
		uid: user.uid,
		reason: 'back in HR',
		previousType: String(user.type),
		newType: RESTORED_TYPE,
		sourceItemIndex: record.itemIndex,
		wasBillable: false,
		user,
	};
}

function byEmailThenUid(a: PlannedFunctionalAccountChange, b: PlannedFunctionalAccountChange): number {
	const left = a.email.toLowerCase();
	const right = b.email.toLowerCase();
	if (left !== right) return left < right ? -1 : 1;
	const leftUid = String(a.uid);
	const rightUid = String(b.uid);
	return leftUid === rightUid ? 0 : leftUid < rightUid ? -1 : 1;
}

/** The refusal of an HR list without one usable email, which would mark every in-scope user: it cannot be turned off. */
export function emptyHrListRefusal(blankRecords: number, emailField?: string): FunctionalAccountsRefusal {
	const field = emailField ? `HR Email Field ("${emailField}")` : 'HR Email Field';
	const blank = blankRecords ? ` (${blankRecords} input items had no usable email${emailField ? ` in "${emailField}"` : ''})` : '';
	return {
		code: 'EMPTY_HR_LIST',
		message: `The HR list has no usable emails${blank}: every in-scope user would be marked as a functional account`,
		hint: `Check that the node receives the HR records as input items and that ${field} names the field holding the work email (dotted paths such as work.email are allowed). This check cannot be turned off.`,
	};
}

/** The first guard that trips, in the order: empty HR list, match share, change count, change share. */
export function checkGuard(
	figures: FunctionalAccountsFigures,
	guard: FunctionalAccountsGuard,
	emailField?: string,
): FunctionalAccountsRefusal | undefined {
	const field = emailField ? `"${emailField}"` : 'the Email Field';
	if (figures.hrUniqueEmails === 0) return emptyHrListRefusal(figures.blankHrRecords ?? 0, emailField);
	const { inScopeCandidates: candidates, matchedInScope, planned } = figures;
	if (guard.minMatchShare > 0 && candidates > 0 && figures.matchShare < guard.minMatchShare) {
		return {
			code: 'LOW_MATCH_SHARE',
			message: `Only ${matchedInScope} of ${candidates} in-scope Proofpoint users (${percent(figures.matchShare)}) were found among the ${figures.hrUniqueEmails} HR emails; the minimum is ${percent(guard.minMatchShare)}`,
			hint: `Check that ${field} holds work emails of the same domains as Proofpoint (not personal emails or employee IDs). If the HR list really covers so few users, lower ${GUARD_OPTION_NAMES.minMatchShare} (0 turns the check off).`,
		};
	}
	if (guard.maxChanges > 0 && planned > guard.maxChanges) {
		return {
			code: 'TOO_MANY_CHANGES',
			message: `${planned} users would become functional accounts; the limit is ${guard.maxChanges}`,
			hint: `Review the planned changes (is the HR list complete? are the Left Statuses right?). If they are expected, raise ${GUARD_OPTION_NAMES.maxChanges} to at least ${planned} (0 turns the check off).`,
		};
	}
	if (guard.maxChangeShare > 0 && figures.plannedShare > guard.maxChangeShare) {
		return {
			code: 'TOO_LARGE_SHARE',
			message: `${planned} of ${candidates} in-scope Proofpoint users (${percent(figures.plannedShare)}) would become functional accounts; the limit is ${percent(guard.maxChangeShare)}`,
			hint: `Review the planned changes (is the HR list complete? are the Left Statuses right?). If they are expected, raise ${GUARD_OPTION_NAMES.maxChangeShare} to at least ${Math.ceil(figures.plannedShare * 100 - 1e-9) / 100} (0 turns the check off).`,
		};
	}
	return undefined;
}
