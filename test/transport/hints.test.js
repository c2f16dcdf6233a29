const { adviseOn } = require('../../dist/nodes/Proofpoint/transport/hints');

const US1 = 'us1.proofpointessentials.com';
const TAP = 'tap-api-v2.proofpoint.com';

const essentials = (status, extra = {}) => ({ api: 'essentials', where: US1, target: { org: 'acme.example' }, status, attempts: 1, ...extra });
const tap = (status, extra = {}) => ({ api: 'tap', where: TAP, target: { people: 'vap' }, status, attempts: 1, ...extra });
const network = (api, networkCode, extra = {}) => ({ api, where: api === 'tap' ? TAP : US1, target: {}, networkCode, attempts: 1, timeoutMs: 30000, ...extra });

describe('every status gets a message that names it', () => {
	test.each([400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 504])('Essentials %p', (status) => {
		const advice = adviseOn(essentials(status));
		expect(advice.message).toContain(String(status));
		expect(advice.description.length).toBeGreaterThan(10);
	});

	test.each([400, 401, 403, 404, 429, 500, 503])('TAP %p', (status) => {
		const advice = adviseOn(tap(status));
		expect(advice.message).toContain(String(status));
		expect(advice.description.length).toBeGreaterThan(10);
	});
});

describe('Proofpoint Essentials', () => {
	test('401 points at the key, the API user and the stack', () => {
		expect(adviseOn(essentials(401))).toEqual({
			message: 'Proofpoint Essentials refused the API user or key (401)',
			description: `Check the API key, that API User is the account the key belongs to, and that the credential's stack (${US1}) is the one in your admin portal's address.`,
		});
	});

	test('403 names the organization and the read-only admin', () => {
		const advice = adviseOn(essentials(403, { apiMessage: 'readonly@acme.example is a read-only administrator' }));
		expect(advice.message).toBe('Not allowed to do this in "acme.example" (403)');
		expect(advice.description).toContain('read-only admin');
		expect(advice.description).toContain('Proofpoint said: "readonly@acme.example is a read-only administrator".');
	});

	test('404 for a user asks for the primary email and suggests the stack lookup', () => {
		const advice = adviseOn(essentials(404, { target: { org: 'acme.example', user: 'robert.smith@acme.example' } }));
		expect(advice.message).toBe(`User "robert.smith@acme.example" or organization "acme.example" not found on ${US1} (404)`);
		expect(advice.description).toContain("primary email address (aliases cannot be addressed)");
		expect(advice.description).toContain('run Endpoint → Get');
	});

	test('404 for a domain of an organization names both', () => {
		const advice = adviseOn(essentials(404, { target: { org: 'acme.example', domain: 'acme.co.uk' } }));
		expect(advice.message).toBe(`Domain "acme.co.uk" or organization "acme.example" not found on ${US1} (404)`);
		expect(advice.description).toContain('Domain → Get Many');
	});

	test('404 for an organization is about the stack, not about a user', () => {
		const advice = adviseOn(essentials(404, { target: { org: 'globex.example' } }));
		expect(advice.message).toBe(`Organization "globex.example" not found on ${US1} (404)`);
		expect(advice.description).toContain(`another stack than ${US1}`);
		expect(advice.description).toContain('Any domain of the organization works.');
		expect(advice.description).not.toContain('primary email');
	});

	test('404 of the stack lookup itself does not send the user to the stack lookup', () => {
		const advice = adviseOn(essentials(404, { target: { org: 'nowhere.example', stackLookup: true } }));
		expect(advice.message).toContain('(404)');
		expect(advice.message).toContain('"nowhere.example"');
		expect(advice.description).not.toContain('Endpoint → Get');
	});

	test('409 says nothing changed and suggests Update', () => {
		const advice = adviseOn(essentials(409, { apiMessage: 'User bob.smith@acme.example already exists' }));
		expect(advice.message).toBe('It already exists in "acme.example" (409)');
		expect(advice.description).toBe(
			'Nothing was changed. Use Update instead of Create, or Get to see the existing entry. Proofpoint said: "User bob.smith@acme.example already exists".',
		);
	});

	test('429 after the retries says how often it tried and how long Proofpoint asked to wait', () => {
		const advice = adviseOn(essentials(429, { attempts: 4, retryAfterMs: 1500 }));
		expect(advice.message).toBe('Proofpoint Essentials is throttling requests (429) after 4 attempts');
		expect(advice.description).toContain('Proofpoint asked to wait 2 s.');
	});

	test('429 given up at once because the wait was too long', () => {
		const advice = adviseOn(essentials(429, { retryAfterMs: 120000 }));
		expect(advice.message).toBe('Proofpoint Essentials is throttling requests (429)');
		expect(advice.description).toContain('Proofpoint asked to wait 120 s.');
	});

	test("429 names no operation's option unless the operation adds its own advice", () => {
		expect(adviseOn(essentials(429)).description).toBe('Too many requests in a short time. Run the workflow again in a few minutes.');
		const advice = adviseOn(essentials(429, { target: { org: 'acme.example', throttleAdvice: 'For Mark Functional Accounts, also lower its Concurrency option.' } }));
		expect(advice.description).toBe('Too many requests in a short time. Run the workflow again in a few minutes. For Mark Functional Accounts, also lower its Concurrency option.');
	});

	test('5xx after the retries names the status and the attempts', () => {
		const advice = adviseOn(essentials(502, { attempts: 4 }));
		expect(advice.message).toBe('Proofpoint Essentials had a server error (502) after 4 attempts');
		expect(advice.description).toContain('retried with backoff');
	});

	test('5xx on a create that was not retried says so, instead of claiming retries', () => {
		const advice = adviseOn(essentials(500, { attempts: 1 }));
		expect(advice.message).toBe('Proofpoint Essentials had a server error (500)');
		expect(advice.description).not.toContain('retried with backoff');
		expect(advice.description).toContain('not retried');
	});

	test('400 passes on what Proofpoint said', () => {
		const advice = adviseOn(essentials(400, { apiMessage: 'Only one user per organization can be non-billable' }));
		expect(advice.message).toBe('Proofpoint Essentials rejected the request as invalid (400)');
		expect(advice.description).toBe(
			'Check the fields you set on this item. Proofpoint said: "Only one user per organization can be non-billable".',
		);
	});

	test('an unexpected status is named as it is', () => {
		expect(adviseOn(essentials(418)).message).toBe('Proofpoint Essentials answered with status 418');
	});

	test('without a target organization the advice still reads', () => {
		expect(adviseOn({ ...essentials(403), target: {} }).message).toBe('Not allowed to do this in the organization (403)');
	});
});

