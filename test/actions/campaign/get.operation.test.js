'use strict';

const { useSandbox, seen } = require('../../support');

const getCampaign = (campaignId) => ({ resource: 'campaign', operation: 'get', campaignId });

describe('Campaign → Get', () => {
	const { run, sb } = useSandbox();

	it('returns the campaign with its actors, families and member threats', async () => {
		const campaign = sb().siem.campaigns()[0];
		const result = await run(getCampaign(campaign.id));

		expect(seen(sb())).toEqual([`GET /v2/campaign/${campaign.id}`]);
		expect(result.items[0].json).toMatchObject({ id: campaign.id, name: campaign.name });
		expect(result.items[0].json.campaignMembers.map((member) => member.id).sort()).toEqual([...campaign.memberIds].sort());
	});

	it('asks once for items naming the same campaign', async () => {
		const [first, second] = sb().siem.campaigns();
		const input = [first, second, first, first].map((campaign) => ({ json: { campaignId: campaign.id } }));
		const result = await run(getCampaign('={{ $json.campaignId }}'), { input });

		expect(sb().requests).toHaveLength(2);
		expect(result.items.map((item) => item.json.id)).toEqual(input.map((item) => item.json.campaignId));
	});

	it('says an unknown campaign is unknown (404)', async () => {
		const result = await run(getCampaign('00000000-0000-0000-0000-000000000000'));

		expect(result.error.message).toBe('Campaign "00000000-0000-0000-0000-000000000000" is unknown to TAP (404)');
	});

	it('refuses an id with a slash before any request', async () => {
		const result = await run(getCampaign('a/b'));

		expect(result.error.message).toMatch(/^Item 0: Campaign ID "a\/b" is not a TAP id/);
		expect(sb().requests).toEqual([]);
	});
});
