import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asMailStatsPeriod, mailCounts, mailStatsPage, mailStatsRowOf, mailStatsWindow, reportMailStats, type MailStatsPeriod } from '../../helpers/mailStats';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { invalidInput, readOrgDomain } from '../../parameters/read';
import { essentialsRead, essentialsRequest } from '../../transport/essentials';
import { asNodeError } from '../../transport/nodeError';
import type { CallOptions } from '../../transport/request';
import { childConcurrencyOption, eachChild, listChildren, named, organizationsField, readOrganizations, type ChildOrganization } from '../childOrganizations';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Mail Statistics',
	action: 'Get mail statistics',
	description:
		"Get an organization's mail-flow counts over 1, 7, 30 or 90 days (inbound, blocked, spam, threats, outbound, encrypted), or every child organization's for a partner: one request, two for every child, read only",
	tool: "Returns mail-flow counts of an organization over the last 1, 7, 30 or 90 days to the previous UTC midnight: inbound, blocked, spam, virus, imposter, phish, outbound, encrypted, active users, with shares such as inboundBlockedShare. One Essentials request; Every Child Organization: two, one item per child (a failed one has status failed).",
};

export const description: INodeProperties[] = forOperation('organization', 'getMailStats', [
	orgDomainField(),
	organizationsField('statisticsOf', 'Statistics Of'),
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: '1 Day', value: 1, description: 'The previous UTC day' },
			{ name: '7 Days', value: 7 },
			{ name: '30 Days', value: 30 },
			{ name: '90 Days', value: 90 },
		],
		default: 30,
		description: 'How many days back from the previous UTC midnight Proofpoint counts',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the fields a customer report shows (inbound, inboundBlocked, inboundBlockedShare, spam, threats, outbound, outboundEncryptedShare, activeUsers…) instead of the Stats API fields (ib_total, ib_blocked…)',
	},
	optionsCollection([childConcurrencyOption('statisticsOf', 'only a child the partner form lacks is asked alone')]),
]);

interface Prepared {
	domain: string;
	children: boolean;
	concurrency: number;
	period: MailStatsPeriod;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const domain = readOrgDomain.call(this, itemIndex);
	const organizations = readOrganizations(this, itemIndex, 'statisticsOf', 'Statistics Of');
	const asked = this.getNodeParameter('period', itemIndex, 30);
	const period = asMailStatsPeriod(asked);
	if (period === undefined) {
		throw invalidInput(this, itemIndex, 'Period', `is ${JSON.stringify(asked)}, not a period of the Stats API`, `Choose 1, 7, 30 or 90 days for item ${itemIndex}; no request was sent for it.`);
	}
	const simplify = this.getNodeParameter('simplify', itemIndex, true);
	if (typeof simplify !== 'boolean') {
		throw invalidInput(this, itemIndex, 'Simplify', `is ${JSON.stringify(simplify)}, not true or false`);
	}
	return { domain, ...organizations, period, simplify };
}

export const key = ({ domain, children, concurrency, period, simplify }: Prepared) => `${domain} ${children} ${concurrency} ${period} ${simplify}`;

/** An organization's item from its Stats row: who and which period, then the counts as Simplify asks. */
function itemOf(org: ChildOrganization, row: IDataObject, { period, simplify }: Prepared): IDataObject {
	const window = mailStatsWindow(period, Date.now());
	const about = { ...named(org), period: `${period}d`, periodStart: window.start, periodEnd: window.end };
	return simplify ? { ...about, ...reportMailStats(mailCounts(row)), status: 'ok' } : { ...row, ...about, status: 'ok' };
}

/** One organization's statistics: one request. */
async function statisticsOf(context: IExecuteFunctions, org: ChildOrganization, prepared: Prepared, options: CallOptions): Promise<IDataObject> {
	const row = await essentialsRead.call(
		context,
		{ method: 'GET', path: ['stats', org.domain, 'partner'], qs: { period: `${prepared.period}d` }, target: { org: org.domain } },
		options,
		(answer) => mailStatsRowOf(answer, org.domain),
		`no statistics for ${org.domain} in the answer`,
	);
	return itemOf(org, row, prepared);
}

// The most organizations a page of the partner form holds (the Stats API's page_size limit).
export const PARTNER_PAGE_SIZE = 50000;
// Statuses that say the partner form is not there: then each child is asked alone.
const NO_PARTNER_FORM = ['400', '404', '405'];

/** The partner form's rows (the partner and every organization below it) by domain: one request a 50,000. */
async function partnerStatistics(context: IExecuteFunctions, { domain, period }: Prepared, options: CallOptions): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	for (let page = 1; ; page++) {
		let answer: unknown;
		try {
			const qs = { period: `${period}d`, page, page_size: PARTNER_PAGE_SIZE };
			answer = await essentialsRequest.call(context, { method: 'GET', path: ['stats', domain, 'partner', 'orgs'], qs, target: { org: domain } }, options);
		} catch (error) {
			// Whether every stack serves the partner form is not documented [I]: without it, each child is asked alone.
			if (page === 1 && NO_PARTNER_FORM.includes(String((error as { httpCode?: unknown }).httpCode))) return found;
			throw asNodeError(context, error, options.itemIndex);
		}
		const { byDomain, rows, total } = mailStatsPage(answer);
		for (const [name, row] of byDomain) found.set(name, row);
		if (rows < PARTNER_PAGE_SIZE || (total !== undefined && page * PARTNER_PAGE_SIZE >= total)) return found;
	}
}

/** Every child's statistics: the partner's list and the partner form at once, then a request for each child the form lacks. */
async function everyChild(context: IExecuteFunctions, prepared: Prepared, options: CallOptions): Promise<IDataObject[]> {
	const [children, rows] = await Promise.all([listChildren(context, prepared.domain, options), partnerStatistics(context, prepared, options)]);
	return await eachChild(children, prepared.concurrency, async (child) => {
		const row = rows.get(child.domain.toLowerCase());
		return row ? itemOf(child, row, prepared) : await statisticsOf(context, child, prepared, options);
	});
}

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	if (!prepared.children) return await statisticsOf(this, { domain: prepared.domain }, prepared, options);
	return await everyChild(this, prepared, options);
}
