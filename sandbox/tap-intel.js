'use strict';

const { json, text } = require('./http');
const { DAY_MS } = require('./throttle');
const { statusAt } = require('./threat-pool');
const { TOO_SHORT, parseInterval } = require('./tap-siem');

// Campaign, Forensics and Threat APIs (docs/api-facts.md#tap-intelligence-apis), over the store's threat pool.
// The real text for a campaign interval over a day is unknown [?]; it follows the SIEM pattern.
const CAMPAIGN_TOO_LONG =
	'The requested interval is too long. Requests must be for at most 1.00d of data';
// What the type of a campaign member's threat is called in subType is inferred [I].
const SUB_TYPES = { url: 'COMPLETE_URL', attachment: 'ATTACHMENT', messageText: 'MESSAGE_TEXT' };

const iso = (ms) => new Date(ms).toISOString();
const given = (value) => value !== undefined && value !== '';
const isPositiveInteger = (value) => /^[1-9]\d*$/.test(String(value));
// The 404 body is not documented: plain text, like the other errors [I].
const notFound = (what, id) => text(404, `${what} ${id} was not found`);

function readCampaignPaging(query) {
	if (!given(query.interval)) return { error: 'The interval parameter is required' };
	const window = parseInterval(query.interval);
	if (!window || Number.isNaN(window.start) || Number.isNaN(window.end)) {
		return { error: `Invalid interval: ${query.interval}` };
	}
	if (window.end - window.start < 30 * 1000) return { error: TOO_SHORT };
	if (window.end - window.start > DAY_MS) return { error: CAMPAIGN_TOO_LONG };
	const { size = '100', page = '1' } = query;
	if (!isPositiveInteger(size) || Number(size) > 200) {
		return { error: 'The size parameter must be a whole number from 1 to 200' };
	}
	if (!isPositiveInteger(page)) {
		return { error: 'The page parameter must be a positive whole number' };
	}
	return { ...window, size: Number(size), page: Number(page) };
}

// lastUpdatedAt is the campaign's latest update in the interval, and the list is ordered by it [I].
/** The campaign's latest update in [start, end) that has already happened, or undefined. */
function lastUpdateIn(campaign, start, end, now) {
	let latest;
	for (const at of campaign.updates) if (at >= start && at < end && at <= now) latest = at;
	return latest;
}

function campaignIds(ctx, request) {
	const paging = readCampaignPaging(request.query);
	if (paging.error) return text(400, paging.error);
	const now = ctx.clock();
	const updated = ctx.threatEvents.pool.campaigns
		.map((campaign) => ({
			id: campaign.id,
			at: lastUpdateIn(campaign, paging.start, paging.end, now),
		}))
		.filter((campaign) => campaign.at !== undefined)
		.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	const page = updated.slice((paging.page - 1) * paging.size, paging.page * paging.size);
	// No data is a 404, not an empty list (docs/api-facts.md#tap-intelligence-apis), past the last page too.
	if (!page.length) return text(404, 'No campaigns were updated in the requested interval');
	return json(200, {
		campaigns: page.map((campaign) => ({ id: campaign.id, lastUpdatedAt: iso(campaign.at) })),
	});
}

function campaign(ctx, request, params) {
	const found = ctx.threatEvents.pool.campaignById.get(params.id);
	if (!found) return notFound('Campaign', params.id);
	const now = ctx.clock();
	return json(200, {
		id: found.id,
		name: found.name,
		description: found.description,
		startDate: iso(found.startDate),
		notable: found.notable,
		...found.intel,
		campaignMembers: found.members.map((threat) => ({
			id: threat.id,
			threat: threat.threat,
			threatStatus: statusAt(threat, now),
			type: threat.type,
			subType: SUB_TYPES[threat.type],
			threatTime: iso(threat.time),
		})),
	});
}

const threatReport = (threat, now) => ({
	scope: 'THREAT',
	id: threat.id,
	name: threat.name,
	threatStatus: statusAt(threat, now),
	forensics: threat.forensics,
});

// A campaign report gathers its members' first findings; its status is always active [I].
const campaignReport = (found) => ({
	scope: 'CAMPAIGN',
	id: found.id,
	name: found.name,
	threatStatus: 'active',
	forensics: found.members.flatMap((threat) => threat.forensics.slice(0, 2)),
});

function forensics(ctx, request) {
	const { threatId, campaignId, includeCampaignForensics } = request.query;
	if (given(threatId) && given(campaignId)) {
		return text(400, 'Give either threatId or campaignId, not both');
	}
	if (!given(threatId) && !given(campaignId)) {
		return text(400, 'Either threatId or campaignId is required');
	}
	if (includeCampaignForensics !== undefined && !given(threatId)) {
		return text(400, 'includeCampaignForensics can only be used with threatId');
	}
	if (
		includeCampaignForensics !== undefined &&
		!['true', 'false'].includes(includeCampaignForensics)
	) {
		return text(400, 'includeCampaignForensics must be true or false');
	}
	const { pool } = ctx.threatEvents;
	const now = ctx.clock();
	let reports;
	if (given(threatId)) {
		const threat = pool.threatById.get(threatId);
		if (!threat) return notFound('Threat', threatId);
		reports = [threatReport(threat, now)];
		if (includeCampaignForensics === 'true' && threat.campaign) {
			reports.push(campaignReport(threat.campaign));
		}
	} else {
		const found = pool.campaignById.get(campaignId);
		if (!found) return notFound('Campaign', campaignId);
		// By campaignId the answer is the campaign's own report only [I].
		reports = [campaignReport(found)];
	}
	return json(200, { generated: iso(now), reports });
}

function threatSummary(ctx, request, params) {
	const threat = ctx.threatEvents.pool.threatById.get(params.id);
	if (!threat) return notFound('Threat', params.id);
	// Some threats use the names of the official field table (docs/api-facts.md#tap-intelligence-apis); severity is 0–1000 and
	// verticals/geographies are booleans (whether the threat targets some) [I].
	const alternative = threat.alternativeNames;
	return json(200, {
		id: threat.id,
		identifiedAt: iso(threat.time),
		name: threat.name,
		type: threat.type,
		category: threat.category,
		status: statusAt(threat, ctx.clock()),
		[alternative ? 'severityScore' : 'severity']: threat.severity,
		attackSpread: threat.attackSpread,
		notable: threat.notable,
		[alternative ? 'verticallyTargeted' : 'verticals']: threat.verticals,
		[alternative ? 'geoTargeted' : 'geographies']: threat.geographies,
		...threat.intel,
	});
}

module.exports = { campaignIds, campaign, forensics, threatSummary };
