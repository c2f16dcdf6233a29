'use strict';

const { useSandbox, seen, sandboxCredentials, SANDBOX_CREDENTIALS } = require('../support');
const { demoTenant } = require('../../sandbox');
const { networkCodeOf } = require('../../dist/nodes/Proofpoint/transport/request');

// Cheap calls to hang errors on: one GET, one POST (never repeated on a 5xx), one GET + PUT.
const getBob = { resource: 'user', operation: 'get', domain: 'acme.example', email: 'bob.smith@acme.example' };
const listAcme = { resource: 'user', operation: 'getAll', domain: 'acme.example', returnAll: true };
const createUser = (email) => ({ resource: 'user', operation: 'create', domain: 'acme.example', email, additionalFields: {} });
const getOrg = (domain) => ({ resource: 'organization', operation: 'get', domain });
const statuses = (sb) => sb.requests.map((request) => request.status);
const whereOf = (sb) => `${sb.url.replace('http://', '')}/us1/api/v1`;

describe('Proofpoint Essentials errors, through the node', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0, slowMs: 5000 });

	it('401: points at the API key, the API user and the stack, after one request', async () => {
		const result = await run(getBob, { login: { apiUser: 'api@partner.example', apiKey: 'wrong-key' } });

		expect(result.status).toBe('error');
		expect(seen(sb())).toHaveLength(1);
		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toBe('Proofpoint Essentials refused the API user or key (401)');
		expect(result.error.description).toBe(
			`Check the API key, that API User is the account the key belongs to, and that the credential's stack (${whereOf(sb())}) is the one in your admin portal's address. Proofpoint said: "Authentication failed: unknown X-User or wrong X-Password".`,
		);
	});

	it('403: says the organization admin has no access to another customer', async () => {
		const result = await run(getOrg('initech.example'), { login: 'orgAdmin' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.message).toBe('Not allowed to do this in "initech.example" (403)');
		expect(result.error.description).toContain('Proofpoint said: "admin@acme.example has no access to organization initech.example"');
	});

	it('403: says a read-only admin cannot write, and nothing is created', async () => {
		const result = await run(createUser('ro.attempt@acme.example'), { login: 'readOnly' });

		expect(result.error.message).toBe('Not allowed to do this in "acme.example" (403)');
		expect(result.error.description).toContain('read-only admin');
		expect(result.error.description).toContain('is a read-only administrator and cannot make changes through the API');
		expect(sb().getUser('acme.example', 'ro.attempt@acme.example')).toBeUndefined();
	});

	it('404: words a missing user and a missing organization differently', async () => {
		const user = await run({ ...getBob, email: 'nobody@acme.example' });
		const org = await run(getOrg('nobody.example'));

		// The organization is there (asked once after the 404): the user is what is missing.
		expect(user.error.message).toBe('User "nobody@acme.example" is not in organization acme.example (404)');
		expect(user.error.description).toContain("Check that \"nobody@acme.example\" is the user's primary email address");
		expect(org.error.message).toBe(`Organization "nobody.example" not found on ${whereOf(sb())} (404)`);
		expect(org.error.description).toContain('Any domain of the organization works.');
		expect(org.error.description).not.toContain('primary email');
		// The user's 404, the organization asked once (200), the organization's 404.
		expect(statuses(sb())).toEqual([404, 200, 404]);
	});

	describe('429', () => {
		it('waits as Retry-After asks and succeeds on the second request', async () => {
			sb().failNext({ path: '/users/', mode: '429-retry-after' });
			const result = await run(getBob);

			expect(result.status).toBe('success');
			expect(statuses(sb())).toEqual([429, 200]);
			expect(result.items[0].json.primary_email).toBe('bob.smith@acme.example');
		});

		it('retries a POST too, since nothing was done', async () => {
			sb().failNext({ method: 'POST', path: '/users', mode: '429-retry-after' });
			const result = await run(createUser('throttled.once@acme.example'));

			expect(result.status).toBe('success');
			expect(statuses(sb())).toEqual([429, 201]);
			expect(sb().getUser('acme.example', 'throttled.once@acme.example')).toBeDefined();
		});

		it('gives up after 4 attempts and says so', async () => {
			sb().failNext({ path: '/users/', mode: '429-retry-after', count: 4 });
			const result = await run(getBob);

			expect(statuses(sb())).toEqual([429, 429, 429, 429]);
			expect(result.error.httpCode).toBe('429');
			expect(result.error.message).toBe('Proofpoint Essentials is throttling requests (429) after 4 attempts');
		});
	});

	describe('5xx', () => {
		it('retries a GET after a 502 and succeeds', async () => {
			sb().failNext({ path: '/users/', mode: '502' });
			const result = await run(getBob);

			expect(result.status).toBe('success');
			expect(statuses(sb())).toEqual([502, 200]);
		});

		it('retries the PUT of an update after a 503: GET, PUT, PUT', async () => {
			sb().failNext({ method: 'PUT', mode: '503' });
			const result = await run({ resource: 'user', operation: 'update', domain: 'acme.example', email: 'noreply@acme.example', updateFields: { surname: 'Reply-Bot' } });

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => `${request.method} ${request.status}`)).toEqual(['GET 200', 'PUT 503', 'PUT 204']);
			expect(sb().getUser('acme.example', 'noreply@acme.example').surname).toBe('Reply-Bot');
		});

		it('names the status and the attempts when every try fails (4 requests)', async () => {
			sb().failNext({ path: '/users/', mode: '500', count: 4 });
			const result = await run(getBob);

			expect(statuses(sb())).toEqual([500, 500, 500, 500]);
			expect(result.error.httpCode).toBe('500');
			expect(result.error.message).toBe('Proofpoint Essentials had a server error (500) after 4 attempts');
			expect(result.error.description).toContain('retried with backoff');
			expect(result.error.description).toContain('Proofpoint said: "Internal Server Error"');
		});

		it('never repeats a create: one POST, and the error says it was not retried', async () => {
			sb().failNext({ method: 'POST', mode: '503' });
			const result = await run(createUser('once.only@acme.example'));

			expect(seen(sb())).toEqual(['POST /orgs/acme.example/users']);
			expect(result.error.message).toBe('Proofpoint Essentials had a server error (503)');
			expect(result.error.description).toContain('not retried');
			expect(result.error.description).not.toContain('retried with backoff');
		});

		it('reports an HTML outage page without its markup', async () => {
			sb().failNext({ method: 'POST', mode: 'html' });
			const result = await run(createUser('outage@acme.example'));

			expect(result.error.message).toBe('Proofpoint Essentials had a server error (503)');
			expect(result.error.description).not.toMatch(/[<>]/);
			expect(result.error.description).not.toContain('Proofpoint said');
		});

		it('retries a GET answered by an HTML outage page and succeeds', async () => {
			sb().failNext({ path: '/users/', mode: 'html' });
			const result = await run(getBob);

			expect(result.status).toBe('success');
			expect(statuses(sb())).toEqual([503, 200]);
		});
	});

	describe('the connection', () => {
		it('retries a GET whose connection was reset and succeeds', async () => {
			sb().failNext({ path: '/users/', mode: 'reset' });
			const result = await run(getBob);

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => request.fault)).toEqual(['reset', null]);
		});

		it('names the host when a create’s connection is reset, and sends it once', async () => {
			sb().failNext({ method: 'POST', mode: 'reset' });
			const result = await run(createUser('reset@acme.example'));

			expect(sb().requests).toHaveLength(1);
			expect(result.error.message).toBe(`Could not reach Proofpoint Essentials at ${whereOf(sb())} (ECONNRESET)`);
			expect(result.error.description).toBe("Check the credential's stack or base URL and that n8n can reach it.");
		});

		it('gives up on a silent server after the Request Timeout and names it', async () => {
			sb().failNext({ method: 'POST', mode: 'slow' });
			const result = await run({ ...createUser('slow@acme.example'), options: { requestTimeout: 1000 } });

			expect(sb().requests).toHaveLength(1);
			expect(result.error.message).toBe(`No answer from Proofpoint Essentials at ${whereOf(sb())} within 1000 ms`);
			expect(result.error.description).toContain('Raise the Request Timeout option');
		});

		it('retries a GET that timed out and succeeds', async () => {
			sb().failNext({ path: '/users/', mode: 'slow' });
			const result = await run({ ...getBob, options: { requestTimeout: 1000 } });

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => request.fault)).toEqual(['slow', null]);
		});
	});

	describe('answers that are not what they should be', () => {
		it('retries a GET whose JSON was cut off and succeeds', async () => {
			sb().failNext({ path: '/users', mode: 'malformed-json' });
			const result = await run(listAcme);

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => request.fault)).toEqual(['malformed-json', null]);
			expect(result.items).toHaveLength(sb().state.orgs['acme.example'].users.length);
		});

		it('says a create’s answer was not JSON, without repeating the create', async () => {
			sb().failNext({ method: 'POST', mode: 'malformed-json' });
			const result = await run(createUser('garbled@acme.example'));

			expect(sb().requests).toHaveLength(1);
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe(`Proofpoint Essentials at ${whereOf(sb())} sent a response that is not valid JSON`);
		});

		it('treats an empty 200 to a user list as an error, not as zero users', async () => {
			sb().failNext({ path: '/users', mode: 'empty' });
			const result = await run(listAcme);

			expect(result.status).toBe('error');
			expect(result.items).toEqual([]);
			expect(sb().requests).toHaveLength(1);
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.message).toBe('Proofpoint Essentials sent an unexpected response: no "users" list in the answer');
			expect(result.error.description).toContain('Nothing was changed');
		});

		it('treats an empty 200 to a user Get as an error', async () => {
			sb().failNext({ path: '/users/', mode: 'empty' });
			const result = await run(getBob);

			expect(result.error.message).toBe('Proofpoint Essentials sent an unexpected response: an empty or non-object answer');
		});
	});

	describe('base URLs', () => {
		it('refuses a plain http:// custom base URL to a non-loopback host before any request', async () => {
			const credentials = sandboxCredentials(sb());
			// 0.0.0.0 reaches the sandbox on Linux, so a request that slipped through would show in sb.requests.
			credentials.proofpointEssentialsApi.baseUrl = sb().essentialsUrl('us1').replace('127.0.0.1', '0.0.0.0');
			const result = await run(getBob, { credentials });

			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(/^The credential's Base URL uses plain http:\/\/ for 0\.0\.0\.0: the credentials would cross the network unencrypted\. Use https:\/\//);
			expect(result.error.description).toBe('Edit the Proofpoint Essentials credential.');
			expect(sb().requests).toEqual([]);
		});

		it('refuses the same for the TAP credential', async () => {
			const credentials = sandboxCredentials(sb());
			credentials.proofpointTapApi.baseUrl = sb().tapUrl.replace('127.0.0.1', '0.0.0.0');
			const result = await run({ resource: 'vap', operation: 'getAll', window: 30, returnAll: false, limit: 5 }, { credentials });

			expect(result.error.message).toMatch(/^The TAP credential's Base URL uses plain http:\/\/ for 0\.0\.0\.0/);
			expect(result.error.description).toBe('Edit the Proofpoint TAP / Essentials Threat API credential.');
			expect(sb().requests).toEqual([]);
		});

		it('accepts a custom base URL with a trailing slash', async () => {
			const credentials = sandboxCredentials(sb());
			credentials.proofpointEssentialsApi.baseUrl = `${sb().essentialsUrl('us1')}/`;
			const result = await run(getBob, { credentials });

			expect(result.status).toBe('success');
			expect(sb().requests[0].rawPath).toBe('/us1/api/v1/orgs/acme.example/users/bob.smith%40acme.example');
		});
	});
});

