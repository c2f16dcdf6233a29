const {
	ESSENTIALS_STACKS,
	TAP_DEFAULT_BASE_URL,
	buildPath,
	checkBaseUrl,
	essentialsBaseUrl,
	tapBaseUrl,
} = require('../../dist/nodes/Proofpoint/transport/baseUrl');

const LABEL = 'Base URL';

describe('checkBaseUrl', () => {
	test.each([
		['an https URL', 'https://us1.proofpointessentials.com/api/v1', 'https://us1.proofpointessentials.com/api/v1'],
		['trailing slashes, dropped', 'https://us1.proofpointessentials.com/api/v1//', 'https://us1.proofpointessentials.com/api/v1'],
		['surrounding spaces, dropped', '  https://proxy.example/api/v1 ', 'https://proxy.example/api/v1'],
		['plain http on 127.0.0.1', 'http://127.0.0.1:8787/us1/api/v1', 'http://127.0.0.1:8787/us1/api/v1'],
		['plain http on another 127.x address', 'http://127.10.20.30/us1/api/v1', 'http://127.10.20.30/us1/api/v1'],
		['plain http on localhost', 'http://localhost:8787/us1/api/v1', 'http://localhost:8787/us1/api/v1'],
		['plain http on [::1]', 'http://[::1]:8787/us1/api/v1', 'http://[::1]:8787/us1/api/v1'],
	])('accepts %s', (_, raw, url) => {
		expect(checkBaseUrl(raw, LABEL)).toEqual({ url });
	});

	test('refuses plain http to any other host, saying the key would travel unencrypted', () => {
		const { problem } = checkBaseUrl('http://essentials.example.com/api/v1', LABEL);
		expect(problem).toBe(
			'Base URL uses plain http:// for essentials.example.com: the credentials would cross the network unencrypted. Use https:// (plain http is allowed only for a loopback sandbox such as 127.0.0.1).',
		);
	});

	test.each([
		['0.0.0.0', 'http://0.0.0.0:8787/api/v1'],
		['a private address', 'http://10.0.0.5/api/v1'],
		['a host that only starts like localhost', 'http://localhost.evil.example/api/v1'],
		['a host that only starts like 127', 'http://127.0.0.1.evil.example/api/v1'],
	])('refuses plain http to %s', (_, raw) => {
		expect(checkBaseUrl(raw, LABEL).problem).toContain('plain http://');
	});

	test.each([
		['a user name and password', 'https://admin:secret@us1.proofpointessentials.com/api/v1'],
		['a query', 'https://us1.proofpointessentials.com/api/v1?debug=1'],
		['a fragment', 'https://us1.proofpointessentials.com/api/v1#top'],
	])('refuses %s', (_, raw) => {
		expect(checkBaseUrl(raw, LABEL)).toEqual({ problem: 'Base URL must not contain a user name, password, query or fragment.' });
	});

	test('refuses another scheme', () => {
		expect(checkBaseUrl('ftp://us1.proofpointessentials.com/api/v1', LABEL)).toEqual({ problem: 'Base URL must start with https://.' });
	});

	test.each([[''], ['us1.proofpointessentials.com/api/v1'], [undefined]])('refuses %p as not a URL, with an example', (raw) => {
		expect(checkBaseUrl(raw, LABEL).problem).toMatch(/^Base URL ".*" is not a URL\. Enter it like https:\/\/us1\.proofpointessentials\.com\/api\/v1\.$/);
	});
});