describe('TAP', () => {
	test('401 points at the service principal and secret', () => {
		const advice = adviseOn(tap(401));
		expect(advice.message).toBe('TAP refused the service principal or secret (401)');
		expect(advice.description).toContain('Settings → Connected Applications');
	});

	test('429 explains the rolling 24-hour quota of the endpoint and that nothing is retried', () => {
		const advice = adviseOn(tap(429, { target: { people: 'top-clickers' } }));
		expect(advice.message).toBe("TAP's quota for /v2/people/top-clickers is used up (429)");
		expect(advice.description).toContain('50 requests per endpoint in a rolling 24 hours');
		expect(advice.description).toContain('24 hours after the oldest');
		expect(advice.description).toContain('does not retry a 429');
	});

	test('400 reminds of the accepted windows and passes on the text', () => {
		const advice = adviseOn(tap(400, { apiMessage: 'The window parameter is required' }));
		expect(advice.message).toBe('TAP rejected the request as invalid (400)');
		expect(advice.description).toBe('The People API accepts a window of 14, 30 or 90 days. Proofpoint said: "The window parameter is required".');
	});

	test('5xx says it was not retried, to save quota', () => {
		const advice = adviseOn(tap(500));
		expect(advice.message).toBe('TAP had a server error (500)');
		expect(advice.description).toContain('Not retried');
	});

	test('403 is about the principal’s permissions', () => {
		expect(adviseOn(tap(403)).message).toBe('This TAP service principal may not use this API (403)');
	});
});

