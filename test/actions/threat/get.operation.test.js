'use strict';

const { useSandbox, seen } = require('../../support');

const getThreat = (threatId) => ({ resource: 'threat', operation: 'get', threatId });

describe('Threat → Get', () => {
	const { run, sb } = useSandbox();

	it("returns a threat's summary from /v2/threat/summary/{id}", async () => {
		const threat = sb().siem.threats()[0];
		const result = await run(getThreat(threat.id));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual([`GET /v2/threat/summary/${threat.id}`]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: threat.id, type: threat.type, category: threat.category });
	});

	it('makes one request per distinct threat for 500 items naming 12 threats, and every item gets its answer', async () => {
		const threats = sb().siem.threats().slice(0, 12);
		const input = Array.from({ length: 500 }, (_, index) => ({ json: { threatId: threats[index % 12].id } }));
		const result = await run(getThreat('={{ $json.threatId }}'), { input });

		expect(sb().requests).toHaveLength(12);
		expect(new Set(sb().requests.map((request) => request.path)).size).toBe(12);
		expect(result.items).toHaveLength(500);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.id).toBe(input[index].json.threatId);
		});
		// Each item holds its own copy: changing one downstream leaves the others alone.
		expect(result.items[12].json).not.toBe(result.items[0].json);
	});

	it('says an unknown threat is unknown (404), naming it', async () => {
		const unknown = 'f'.repeat(64);
		const result = await run(getThreat(unknown));

		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toBe(`Threat "${unknown}" is unknown to TAP (404)`);
		expect(result.error.description).toContain("SIEM event's threatID");
	});

	it('with Continue On Fail, an unknown threat is an error item and the known ones are answered', async () => {
		const known = sb().siem.threats()[1].id;
		const input = [{ json: { id: known } }, { json: { id: 'a'.repeat(64) } }, { json: { id: known } }];
		const result = await run(getThreat('={{ $json.id }}'), { input, onError: 'continueRegularOutput' });

		expect(sb().requests).toHaveLength(2);
		expect(result.items.map((item) => item.json.id ?? item.json.httpCode)).toEqual([known, '404', known]);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	it.each([
		['an id an expression left empty', '={{ "" }}', 'Item 0: Threat ID is empty'],
		['a path', '../../people/vap', 'Item 0: Threat ID "../../people/vap" is not a TAP id'],
		['a query', 'abc?window=90', 'Item 0: Threat ID "abc?window=90" is not a TAP id'],
	])('refuses %s before any request', async (_, threatId, message) => {
		const result = await run(getThreat(threatId));

		expect(result.error.message.startsWith(message)).toBe(true);
		expect(sb().requests).toEqual([]);
	});

	it('is refused with an Essentials Threat API credential, saying why, before any request', async () => {
		const result = await run(getThreat(sb().siem.threats()[0].id), { threat: 'partner' });

		expect(result.error.message).toBe('This credential reaches the Essentials Threat API, which has no Threat API');
		expect(result.error.description).toContain('serves SIEM events only');
		expect(sb().requests).toEqual([]);
	});
});