describe('when Proofpoint asks to wait longer than a minute', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 120 });

	it('gives up at once instead of holding the workflow, and says how long to wait', async () => {
		sb().failNext({ path: '/users/', mode: '429-retry-after' });
		const result = await run(getBob);

		expect(statuses(sb())).toEqual([429]);
		expect(result.error.message).toBe('Proofpoint Essentials is throttling requests (429)');
		expect(result.error.description).toContain('Proofpoint asked to wait 120 s.');
	});
});

describe('secrets never reach the output or the error', () => {
	const API_KEY = 'ppk-7f3c9e1d-DISTINCT-essentials-key';
	const TAP_SECRET = 'tap-4b2a8c6e-DISTINCT-tap-secret';
	const tenant = demoTenant();
	tenant.credentials.essentials[SANDBOX_CREDENTIALS.essentials.partner.apiUser] = API_KEY;
	tenant.credentials.tap[SANDBOX_CREDENTIALS.tap.principal] = TAP_SECRET;
	const { run, sb } = useSandbox({ tenant, retryAfterSeconds: 0 });

	function credentials({ apiKey = API_KEY, secret = TAP_SECRET } = {}) {
		const given = sandboxCredentials(sb());
		given.proofpointEssentialsApi.apiKey = apiKey;
		given.proofpointTapApi.secret = secret;
		return given;
	}

	function expectNoSecret(result, ...secrets) {
		const everything = JSON.stringify(result);
		for (const secret of secrets) {
			expect(everything).not.toContain(secret);
			expect(everything).not.toContain(Buffer.from(`${SANDBOX_CREDENTIALS.tap.principal}:${secret}`).toString('base64'));
		}
	}

	it('in a successful run', async () => {
		const result = await run(getBob, { credentials: credentials() });

		expect(result.status).toBe('success');
		expect(sb().requests[0].authOk).toBe(true);
		expectNoSecret(result, API_KEY);
	});

	it('in a 401 with a wrong key', async () => {
		const wrongKey = 'ppk-wrong-0a1b2c3d-DISTINCT';
		const result = await run(getBob, { credentials: credentials({ apiKey: wrongKey }) });

		expect(result.error.httpCode).toBe('401');
		expectNoSecret(result, wrongKey);
	});

	it('in a server error and a network error, as error items with Continue On Fail', async () => {
		sb().failNext({ method: 'POST', mode: '500' });
		sb().failNext({ method: 'POST', mode: 'reset' });
		const input = [{ json: { email: 'secret.one@acme.example' } }, { json: { email: 'secret.two@acme.example' } }];
		const result = await run(createUser('={{ $json.email }}'), { input, credentials: credentials(), onError: 'continueRegularOutput' });

		expect(result.items.map((item) => item.json.error)).toEqual([
			'Proofpoint Essentials had a server error (500)',
			expect.stringMatching(/^Could not reach Proofpoint Essentials at .* \(ECONNRESET\)$/),
		]);
		expectNoSecret(result, API_KEY);
	});

	it('in TAP errors, with the right and a wrong secret', async () => {
		const vaps = { resource: 'vap', operation: 'getAll', window: 30, returnAll: false, limit: 5 };
		sb().failNext({ path: '/v2/people/vap', mode: '503' });
		const serverError = await run(vaps, { credentials: credentials() });
		const wrongSecret = 'tap-wrong-9f8e7d-DISTINCT';
		const unauthorized = await run(vaps, { credentials: credentials({ secret: wrongSecret }) });

		expect(serverError.error.httpCode).toBe('503');
		expect(unauthorized.error.httpCode).toBe('401');
		expectNoSecret(serverError, TAP_SECRET);
		expectNoSecret(unauthorized, wrongSecret);
	});
});

describe('networkCodeOf', () => {
	test.each([
		['a code on the error', { code: 'ECONNRESET' }, 'ECONNRESET'],
		['a code on its cause', { message: 'request failed', cause: { code: 'ENOTFOUND' } }, 'ENOTFOUND'],
		['an ERR_ code', { code: 'ERR_SOCKET_CLOSED' }, 'ERR_SOCKET_CLOSED'],
		['axios’s timeout message', new Error('timeout of 1000ms exceeded'), 'ECONNABORTED'],
		['an HTTP status in code, which is not a network code', { code: 404 }, 'ENETWORK'],
		['nothing to go on', new Error('boom'), 'ENETWORK'],
	])('finds %s', (_, error, code) => {
		expect(networkCodeOf(error)).toBe(code);
	});

	test('does not loop on a cause that points back at itself', () => {
		const error = { message: 'loop' };
		error.cause = error;
		expect(networkCodeOf(error)).toBe('ENETWORK');
	});
});
