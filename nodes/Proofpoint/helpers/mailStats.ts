import type { IDataObject } from 'n8n-workflow';

import { DAY_MS, isoInstant } from './timeRange';

/** The Stats API's periods, in days, as the Period parameter offers them. */
export const MAIL_STATS_PERIODS = [1, 7, 30, 90] as const;

export type MailStatsPeriod = (typeof MAIL_STATS_PERIODS)[number];

/** The counters of the Stats API help page (docs/api-facts.md#essentials-stats-api). */
export const MAIL_STATS_FIELDS = [
	'ib_total',
	'ob_total',
	'ib_blocked',
	'ob_blocked',
	'active_users',
	'ib_spam',
	'ib_virus',
	'ib_mal_att',
	'ib_imposter',
	'ib_phish',
	'ob_enc',
] as const;

export type MailStatsField = (typeof MAIL_STATS_FIELDS)[number];

export type MailCounts = Record<MailStatsField, number | null>;

/** A period parameter (7, "7", "7d") as its days, or undefined when the Stats API has no such period. */
export function asMailStatsPeriod(value: unknown): MailStatsPeriod | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : '';
	const days = /^\d+d?$/.test(text) ? Number(text.replace(/d$/, '')) : NaN;
	return (MAIL_STATS_PERIODS as readonly number[]).includes(days) ? (days as MailStatsPeriod) : undefined;
}

/** The window Proofpoint counts a period over: back from the previous UTC midnight. */
export function mailStatsWindow(days: MailStatsPeriod, now: number): { start: string; end: string } {
	const end = Math.floor(now / DAY_MS) * DAY_MS;
	return { start: isoInstant(end - days * DAY_MS), end: isoInstant(end) };
}

const isRow = (value: unknown): value is IDataObject =>
	Boolean(value) && typeof value === 'object' && !Array.isArray(value) && MAIL_STATS_FIELDS.some((field) => field in (value as IDataObject));

const asCount = (value: unknown): number | null => {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : null;
};

/** The domain a row names (lower-cased), under any of the names a row may use for it. */
function domainOf(row: IDataObject): string | undefined {
	const name = [row.primary_domain, row.domain, row.org].find((value) => typeof value === 'string' && value !== '');
	return typeof name === 'string' ? name.toLowerCase() : undefined;
}

/** The rows of a list answer, bare or under one key; none for a bare object of counts. */
function listedRows(answer: unknown): IDataObject[] {
	const lists = Array.isArray(answer)
		? [answer]
		: answer && typeof answer === 'object'
			? Object.values(answer as IDataObject).filter((value): value is unknown[] => Array.isArray(value))
			: [];
	return lists.flat().filter(isRow);
}

/**
 * The organization's row in a Stats answer, or undefined when the answer holds none.
 * The shape is undocumented [I]: a bare object of the counts, or a list of rows (the endpoint takes page and page_size),
 * bare or under one key; in a list, the row naming the domain, or the only row.
 */
export function mailStatsRowOf(answer: unknown, domain: string): IDataObject | undefined {
	if (isRow(answer)) return answer;
	const rows = listedRows(answer);
	return rows.find((row) => domainOf(row) === domain.toLowerCase()) ?? (rows.length === 1 ? rows[0] : undefined);
}

/**
 * One page of the partner form (an organization and those below it): its rows by the domain each names, how many
 * rows it held, and the total it states. A row naming no domain cannot be told apart and is left out [I].
 */
export function mailStatsPage(answer: unknown): { byDomain: Map<string, IDataObject>; rows: number; total: number | undefined } {
	const rows = listedRows(answer);
	const byDomain = new Map<string, IDataObject>();
	for (const row of rows) {
		const domain = domainOf(row);
		if (domain !== undefined) byDomain.set(domain, row);
	}
	const total = answer && typeof answer === 'object' && !Array.isArray(answer) ? asCount((answer as IDataObject).total) : null;
	return { byDomain, rows: rows.length, total: total ?? undefined };
}

/** The row's counters as numbers (numbers may arrive as strings); a counter it lacks is null. */
export function mailCounts(row: IDataObject): MailCounts {
	return Object.fromEntries(MAIL_STATS_FIELDS.map((field) => [field, asCount(row[field])])) as MailCounts;
}

/** part ÷ whole as a share from 0 to 1, to four places; null when either is unknown or the whole is 0. */
function share(part: number | null, whole: number | null): number | null {
	if (part === null || whole === null || whole === 0) return null;
	return Math.round((part / whole) * 10000) / 10000;
}

function sum(values: Array<number | null>): number | null {
	return values.some((value) => value === null) ? null : (values as number[]).reduce((total, value) => total + value, 0);
}

/** What a customer report shows: the counts in words, and the shares a reader compares between customers. */
export function reportMailStats(counts: MailCounts): IDataObject {
	// ib_spam may or may not include imposter and phish (the help page says both), so it is never added to them.
	const threats = sum([counts.ib_virus, counts.ib_mal_att, counts.ib_imposter, counts.ib_phish]);
	return {
		inbound: counts.ib_total,
		inboundBlocked: counts.ib_blocked,
		inboundBlockedShare: share(counts.ib_blocked, counts.ib_total),
		inboundDelivered: counts.ib_total === null || counts.ib_blocked === null ? null : Math.max(0, counts.ib_total - counts.ib_blocked),
		spam: counts.ib_spam,
		spamShare: share(counts.ib_spam, counts.ib_total),
		virus: counts.ib_virus,
		maliciousAttachments: counts.ib_mal_att,
		imposter: counts.ib_imposter,
		phish: counts.ib_phish,
		threats,
		threatShare: share(threats, counts.ib_total),
		outbound: counts.ob_total,
		outboundBlocked: counts.ob_blocked,
		outboundBlockedShare: share(counts.ob_blocked, counts.ob_total),
		outboundEncrypted: counts.ob_enc,
		outboundEncryptedShare: share(counts.ob_enc, counts.ob_total),
		activeUsers: counts.active_users,
		inboundPerActiveUser: counts.ib_total === null || !counts.active_users ? null : Math.round(counts.ib_total / counts.active_users),
	};
}
