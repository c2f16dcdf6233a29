const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { NodeApiError } = require('n8n-workflow');
const { runNode, runWorkflow, testCredential, loadPackageTypes, MANUAL_TRIGGER_TYPE, NO_OP_TYPE } = require('.');

// A small API: `/whoami` wants the header credential's key, `/status/<code>` answers with
// that status, `/text` sends JSON that a node may ask to keep as text; everything else echoes.
const VALID_KEY = 'key-123';
const received = [];
let server;
let baseUrl;

function respond(response, status, body, contentType = 'application/json') {
	response.writeHead(status, { 'content-type': contentType });
	response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function handle(request, response) {
	received.push({ method: request.method, url: request.url, headers: request.headers });
	const [, route, argument] = request.url.split('?')[0].split('/');
	if (route === 'whoami') {
		if (request.headers['x-api-key'] === VALID_KEY) return respond(response, 200, { user: request.headers['x-api-user'] });
		return respond(response, 401, { message: 'Invalid API key' });
	}
	if (route === 'status') return respond(response, Number(argument), { message: `Server answered ${argument}` });
	if (route === 'text') return respond(response, 200, '{"kept":"as text"}');
	if (route === 'bearer') return respond(response, request.headers.authorization === 'Bearer tok-9' ? 200 : 403, {});
	if (route === 'login') return respond(response, 200, { sessionToken: `session-for-${request.headers['x-login']}` });
	if (route === 'suspended') return respond(response, 200, { account: { state: 'suspended' } });
	return respond(response, 200, { path: request.url });
}

beforeAll(async () => {
	server = http.createServer(handle);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	received.length = 0;
});

const lastRequest = () => received[received.length - 1];

// Credential types shaped like the package's: a base URL field referenced in expressions,
// generic header auth, HTTP Basic, and a function `authenticate`.
class TestHeaderApi {
	name = 'testHeaderApi';
	displayName = 'Test Header API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'API User', name: 'apiUser', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US', value: 'us1' },
				{ name: 'EU', value: 'eu1' },
			],
			default: 'us1',
		},
	];
	authenticate = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-User': '={{$credentials.apiUser}}',
				'X-API-Key': '={{$credentials.apiKey}}',
				'X-Region': '={{$credentials.region.toUpperCase()}}',
			},
			qs: { client: 'n8n' },
		},
	};
	test = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/whoami' },
		rules: [{ type: 'responseCode', properties: { value: 401, message: 'The API key was not accepted' } }],
	};
}

class TestBasicApi {
	name = 'testBasicApi';
	displayName = 'Test Basic API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Username', name: 'username', type: 'string', default: '' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
	];
	authenticate = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } },
	};
	test = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/suspended' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'account.state', value: 'suspended', message: 'The account is suspended' },
			},
		],
	};
}

