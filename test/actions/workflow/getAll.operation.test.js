'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential } = require('../../support');
const { searchList } = require('../../harness');

/** The credential paced to 600 CTR calls a minute, as the sandbox is started here: tests do not wait on the real rate. */
const fastCredentials = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });

const apiCalls = (sb) => sb.requests.filter((request) => request.path !== '/v1/token');

describe('Remediation Workflow → Get Many', () => {
	const { run: runNode, sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600 } });
	const run = (parameters, options = {}) => runNode(parameters, { credentials: fastCredentials(sb()), ...options });
	const enabled = (type) => sb().threatProtection.workflows().filter((workflow) => workflow.enabled && workflow.type === type);

	it.each([
		['message', 'MESSAGE'],
		['incident', 'INCIDENT'],
	])("lists the tenant's enabled %s workflows with one request", async (targetType, type) => {
		const result = await run({ resource: 'workflow', operation: 'getAll', targetType, returnAll: true });

		expect(apiCalls(sb()).map((request) => [request.method, request.path, request.query])).toEqual([['GET', '/api/v1/tric/workflows', { enabled: 'true', type: targetType }]]);
		expect(result.items.map((item) => item.json)).toEqual(enabled(type));
	});

	it('returns the first workflows up to the Limit', async () => {
		const result = await run({ resource: 'workflow', operation: 'getAll', targetType: 'message', returnAll: false, limit: 1 });

		expect(result.items.map((item) => item.json.id)).toEqual([enabled('MESSAGE')[0].id]);
	});

	describe('Run → Workflow → From List', () => {
		const search = (filter) => searchList('searchRemediationWorkflows', { credentials: fastCredentials(sb()), parameters: { resource: 'workflow', operation: 'run' }, filter, path: 'parameters.workflowId' });

		it('lists the enabled workflows of both target types, saying which each runs on: two requests', async () => {
			const { results, paginationToken } = await search();

			expect(results).toEqual([
				...enabled('MESSAGE').map((workflow) => ({ name: `${workflow.name} (message)`, value: workflow.id, description: workflow.description })),
				...enabled('INCIDENT').map((workflow) => ({ name: `${workflow.name} (incident)`, value: workflow.id, description: workflow.description })),
			]);
			expect(paginationToken).toBeUndefined();
			expect(apiCalls(sb()).map((request) => request.query.type)).toEqual(['message', 'incident']);
		});

		it('is searched by name or description, as each keystroke asks, from the list read less than a minute ago: no request', async () => {
			const { results } = await search('every mailbox');

			expect(results.map((result) => result.name)).toEqual(['Pull message from all mailboxes (message)']);
			expect(apiCalls(sb())).toEqual([]);
		});
	});
});