describe('network failures', () => {
	test.each(['ETIMEDOUT', 'ECONNABORTED'])('%s names the timeout and the host', (code) => {
		const advice = adviseOn(network('essentials', code, { timeoutMs: 1000, attempts: 4 }));
		expect(advice.message).toBe(`No answer from Proofpoint Essentials at ${US1} within 1000 ms after 4 attempts`);
		expect(advice.description).toContain('Request Timeout');
	});

	test('an answer that is not JSON is blamed on a proxy or outage page', () => {
		const advice = adviseOn(network('essentials', 'INVALID_RESPONSE'));
		expect(advice.message).toBe(`Proofpoint Essentials at ${US1} sent a response that is not valid JSON`);
		expect(advice.description).toContain('proxy or an outage page');
	});

	test('a reset connection names the code and the host', () => {
		expect(adviseOn(network('essentials', 'ECONNRESET')).message).toBe(`Could not reach Proofpoint Essentials at ${US1} (ECONNRESET)`);
	});

	test('the TAP wording sends the user to the TAP credential', () => {
		const advice = adviseOn(network('tap', 'ENOTFOUND'));
		expect(advice.message).toBe(`Could not reach TAP at ${TAP} (ENOTFOUND)`);
		expect(advice.description).toBe('Check the Base URL in the TAP credential and that n8n can reach it.');
	});
});

describe('a create that timed out', () => {
	const { adviseOn } = require('../../dist/nodes/Proofpoint/transport/hints');

	test('warns that it may still have been made', () => {
		const advice = adviseOn({ api: 'essentials', where: 'us1.proofpointessentials.com', target: { org: 'acme.example' }, attempts: 1, method: 'POST', networkCode: 'ECONNABORTED', timeoutMs: 1000 });
		expect(advice.message).toBe('No answer from Proofpoint Essentials at us1.proofpointessentials.com within 1000 ms');
		expect(advice.description).toMatch(/^The create may still have been made: check with Get/);
	});
});

