// One workflow per resource, executed headless by a real n8n with the packed package installed;
// then a failing call, with and without Continue On Fail.
// Parameters are plain strings here, as workflows saved before the pickers (0.1.0) store them; mcp.test.js uses the picker shape.
const { useRealN8n, oneNodeWorkflow, triggeredWorkflow, credentialRef } = require('./n8n');
const { SUCCEEDED } = require('./outcome');

jest.setTimeout(240000);

const json = (items) => items.map((item) => item.json);

describe('every resource in a real n8n', () => {
	const context = useRealN8n({ vapCount: 30, topClickerCount: 12 });
	beforeEach(() => context.sb.clearRequests());

	test('Organization → Get returns the org with its domains', async () => {
		const result = await context.run(oneNodeWorkflow('org get', { resource: 'organization', operation: 'get', domain: 'acme-corp.example' }));

		expect(result).toHaveEnded(SUCCEEDED);
		const [org] = json(result.output('Proofpoint'));
		expect(org.primary_domain).toBe('acme.example');
		expect(org.domains.map((domain) => domain.name)).toEqual(expect.arrayContaining(['acme.example', 'acme-corp.example']));
	});

	test('User → Update makes a user a functional account (read-modify-write)', async () => {
		const result = await context.run(
			oneNodeWorkflow('user update', {
				resource: 'user',
				operation: 'update',
				domain: 'acme.example',
				email: 'dave.lee@acme.example',
				updateFields: { type: 'functional_account' },
			}),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		expect(json(result.output('Proofpoint'))[0]).toMatchObject({ primary_email: 'dave.lee@acme.example', type: 'functional_account', is_active: true });
		expect(context.sb.getUser('acme.example', 'dave.lee@acme.example').type).toBe('functional_account');
		expect(context.sb.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
	});

	test('Domain → Create adds a domain the org then owns', async () => {
		const result = await context.run(
			oneNodeWorkflow('domain create', {
				resource: 'domain',
				operation: 'create',
				domain: 'initech.example',
				domainName: 'initech-mail.example',
				additionalFields: { destination: 'mx.initech.example' },
			}),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		expect(json(result.output('Proofpoint'))[0]).toMatchObject({ name: 'initech-mail.example', created: true });
		expect(context.sb.getOrg('initech-mail.example').primary_domain).toBe('initech.example');
	});

	test('Licensing → Update changes the licence count and keeps the package', async () => {
		const result = await context.run(
			oneNodeWorkflow('licensing update', {
				resource: 'licensing',
				operation: 'update',
				domain: 'initech.example',
				updateFields: { licenseCount: 77 },
			}),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		const [licensing] = json(result.output('Proofpoint'));
		expect(licensing.license_count).toBe(77);
		expect(licensing.package).toBeTruthy();
	});

	test('Endpoint → Get names the stack that hosts an org', async () => {
		const result = await context.run(oneNodeWorkflow('endpoint get', { resource: 'endpoint', operation: 'get', domain: 'globex.example' }));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(json(result.output('Proofpoint'))[0]).toMatchObject({ domain: 'globex.example', stack: 'us2' });
	});

	test('Very Attacked Person → Get Many returns simplified people, one request', async () => {
		const result = await context.run(
			oneNodeWorkflow('vap', { resource: 'vap', operation: 'getAll', window: 14, returnAll: true, simplify: true }, { credentialType: 'proofpointTapApi' }),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		const people = json(result.output('Proofpoint'));
		expect(people).toHaveLength(30);
		expect(Object.keys(people[0])).toEqual(expect.arrayContaining(['email', 'department', 'attackIndex']));
		expect(context.sb.requests.map((request) => request.query.window)).toEqual(['14']);
	});

	test('Top Clicker → Get Many pages by 200 and stops at the total', async () => {
		const result = await context.run(
			oneNodeWorkflow('top clickers', { resource: 'topClicker', operation: 'getAll', window: 90, returnAll: true, simplify: false }, { credentialType: 'proofpointTapApi' }),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		const people = json(result.output('Proofpoint'));
		expect(people).toHaveLength(12);
		expect(people[0].clickStatistics.clickCount).toEqual(expect.any(Number));
		expect(context.sb.requests).toHaveLength(1);
	});

	// Custom API Call sends users to the HTTP Request node with the Proofpoint credential: it must authenticate there too.
	const httpRequestWorkflow = (name, url, credentialType) =>
		triggeredWorkflow(name, {
			id: 'h',
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { url, authentication: 'predefinedCredentialType', nodeCredentialType: credentialType, options: {} },
			credentials: credentialRef(credentialType),
		});

	test('the HTTP Request node signs Essentials calls with the Proofpoint Essentials credential', async () => {
		const url = `${context.sb.essentialsUrl('us1')}/orgs/acme.example/domains`;
		const result = await context.run(httpRequestWorkflow('http essentials', url, 'proofpointEssentialsApi'));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(json(result.output('HTTP Request'))[0].domains.map((domain) => domain.name)).toContain('acme.example');
		expect(context.sb.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/orgs/acme.example/domains', authOk: true, status: 200 })]);
	});

	test('the HTTP Request node signs TAP calls with the Proofpoint TAP credential', async () => {
		const result = await context.run(httpRequestWorkflow('http tap', `${context.sb.tapUrl}/v2/people/vap?window=30`, 'proofpointTapApi'));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(json(result.output('HTTP Request'))[0].users).toHaveLength(30);
		expect(context.sb.requests).toEqual([expect.objectContaining({ path: '/v2/people/vap', authOk: true, status: 200 })]);
	});

	test('a failing call fails the execution with the node\'s hint', async () => {
		const result = await context.run(oneNodeWorkflow('wrong stack', { resource: 'organization', operation: 'get', domain: 'globex.example' }));

		expect(result).toHaveEnded({
			status: 'error',
			error: {
				message: `Organization "globex.example" not found on ${new URL(context.sb.url).host}/us1/api/v1 (404)`,
				description: expect.stringMatching(/Endpoint → Get/),
			},
		});
	});

	test('with Continue On Fail, the error becomes an item that keeps its pairing', async () => {
		const result = await context.run(
			oneNodeWorkflow(
				'continue on fail',
				{ resource: 'user', operation: 'get', domain: 'acme.example', email: 'nobody@acme.example' },
				{ settings: { onError: 'continueRegularOutput' } },
			),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		const [item] = result.output('Proofpoint');
		expect(item.json.error).toMatch(/nobody@acme\.example.*404/);
		expect(item.json.description).toMatch(/primary email/);
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});