describe('essentialsBaseUrl', () => {
	test.each(ESSENTIALS_STACKS)('builds the hosted API URL for %s', (stack) => {
		expect(essentialsBaseUrl({ stack })).toEqual({ url: `https://${stack}.proofpointessentials.com/api/v1` });
	});

	test('knows the six stacks of the reference', () => {
		expect(ESSENTIALS_STACKS).toEqual(['us1', 'us2', 'us3', 'us4', 'us5', 'eu1']);
	});

	test('refuses an unknown stack and lists the real ones', () => {
		expect(essentialsBaseUrl({ stack: 'us9' })).toEqual({
			problem: 'Unknown stack "us9". Choose one of us1, us2, us3, us4, us5, eu1 or a custom base URL.',
		});
	});

	test('uses a custom base URL as given, checked', () => {
		expect(essentialsBaseUrl({ stack: 'custom', baseUrl: 'https://proxy.example/api/v1/' })).toEqual({ url: 'https://proxy.example/api/v1' });
		expect(essentialsBaseUrl({ stack: 'custom', baseUrl: 'http://proxy.example/api/v1' }).problem).toMatch(
			/^The credential's Base URL uses plain http:\/\/ for proxy\.example/,
		);
		expect(essentialsBaseUrl({ stack: 'custom' }).problem).toMatch(/^The credential's Base URL "" is not a URL/);
	});
});

describe('tapBaseUrl', () => {
	test('uses the public TAP host when none is given', () => {
		expect(tapBaseUrl({})).toEqual({ url: 'https://tap-api-v2.proofpoint.com' });
		expect(tapBaseUrl({ baseUrl: '' })).toEqual({ url: TAP_DEFAULT_BASE_URL });
	});

	test('checks a custom TAP base URL like any other', () => {
		expect(tapBaseUrl({ baseUrl: 'http://127.0.0.1:8787/' })).toEqual({ url: 'http://127.0.0.1:8787' });
		expect(tapBaseUrl({ baseUrl: 'http://tap.example' }).problem).toMatch(/^The TAP credential's Base URL uses plain http:\/\//);
	});
});

describe('buildPath', () => {
	test('encodes the @ of an email as %40', () => {
		expect(buildPath(['orgs', 'acme.example', 'users', 'bob.smith@acme.example'])).toBe('/orgs/acme.example/users/bob.smith%40acme.example');
	});

	test.each([
		['a slash', 'a/b', '/x/a%2Fb'],
		['a question mark', 'a?b=1', '/x/a%3Fb%3D1'],
		['a hash', 'a#b', '/x/a%23b'],
		['a percent sign', '%2F', '/x/%252F'],
		['a space and a line feed', 'a b\nc', '/x/a%20b%0Ac'],
	])('keeps %s inside its own segment', (_, segment, path) => {
		expect(buildPath(['x', segment])).toBe(path);
	});

	test('writes numbers as they are', () => {
		expect(buildPath(['orgs', 42])).toBe('/orgs/42');
	});
});

describe('unsafeSegment finds what would step out of the addressed path', () => {
	const { unsafeSegment } = require('../../dist/nodes/Proofpoint/transport/baseUrl');

	test.each([
		[['orgs', '..', 'users'], '..'],
		[['orgs', '.', 'users'], '.'],
		[['orgs', '%2E%2e'], '%2E%2e'],
		[['orgs', ''], ''],
	])('%j is refused because of %j', (segments, culprit) => {
		expect(unsafeSegment(segments)).toBe(culprit);
	});

	test('ordinary domains and emails, dots inside included, pass', () => {
		expect(unsafeSegment(['orgs', 'a..b.example', 'users', 'bob.smith@acme.example'])).toBeUndefined();
	});
});

describe('threatApiBase: where a TAP / Essentials Threat API credential points', () => {
	const { threatApiBase } = require('../../dist/nodes/Proofpoint/transport/baseUrl');

	test('a credential saved before the platform existed is TAP, at its Base URL', () => {
		expect(threatApiBase({ baseUrl: 'https://tap-api-v2.proofpoint.com/' })).toEqual({ url: 'https://tap-api-v2.proofpoint.com', kind: 'tap' });
		expect(threatApiBase({})).toEqual({ url: 'https://tap-api-v2.proofpoint.com', kind: 'tap' });
	});

	test.each([
		['essentialsUs', 'https://us-siem.proofpointessentials.com'],
		['essentialsEu', 'https://eu-siem.proofpointessentials.com'],
	])('%s is the Essentials Threat API at %s, whatever Base URL was left in the data', (platform, url) => {
		expect(threatApiBase({ platform, baseUrl: 'https://tap-api-v2.proofpoint.com' })).toEqual({ url, kind: 'essentials' });
	});

	test('a custom Essentials address is checked as every base URL is', () => {
		expect(threatApiBase({ platform: 'essentialsCustom', baseUrl: 'http://127.0.0.1:8787/us-siem/' })).toEqual({ url: 'http://127.0.0.1:8787/us-siem', kind: 'essentials' });
		expect(threatApiBase({ platform: 'essentialsCustom', baseUrl: 'http://siem.example' }).problem).toMatch(/plain http:\/\//);
	});

	test("a custom Essentials platform still holding TAP's address is refused, saying what to enter", () => {
		expect(threatApiBase({ platform: 'essentialsCustom', baseUrl: 'https://tap-api-v2.proofpoint.com' }).problem).toMatch(
			/^The credential's platform is the Essentials Threat API with a custom base URL, but its Base URL is still TAP's address\. Enter the Essentials Threat API address/,
		);
		expect(threatApiBase({ platform: 'essentialsCustom', baseUrl: '' }).problem).toMatch(/its Base URL is empty/);
	});

	test('an unknown platform is named', () => {
		expect(threatApiBase({ platform: 'mars' }).problem).toBe('Unknown platform "mars". Choose TAP or one of the Essentials Threat API entries.');
	});
});

describe('a request a credential is asked to sign', () => {
	const { refusalToSign, checkBaseUrl } = require('../../dist/nodes/Proofpoint/transport/baseUrl');
	const base = checkBaseUrl('http://127.0.0.1:8787/us1/api/v1', 'Base URL');

	test('plain http to a host that is not loopback is refused, in the url or in the older uri form', () => {
		expect(refusalToSign(base, { url: 'http://evil.example/x' })).toMatch(/plain http:\/\/ for evil\.example/);
		expect(refusalToSign(base, { uri: 'http://evil.example/x' })).toMatch(/plain http:\/\/ for evil\.example/);
	});

	test('https anywhere and http on loopback are signed', () => {
		expect(refusalToSign(base, { uri: 'http://127.0.0.1:8787/us1/api/v1/me' })).toBeUndefined();
		expect(refusalToSign(base, { baseURL: 'https://us1.proofpointessentials.com/api/v1', url: '/me' })).toBeUndefined();
	});
});
