'use strict';

const { useSandbox } = require('../../support');

const forensicsOf = (parameters) => ({ resource: 'forensics', operation: 'get', forensicsOf: 'threat', ...parameters });

describe('Forensic Report → Get', () => {
	const { run, sb } = useSandbox();
	const threatInCampaign = () => sb().siem.threats().find((threat) => threat.campaignId);

	it("returns a threat's forensic report, by threatId only", async () => {
		const threat = threatInCampaign();
		const result = await run(forensicsOf({ threatId: threat.id }));

		expect(sb().requests.map((request) => [request.path, request.query])).toEqual([['/v2/forensics', { threatId: threat.id }]]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.reports.map((report) => report.scope)).toEqual(['THREAT']);
		expect(result.items[0].json.reports[0].forensics.length).toBeGreaterThan(0);
	});

	it("adds the threat's campaign report with Include Campaign Forensics", async () => {
		const threat = threatInCampaign();
		const result = await run(forensicsOf({ threatId: threat.id, includeCampaignForensics: true }));

		expect(sb().requests[0].query).toEqual({ threatId: threat.id, includeCampaignForensics: 'true' });
		expect(result.items[0].json.reports.map((report) => report.scope).sort()).toEqual(['CAMPAIGN', 'THREAT']);
	});

	it('reads a campaign by campaignId alone, never with includeCampaignForensics', async () => {
		const campaign = sb().siem.campaigns()[0];
		const result = await run(forensicsOf({ forensicsOf: 'campaign', campaignId: campaign.id, includeCampaignForensics: true }));

		expect(result.status).toBe('success');
		expect(sb().requests[0].query).toEqual({ campaignId: campaign.id });
		expect(result.items[0].json.reports[0]).toMatchObject({ scope: 'CAMPAIGN', id: campaign.id });
	});

	it('asks once for items naming the same threat, and again when another item also wants the campaign', async () => {
		const threat = threatInCampaign();
		const input = [{ json: { include: false } }, { json: { include: false } }, { json: { include: true } }];
		const result = await run(forensicsOf({ threatId: threat.id, includeCampaignForensics: '={{ $json.include }}' }), { input });

		expect(sb().requests).toHaveLength(2);
		expect(result.items.map((item) => item.json.reports.length)).toEqual([1, 1, 2]);
	});

	it('says an unknown id is unknown (404)', async () => {
		const result = await run(forensicsOf({ threatId: '0'.repeat(64) }));

		expect(result.error.message).toBe(`Threat or campaign "${'0'.repeat(64)}" is unknown to TAP (404)`);
	});

	describe('Forensics Of: Campaign, or Threat Without One', () => {
		it("asks by the item's campaign when it names one, by its threat when not: threats of one campaign make one request", async () => {
			const inCampaign = sb().siem.threats().filter((threat) => threat.campaignId);
			const campaignId = inCampaign[0].campaignId;
			const sameCampaign = inCampaign.filter((threat) => threat.campaignId === campaignId).slice(0, 2);
			const alone = sb().siem.threats().find((threat) => !threat.campaignId);
			const input = [...sameCampaign, alone].map((threat) => ({ json: { threatId: threat.id, campaignId: threat.campaignId ?? null } }));
			const result = await run(forensicsOf({ forensicsOf: 'campaignElseThreat', threatId: '={{ $json.threatId }}', campaignId: '={{ $json.campaignId }}' }), { input });

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => request.query)).toEqual([{ campaignId }, { threatId: alone.id }]);
			expect(result.items.map((item) => item.json.reports[0].scope)).toEqual([...sameCampaign.map(() => 'CAMPAIGN'), 'THREAT']);
		});
	});

	describe("a used-up quota (429) names the request type's daily figure and what spends less", () => {
		it.each([
			['threat', () => ({ threatId: sb().siem.threats()[0].id }), "TAP's Forensics quota for requests by threat ID is used up (429)", 'about 50 requests by threat ID'],
			['campaign', () => ({ forensicsOf: 'campaign', campaignId: sb().siem.campaigns()[0].id }), "TAP's Forensics quota for requests by campaign ID is used up (429)", 'about 1,800 requests by campaign ID'],
		])('by %s', async (by, parameters, message, figure) => {
			sb().failNext({ path: '/v2/forensics', mode: '429' });
			const result = await run(forensicsOf(parameters()));

			expect(result.error.message).toBe(message);
			expect(result.error.description).toContain(figure);
			if (by === 'threat') expect(result.error.description).toContain('Threat → Get');
			expect(sb().requests).toHaveLength(1);
		});
	});
});