describe('TAP threat APIs and the Essentials Threat API', () => {
	const { adviseOn } = require('../../dist/nodes/Proofpoint/transport/hints');
	const siem = (status, extra = {}) => ({ api: 'tap', where: 'tap-api-v2.proofpoint.com', target: { siem: 'all' }, status, attempts: 1, ...extra });

	test.each([
		['The requested start time is too far into the past. Requests for information up to 7.00d are accepted', 'the range starts further back than Proofpoint keeps SIEM events', 'last 7 days'],
		['The requested interval is too short. Requests must be for at least 30.00s of data', 'a window is shorter than 30 seconds', 'at least 30 seconds'],
		['The requested interval is still current.', 'the range ends now or in the future', 'must be in the past'],
	])("TAP's plain-text 400 %p says the limit", (apiMessage, rule, limit) => {
		const advice = adviseOn(siem(400, { apiMessage }));
		expect(advice.message).toBe(`TAP refused the time range: ${rule} (400)`);
		expect(advice.description).toContain(limit);
		expect(advice.description).toContain(`Proofpoint said: "${apiMessage}"`);
	});

	test('404 on an id names it as unknown; 404 elsewhere points at the platform and Base URL', () => {
		expect(adviseOn({ ...siem(404), target: { campaign: 'c-1' } }).message).toBe('Campaign "c-1" is unknown to TAP (404)');
		expect(adviseOn(siem(404)).description).toMatch(/^Check the credential's platform and Base URL/);
	});

	test('permitted clicks are named as their own pool', () => {
		expect(adviseOn({ ...siem(429), target: { siem: 'clicks/permitted' } }).message).toBe("TAP's SIEM quota for permitted clicks (a pool of its own) is used up (429)");
	});

	test('the Essentials Threat API: 401 says a new key can take 30 minutes; 429 with a long Retry-After says the wait', () => {
		const essentials = (status, extra) => ({ ...siem(status, extra), api: 'essentialsThreat', where: 'us-siem.proofpointessentials.com' });
		expect(adviseOn(essentials(401)).description).toContain('A new key can take up to 30 minutes to become active');
		expect(adviseOn(essentials(429, { retryAfterMs: 120000 })).description).toMatch(/^Proofpoint asked to wait 120 s, longer than this node waits\./);
		expect(adviseOn(essentials(503)).message).toBe('The Essentials Threat API had a server error (503)');
		expect(adviseOn({ ...essentials(undefined), networkCode: 'ECONNRESET' }).message).toBe('Could not reach the Essentials Threat API at us-siem.proofpointessentials.com (ECONNRESET)');
	});
});

describe('rows a user meets', () => {
	const MFA_ADVICE = 'For Mark Functional Accounts, also lower its Concurrency option.';

	test('a user on the wrong stack is sent to Endpoint → Get to find the right one', () => {
		const advice = adviseOn(essentials(404, { target: { org: 'globex.example', user: 'ann.lee@globex.example' }, apiMessage: 'Not Found' }));
		expect(advice.message).toBe(`User "ann.lee@globex.example" or organization "globex.example" not found on ${US1} (404)`);
		expect(advice.description).toBe(
			`Check that "ann.lee@globex.example" is the user's primary email address (aliases cannot be addressed). If "globex.example" is spelled right, it probably lives on another stack than ${US1}: run Endpoint → Get for it to see which stack hosts it, then choose that stack in the credential. Proofpoint said: "Not Found".`,
		);
	});

	test('an empty user or id is not named: the advice is the organization’s or the endpoint’s', () => {
		expect(adviseOn(essentials(404, { target: { org: 'globex.example', user: '' } })).message).toBe(`Organization "globex.example" not found on ${US1} (404)`);
		expect(adviseOn(tap(404, { target: { threat: '' } })).message).toBe(`No such endpoint at ${TAP} (404)`);
	});

	test.each([
		['all', 'SIEM events (one pool for every endpoint but permitted clicks)'],
		['clicks/permitted', 'permitted clicks (a pool of its own)'],
	])('TAP 429 on SIEM %p names the pool and its 1,800 requests a rolling day', (siem, pool) => {
		const advice = adviseOn(tap(429, { target: { siem } }));
		expect(advice.message).toBe(`TAP's SIEM quota for ${pool} is used up (429)`);
		expect(advice.description).toBe(
			'TAP allows 1,800 SIEM requests in a rolling 24 hours per pool; a request becomes available again 24 hours after the oldest one counted. This node does not retry a 429, so it spends no more quota. Each hour of range is one request: read shorter ranges or poll less often.',
		);
	});

	test('the advice an operation adds to a throttling answer ends the description, before what Proofpoint said', () => {
		const withAdvice = (failure) => adviseOn({ ...failure, target: { ...failure.target, throttleAdvice: MFA_ADVICE } }).description;
		expect(withAdvice(essentials(429, { apiMessage: 'Too Many Requests' }))).toBe(
			`Too many requests in a short time. Run the workflow again in a few minutes. ${MFA_ADVICE} Proofpoint said: "Too Many Requests".`,
		);
		expect(withAdvice(tap(429, { target: {} }))).toBe(
			`Proofpoint publishes no limit for this API. This node does not retry a 429, so it spends no more: try again later. ${MFA_ADVICE}`,
		);
		expect(withAdvice({ ...tap(429), api: 'essentialsThreat', target: {} })).toMatch(new RegExp(`read fewer hours per run\\. ${MFA_ADVICE}$`));
	});

	test('throttling advice is left out of every answer but a 429', () => {
		const advice = adviseOn(essentials(503, { target: { org: 'acme.example', throttleAdvice: MFA_ADVICE } }));
		expect(advice.description).not.toContain(MFA_ADVICE);
	});

	test.each([
		[essentials(418), 'Proofpoint Essentials answered with status 418'],
		[tap(418), 'TAP answered with status 418'],
		[{ ...tap(418), api: 'essentialsThreat' }, 'The Essentials Threat API answered with status 418'],
	])('a status no row names falls to "answered with status"', (failure, message) => {
		expect(adviseOn({ ...failure, apiMessage: 'I am a teapot' })).toEqual({ message, description: 'Unexpected status. Proofpoint said: "I am a teapot".' });
	});
});
