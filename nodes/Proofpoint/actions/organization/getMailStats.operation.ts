import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asMailStatsPeriod, mailCounts, mailStatsRowOf, mailStatsWindow, reportMailStats, type MailStatsPeriod } from '../../helpers/mailStats';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { invalidInput, readOrgDomain } from '../../parameters/read';
import { essentialsRead } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { childConcurrencyOption, forEveryChild, named, organizationsField, readOrganizations, type ChildOrganization } from '../childOrganizations';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Mail Statistics',
	action: 'Get mail statistics',
	description:
		"Get an organization's mail-flow counts over 1, 7, 30 or 90 days (inbound, blocked, spam, threats, outbound, encrypted), or every child organization's for a partner: one request per organization, read only",
	tool: "Returns mail-flow counts of an organization over the last 1, 7, 30 or 90 days to the previous UTC midnight: inbound, blocked, spam, virus, malicious attachments, imposter, phish, outbound, encrypted, active users, with shares such as inboundBlockedShare. One Essentials request; Every Child Organization: 1 + one per child, one item each, a failed one with status failed.",
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
	optionsCollection([childConcurrencyOption('statisticsOf', 'one request each')]),
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

/** One organization's statistics: one request. */
async function statisticsOf(context: IExecuteFunctions, org: ChildOrganization, { period, simplify }: Prepared, options: CallOptions): Promise<IDataObject> {
	const row = await essentialsRead.call(
		context,
		{ method: 'GET', path: ['stats', org.domain, 'partner'], qs: { period: `${period}d` }, target: { org: org.domain } },
		options,
		(answer) => mailStatsRowOf(answer, org.domain),
		`no statistics for ${org.domain} in the answer`,
	);
	const window = mailStatsWindow(period, Date.now());
	const about = { ...named(org), period: `${period}d`, periodStart: window.start, periodEnd: window.end };
	return simplify ? { ...about, ...reportMailStats(mailCounts(row)), status: 'ok' } : { ...row, ...about, status: 'ok' };
}

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	if (!prepared.children) return await statisticsOf(this, { domain: prepared.domain }, prepared, options);
	return await forEveryChild(this, prepared.domain, prepared.concurrency, options, async (child) => await statisticsOf(this, child, prepared, options));
}