class TestTokenApi {
	name = 'testTokenApi';
	displayName = 'Test Token API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
	];
	async authenticate(credentials, requestOptions) {
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${credentials.token}` } };
	}
	test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/bearer' } };
}

// A node written the way the package's node is: one request per item through
// httpRequestWithAuthentication, errors per item honouring continueOnFail().
class Fetch {
	description = {
		displayName: 'Fetch',
		name: 'fetch',
		group: ['transform'],
		version: 1,
		description: 'Fetches a path from the test API',
		defaults: { name: 'Fetch' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'testHeaderApi', required: true, displayOptions: { show: { authentication: ['header'] } } },
			{ name: 'testBasicApi', required: true, displayOptions: { show: { authentication: ['basic'] } } },
			{ name: 'testTokenApi', required: true, displayOptions: { show: { authentication: ['token'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Header', value: 'header' },
					{ name: 'Basic', value: 'basic' },
					{ name: 'Token', value: 'token' },
				],
				default: 'header',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/' },
			{ displayName: 'Request Options', name: 'requestOptions', type: 'json', default: '{}' },
		],
	};

	async execute() {
		const credentialType = { header: 'testHeaderApi', basic: 'testBasicApi', token: 'testTokenApi' }[
			this.getNodeParameter('authentication', 0)
		];
		const { baseUrl } = await this.getCredentials(credentialType);
		const items = this.getInputData();
		const returnItems = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const extra = this.getNodeParameter('requestOptions', itemIndex);
				const response = await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'GET',
					url: `${baseUrl}${this.getNodeParameter('path', itemIndex)}`,
					json: true,
					...(typeof extra === 'string' ? JSON.parse(extra) : extra),
				});
				returnItems.push({ json: { ...items[itemIndex].json, response }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnItems.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error;
			}
		}
		return [returnItems];
	}
}

// Adds one field to every item; leaves pairedItem to the engine.
class SetField {
	description = {
		displayName: 'Set Field',
		name: 'setField',
		group: ['transform'],
		version: 1,
		description: 'Sets a field',
		defaults: { name: 'Set Field' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Field', name: 'field', type: 'string', default: '' },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
		],
	};

	async execute() {
		return [
			this.getInputData().map((item, itemIndex) => ({
				json: { ...item.json, [this.getNodeParameter('field', itemIndex)]: this.getNodeParameter('value', itemIndex) },
			})),
		];
	}
}

// Fails the way a node's own validation does.
class Refuse {
	description = {
		displayName: 'Refuse',
		name: 'refuse',
		group: ['transform'],
		version: 1,
		description: 'Always refuses',
		defaults: { name: 'Refuse' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute() {
		throw new NodeApiError(this.getNode(), { message: 'quota exceeded' }, { httpCode: '429', message: 'Slow down' });
	}
}

// A stack picker whose custom URL only counts when "custom" is picked, as in the package's
// Essentials credential; and a session token fetched by preAuthentication.
class TestStackApi {
	name = 'testStackApi';
	displayName = 'Test Stack API';
	properties = [
		{
			displayName: 'Stack',
			name: 'stack',
			type: 'options',
			options: [
				{ name: 'US 1', value: 'us1' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'us1',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			displayOptions: { show: { stack: ['custom'] } },
		},
		{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
	];
}

class TestSessionApi {
	name = 'testSessionApi';
	displayName = 'Test Session API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Login', name: 'login', type: 'string', default: '' },
		{ displayName: 'Session Token', name: 'sessionToken', type: 'hidden', typeOptions: { expirable: true }, default: '' },
	];
	authenticate = { type: 'generic', properties: { headers: { 'X-Session': '={{$credentials.sessionToken}}' } } };
	async preAuthentication(credentials) {
		return await this.helpers.httpRequest({
			url: `${credentials.baseUrl}/login`,
			headers: { 'X-Login': credentials.login },
			json: true,
		});
	}
}

// Hands on the credential data a node sees, or fetches with the session credential.
class ShowCredentials {
	description = {
		displayName: 'Show Credentials',
		name: 'showCredentials',
		group: ['transform'],
		version: 1,
		description: 'Outputs its credential data',
		defaults: { name: 'Show Credentials' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'testStackApi', required: true, displayOptions: { show: { mode: ['show'] } } },
			{ name: 'testSessionApi', required: true, displayOptions: { show: { mode: ['session'] } } },
		],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Show', value: 'show' },
					{ name: 'Session', value: 'session' },
				],
				default: 'show',
			},
		],
	};

	async execute() {
		if (this.getNodeParameter('mode', 0) === 'show') {
			return [[{ json: await this.getCredentials('testStackApi'), pairedItem: { item: 0 } }]];
		}
		const { baseUrl } = await this.getCredentials('testSessionApi');
		const response = await this.helpers.httpRequestWithAuthentication.call(this, 'testSessionApi', {
			url: `${baseUrl}/echo`,
			json: true,
		});
		return [[{ json: response, pairedItem: { item: 0 } }]];
	}
}

const credentialTypes = {
	testHeaderApi: TestHeaderApi,
	testBasicApi: TestBasicApi,
	testTokenApi: TestTokenApi,
	testStackApi: TestStackApi,
	testSessionApi: TestSessionApi,
};

const fetchNodeTypes = { 'test.fetch': Fetch };

function headerCredentials(overrides = {}) {
	return { testHeaderApi: { baseUrl, apiUser: 'alice', apiKey: VALID_KEY, ...overrides } };
}

function runFetch({ parameters, credentials = headerCredentials(), ...rest }) {
	return runNode({ parameters, credentials, nodeTypes: fetchNodeTypes, credentialTypes, ...rest });
}

describe('runNode', () => {
	test('sends the generic header auth with expressions resolved and defaults filled in', async () => {
		const r = await runFetch({ parameters: { path: '/whoami' } });

		expect(r.status).toBe('success');
		expect(r.error).toBeUndefined();
		expect(lastRequest().headers).toMatchObject({ 'x-api-user': 'alice', 'x-api-key': VALID_KEY, 'x-region': 'US1' });
		expect(lastRequest().url).toBe('/whoami?client=n8n');
		expect(r.items).toEqual([{ json: { response: { user: 'alice' } }, pairedItem: { item: 0 } }]);
	});

	test('sends HTTP Basic auth from a generic `auth` block', async () => {
		const r = await runFetch({
			parameters: { authentication: 'basic', path: '/echo' },
			credentials: { testBasicApi: { baseUrl, username: 'bob', password: 's3cret' } },
		});

		expect(r.status).toBe('success');
		const expected = `Basic ${Buffer.from('bob:s3cret').toString('base64')}`;
		expect(lastRequest().headers.authorization).toBe(expected);
	});

	test('applies an `authenticate` function', async () => {
		const r = await runFetch({
			parameters: { authentication: 'token', path: '/echo' },
			credentials: { testTokenApi: { baseUrl, token: 'tok-9' } },
		});

		expect(r.status).toBe('success');
		expect(lastRequest().headers.authorization).toBe('Bearer tok-9');
	});

	test('keeps pairedItem on every item and resolves item expressions', async () => {
		const r = await runFetch({
			parameters: { path: '=/echo/{{ $json.id }}' },
			input: [{ json: { id: 'a' } }, { json: { id: 'b' } }, { json: { id: 'c' } }],
		});

		expect(r.status).toBe('success');
		expect(r.items.map((item) => [item.json.response.path, item.pairedItem])).toEqual([
			['/echo/a?client=n8n', { item: 0 }],
			['/echo/b?client=n8n', { item: 1 }],
			['/echo/c?client=n8n', { item: 2 }],
		]);
	});

	test('reports an API failure as status error with the NodeApiError n8n-core builds', async () => {
		const r = await runFetch({ parameters: { path: '/status/404' } });

		expect(r.status).toBe('error');
		expect(r.items).toEqual([]);
		expect(r.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'The resource you are requesting could not be found',
			description: 'Server answered 404',
			context: { data: { message: 'Server answered 404' } },
			nodeName: 'Fetch',
		});
	});

	test('reports a NodeApiError thrown by the node itself', async () => {
		const r = await runNode({ nodeTypes: { 'test.refuse': Refuse } });

		expect(r.status).toBe('error');
		expect(r.error).toMatchObject({ name: 'NodeApiError', httpCode: '429', message: 'Slow down' });
	});

	test('continueRegularOutput gives error items next to the good ones', async () => {
		const r = await runFetch({
			parameters: { path: '={{ $json.path }}' },
			input: [{ json: { path: '/echo' } }, { json: { path: '/status/500' } }],
			onError: 'continueRegularOutput',
		});

		expect(r.status).toBe('success');
		expect(r.items).toEqual([
			{ json: { path: '/echo', response: { path: '/echo?client=n8n' } }, pairedItem: { item: 0 } },
			{ json: { error: 'The service was not able to process your request' }, pairedItem: { item: 1 } },
		]);
	});

	test('continueErrorOutput routes error items, merged with their input, to the second output', async () => {
		const r = await runFetch({
			parameters: { path: '={{ $json.path }}' },
			input: [{ json: { path: '/echo' } }, { json: { path: '/status/500' } }],
			onError: 'continueErrorOutput',
		});

		expect(r.status).toBe('success');
		expect(r.outputs).toHaveLength(2);
		expect(r.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(r.outputs[1]).toEqual([
			{
				json: { path: '/status/500', error: 'The service was not able to process your request' },
				pairedItem: { item: 1 },
			},
		]);
	});

	test('a node without its credentials fails instead of looking successful', async () => {
		const r = await runFetch({ parameters: { path: '/echo' }, credentials: {} });

		expect(r.status).toBe('error');
		expect(r.error.message).toBe('Node does not have any credentials set for "testHeaderApi"');
		expect(received).toHaveLength(0);
	});

	test('builds fresh nodes for each run', async () => {
		const parameters = { path: '/echo' };
		await runFetch({ parameters });
		await runFetch({ parameters });

		expect(parameters).toEqual({ path: '/echo' });
		expect(received).toHaveLength(2);
	});
});

describe('credentials as a node sees them', () => {
	const showNodeTypes = { 'test.showCredentials': ShowCredentials };

	test.each([
		['fills in defaults', {}, { stack: 'us1', apiKey: '' }],
		['drops a field its displayOptions hide', { baseUrl: 'http://ignored' }, { stack: 'us1', apiKey: '' }],
		['keeps a field its displayOptions show', { stack: 'custom', baseUrl: 'http://x' }, { stack: 'custom', baseUrl: 'http://x', apiKey: '' }],
		['resolves expressions in the data', { apiKey: '={{ "key-" + (40 + 2) }}' }, { stack: 'us1', apiKey: 'key-42' }],
	])('%s', async (_, data, expected) => {
		const r = await runNode({ nodeTypes: showNodeTypes, credentialTypes, credentials: { testStackApi: data } });

		expect(r.status).toBe('success');
		expect(r.items[0].json).toEqual(expected);
	});

	test('runs preAuthentication for an empty expirable token and authenticates with its result', async () => {
		const r = await runNode({
			nodeTypes: showNodeTypes,
			credentialTypes,
			parameters: { mode: 'session' },
			credentials: { testSessionApi: { baseUrl, login: 'ann' } },
		});

		expect(r.status).toBe('success');
		expect(received.map((request) => request.url)).toEqual(['/login', '/echo']);
		expect(lastRequest().headers['x-session']).toBe('session-for-ann');
	});
});

// What n8n-core's request helper does with the options the package's transport will use.
describe('httpRequestWithAuthentication behaviour', () => {
	const fetchWith = (path, requestOptions) => runFetch({ parameters: { path, requestOptions } });

	test('a 401 is sent twice: n8n-core retries once after asking for pre-authentication', async () => {
		const r = await runFetch({ parameters: { path: '/whoami' }, credentials: headerCredentials({ apiKey: 'wrong' }) });

		expect(r.error).toMatchObject({ httpCode: '401', message: 'Authorization failed - please check your credentials' });
		expect(received).toHaveLength(2);
	});

	test('ignoreHttpStatusErrors resolves with the error body instead of throwing', async () => {
		const r = await fetchWith('/status/429', { ignoreHttpStatusErrors: true });

		expect(r.status).toBe('success');
		expect(r.items[0].json.response).toEqual({ message: 'Server answered 429' });
	});

	test('returnFullResponse gives body, headers, statusCode and statusMessage', async () => {
		const r = await fetchWith('/status/429', { ignoreHttpStatusErrors: true, returnFullResponse: true });

		expect(r.items[0].json.response).toMatchObject({
			body: { message: 'Server answered 429' },
			statusCode: 429,
			statusMessage: 'Too Many Requests',
			headers: { 'content-type': 'application/json' },
		});
	});

	test("encoding: 'text' keeps a JSON body as a string", async () => {
		const r = await fetchWith('/text', { encoding: 'text' });

		expect(r.items[0].json.response).toBe('{"kept":"as text"}');
	});

	test('re-wrapping its error in a NodeApiError returns it unchanged: new message and itemIndex are lost', async () => {
		class Rewrap extends Fetch {
			async execute() {
				try {
					return await super.execute();
				} catch (error) {
					throw new NodeApiError(this.getNode(), error, { message: 'Custom message', itemIndex: 0 });
				}
			}
		}
		const r = await runFetch({ parameters: { path: '/status/404' }, nodeTypes: { 'test.fetch': Rewrap } });

		expect(r.error.message).toBe('The resource you are requesting could not be found');
		expect(r.error.context.itemIndex).toBeUndefined();
	});
});

// What the engine does when a node throws instead of handling continueOnFail() per item.
describe('a node that throws under onError', () => {
	class ThrowAlways extends Refuse {}

	test('continueRegularOutput passes the input items on and the run still ends in error', async () => {
		const r = await runNode({
			nodeTypes: { 'test.throw': ThrowAlways },
			input: [{ json: { a: 1 } }],
			onError: 'continueRegularOutput',
		});

		expect(r.status).toBe('error');
		expect(r.items).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);
		expect(r.error.message).toBe('Slow down');
	});

	test('continueErrorOutput puts the input items on the success output, not the error output', async () => {
		const r = await runNode({
			nodeTypes: { 'test.throw': ThrowAlways },
			input: [{ json: { a: 1 } }],
			onError: 'continueErrorOutput',
		});

		expect(r.outputs[0]).toEqual([{ json: { a: 1 }, pairedItem: { item: 0 } }]);
		expect(r.outputs[1] ?? []).toEqual([]);
	});
});

describe('runWorkflow', () => {
	const workflow = {
		name: 'Manual trigger, two chained nodes',
		nodes: [
			{ id: '1', name: 'When clicking', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: 'Tag',
				type: 'test.setField',
				typeVersion: 1,
				position: [200, 0],
				parameters: { field: 'tag', value: 'vip' },
			},
			{
				id: '3',
				name: 'Look up',
				type: 'test.fetch',
				typeVersion: 1,
				position: [400, 0],
				parameters: { path: '=/users/{{ $json.tag }}' },
				credentials: { testHeaderApi: { id: 'cred-1', name: 'Test API account' } },
			},
			{ id: '4', name: 'Done', type: NO_OP_TYPE, typeVersion: 1, position: [600, 0], parameters: {} },
			{
				id: '5',
				name: 'Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [0, -200],
				parameters: { content: 'Tags the user, then looks them up' },
			},
		],
		connections: {
			'When clicking': { main: [[{ node: 'Tag', type: 'main', index: 0 }]] },
			Tag: { main: [[{ node: 'Look up', type: 'main', index: 0 }]] },
			'Look up': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
	};
	const nodeTypes = { 'test.fetch': Fetch, 'test.setField': SetField };

	test('runs from a Manual Trigger through the chain', async () => {
		const w = await runWorkflow(workflow, {
			credentials: headerCredentials(),
			nodeTypes,
			credentialTypes,
			input: [{ json: { name: 'Ann' } }],
		});

		expect(w.status).toBe('success');
		expect(w.error).toBeUndefined();
		expect(w.output('Tag')).toEqual([{ json: { name: 'Ann', tag: 'vip' }, pairedItem: { item: 0 } }]);
		expect(w.output('Done')).toEqual([
			{ json: { name: 'Ann', tag: 'vip', response: { path: '/users/vip?client=n8n' } }, pairedItem: { item: 0 } },
		]);
		expect(Object.keys(w.runData)).toEqual(['When clicking', 'Tag', 'Look up', 'Done']);
	});

	test('gives a node the credential it declares when the export has no reference to it', async () => {
		const withoutReference = structuredClone(workflow);
		delete withoutReference.nodes.find((node) => node.name === 'Look up').credentials;

		const w = await runWorkflow(withoutReference, { credentials: headerCredentials(), nodeTypes, credentialTypes });

		expect(w.status).toBe('success');
		expect(lastRequest().headers['x-api-key']).toBe(VALID_KEY);
	});

	test('stops at a failing node and says which one', async () => {
		const w = await runWorkflow(workflow, {
			credentials: headerCredentials({ apiKey: 'wrong', baseUrl: `${baseUrl}/status/503?` }),
			nodeTypes,
			credentialTypes,
		});

		expect(w.status).toBe('error');
		expect(w.error).toMatchObject({ name: 'NodeApiError', httpCode: '503', nodeName: 'Look up' });
		expect(() => w.output('Done')).toThrow('Node "Done" has no run 0');
	});

	test('refuses a workflow without a start node', async () => {
		const withoutStart = { ...workflow, nodes: workflow.nodes.slice(1) };

		await expect(runWorkflow(withoutStart, { nodeTypes, credentialTypes })).rejects.toThrow('needs a start node');
	});
});

describe('testCredential', () => {
	test('OK when the test request succeeds', async () => {
		const t = await testCredential('testHeaderApi', { baseUrl, apiKey: VALID_KEY }, { credentialTypes });

		expect(t).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(lastRequest().headers).toMatchObject({ 'x-api-key': VALID_KEY, 'x-region': 'US1' });
	});

	test("a responseCode rule's message for its status", async () => {
		const t = await testCredential('testHeaderApi', { baseUrl, apiKey: 'wrong' }, { credentialTypes });

		expect(t).toEqual({ status: 'Error', message: 'The API key was not accepted' });
	});

	test('the HTTP status text for a status without a rule', async () => {
		const t = await testCredential('testHeaderApi', { baseUrl: `${baseUrl}/status/500?` }, { credentialTypes });

		expect(t).toEqual({ status: 'Error', message: 'Internal Server Error' });
	});

	test('the error code when nothing answers', async () => {
		const closed = http.createServer();
		await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const deadUrl = `http://127.0.0.1:${closed.address().port}`;
		await new Promise((resolve) => closed.close(resolve));

		const t = await testCredential('testHeaderApi', { baseUrl: deadUrl }, { credentialTypes });

		expect(t).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	test('a responseSuccessBody rule turns a 200 into an error', async () => {
		const t = await testCredential('testBasicApi', { baseUrl, username: 'u', password: 'p' }, { credentialTypes });

		expect(t).toEqual({ status: 'Error', message: 'The account is suspended' });
	});

	test('applies an `authenticate` function to the test request', async () => {
		expect(await testCredential('testTokenApi', { baseUrl, token: 'tok-9' }, { credentialTypes })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await testCredential('testTokenApi', { baseUrl, token: 'old' }, { credentialTypes })).toEqual({
			status: 'Error',
			message: 'Forbidden',
		});
	});

	test('a credential type without a test', async () => {
		const t = await testCredential('testStackApi', {}, { credentialTypes });

		expect(t).toEqual({ status: 'Error', message: 'No testing function found for this credential.' });
	});
});

describe("the package's own types", () => {
	const built = fs.existsSync(path.join(__dirname, '..', '..', 'dist'));

	(built ? test.skip : test)('without a build, runNode says to run the build', async () => {
		await expect(runNode({ parameters: {} })).rejects.toThrow('npm run build');
	});

	(built ? test : test.skip)('loads the node and the trigger as n8n-nodes-proofpoint.proofpoint and .proofpointTrigger', () => {
		const { nodeTypes, credentialTypes: packageCredentials } = loadPackageTypes();

		expect(Object.keys(nodeTypes)).toEqual(['n8n-nodes-proofpoint.proofpoint', 'n8n-nodes-proofpoint.proofpointTrigger']);
		expect(Object.keys(packageCredentials).length).toBeGreaterThan(0);
	});
});
