'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential } = require('../../support');

/** The credential paced to 600 CTR calls a minute, as the sandbox is started here: tests do not wait on the real rate. */
const fastCredentials = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });

const get = (incidentId, parameters = {}) => ({ resource: 'incident', operation: 'get', incidentId, simplify: true, ...parameters });
const apiCalls = (sb) => sb.requests.filter((request) => request.path !== '/v1/token').map((request) => `${request.method} ${request.path}`);

describe('Incident → Get', () => {
	const { run: runNode, sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600 } });
	const run = (parameters, options = {}) => runNode(parameters, { credentials: fastCredentials(sb()), ...options });
	let incident;

	beforeAll(() => {
		incident = sb().threatProtection.incidents().find((candidate) => candidate.sourceTypes.includes('abuse_mailbox') && candidate.assignedUserName);
	});

	it('gets an incident by its UUID with one request, simplified to the fields a SOC reads', async () => {
		const result = await run(get(incident.id));

		expect(apiCalls(sb())).toEqual([`GET /api/v1/tric/incidents/${incident.id}`]);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: incident.id,
				displayId: incident.displayId,
				title: incident.title,
				state: incident.state,
				sources: ['abuse_mailbox'],
				messageCount: incident.messageCount,
				assignee: incident.assignedUserName,
				assignedTeam: incident.assignedTeamName,
				commentCount: 0,
				createdAt: new Date(incident.createdAt).toISOString(),
			}),
		]);
	});

	it.each([
		['its display ID', (found) => String(found.displayId)],
		['INC- and its display ID', (found) => `INC-${found.displayId}`],
	])('gets an incident by %s: one search for it, then the incident', async (_, idOf) => {
		const result = await run(get(idOf(incident)));

		expect(apiCalls(sb())).toEqual(['POST /api/v1/tric/incidents', `GET /api/v1/tric/incidents/${incident.id}`]);
		expect(sb().requests.find((request) => request.path === '/api/v1/tric/incidents').body.filters).toEqual({ incident_id_filters: [String(incident.displayId)] });
		expect(result.items[0].json).toMatchObject({ id: incident.id, displayId: incident.displayId });
	});

	it("gives the API's answer without Simplify: summary, comments and activities", async () => {
		const result = await run(get(incident.id, { simplify: false }));

		expect(result.items[0].json).toEqual({ summary: expect.objectContaining({ id: incident.id, displayId: incident.displayId }), comments: [], activities: expect.any(Array) });
	});

	it('asks once for items naming the same incident', async () => {
		const result = await run(get('={{ $json.id }}'), { input: [{ json: { id: incident.id } }, { json: { id: incident.id } }] });

		expect(apiCalls(sb())).toEqual([`GET /api/v1/tric/incidents/${incident.id}`]);
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([[incident.id, { item: 0 }], [incident.id, { item: 1 }]]);
	});

	it('says which incident is unknown on a 404', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		const result = await run(get(unknown));

		expect(result.error?.message).toBe(`Incident "${unknown}" is unknown to the Threat Protection API (404)`);
		expect(result.error?.description).toMatch(/Check the id/);
	});

	it('says so when no incident has the display ID, without a second request', async () => {
		const result = await run(get('INC-999999'));

		expect(result.error?.message).toMatch(/^Incident 999999 is unknown to the Threat Protection API: no incident has this display ID/);
		expect(apiCalls(sb())).toEqual(['POST /api/v1/tric/incidents']);
	});

	it.each([
		['a path', '../workflows'],
		['a slash', `${'a'}/b`],
		['a dot segment', '..'],
		['a line break', 'abc\nX-Injected: 1'],
		['an empty id', '  '],
	])('refuses %s before any request, naming the item and the field', async (_, id) => {
		const result = await run(get('={{ $json.id }}'), { input: [{ json: { id } }] });

		expect(result.error?.message).toMatch(/^Item 0: Incident ID /);
		expect(sb().requests).toEqual([]);
	});

	it('shows no secret in its output or errors', async () => {
		const ok = await run(get(incident.id));
		const missing = await run(get('00000000-0000-4000-8000-000000000000'));

		expect(JSON.stringify([ok, missing])).not.toMatch(/sandbox-tp-client-secret/);
	});
});
