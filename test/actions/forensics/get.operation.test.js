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
});
