const { normalizeEndpoint } = require('../../dist/nodes/Proofpoint/helpers/endpoints');

// The shape of /endpoints/{domain} items is undocumented: strings and objects are both read.
describe('normalizeEndpoint', () => {
	describe('from a string', () => {
		test.each([
			['a hosted stack URL', 'https://us2.proofpointessentials.com', { stack: 'us2', url: 'https://us2.proofpointessentials.com' }],
			[
				'a hosted API base URL',
				'https://eu1.proofpointessentials.com/api/v1',
				{ stack: 'eu1', url: 'https://eu1.proofpointessentials.com/api/v1' },
			],
			['an upper-case host', 'https://US3.ProofpointEssentials.com', { stack: 'us3', url: 'https://US3.ProofpointEssentials.com' }],
			[
				'a sandbox URL with the stack in its path',
				'http://127.0.0.1:8787/us2/api/v1',
				{ stack: 'us2', url: 'http://127.0.0.1:8787/us2/api/v1' },
			],
			['a bare stack name', 'us4', { stack: 'us4', url: 'https://us4.proofpointessentials.com/api/v1' }],
			['a bare stack name in capitals, padded', '  EU1 ', { stack: 'eu1', url: 'https://eu1.proofpointessentials.com/api/v1' }],
			['a URL with no stack in it', 'https://proxy.example/essentials', { stack: null, url: 'https://proxy.example/essentials' }],
		])('reads %s', (_, entry, expected) => {
			expect(normalizeEndpoint(entry)).toEqual(expected);
		});

		test('keeps a string that is neither a URL nor a stack, without a stack', () => {
			expect(normalizeEndpoint('somewhere')).toEqual({ stack: null, url: 'somewhere' });
		});
	});

	describe('from an object', () => {
		test.each([
			['stack and url', { stack: 'US2', url: 'https://us2.proofpointessentials.com/api/v1' }, { stack: 'us2', url: 'https://us2.proofpointessentials.com/api/v1' }],
			['url only', { url: 'https://us5.proofpointessentials.com' }, { stack: 'us5', url: 'https://us5.proofpointessentials.com' }],
			['an "endpoint" key', { endpoint: 'https://us1.proofpointessentials.com' }, { stack: 'us1', url: 'https://us1.proofpointessentials.com' }],
			['a "base_url" key', { base_url: 'https://eu1.proofpointessentials.com/api/v1' }, { stack: 'eu1', url: 'https://eu1.proofpointessentials.com/api/v1' }],
			['a "host" key', { host: 'https://us3.proofpointessentials.com' }, { stack: 'us3', url: 'https://us3.proofpointessentials.com' }],
			['stack only', { stack: 'us2' }, { stack: 'us2', url: 'https://us2.proofpointessentials.com/api/v1' }],
		])('reads %s', (_, entry, expected) => {
			expect(normalizeEndpoint(entry)).toEqual(expected);
		});

		test('prefers url over endpoint, base_url and host', () => {
			const entry = { host: 'https://us3.proofpointessentials.com', url: 'https://us1.proofpointessentials.com' };
			expect(normalizeEndpoint(entry)).toEqual({ stack: 'us1', url: 'https://us1.proofpointessentials.com' });
		});
	});

	test.each([
		['an empty string', ''],
		['spaces', '   '],
		['null', null],
		['undefined', undefined],
		['a number', 2],
		['an object with neither url nor stack', { name: 'us2' }],
		['an object whose url is not a string', { url: 42 }],
	])('gives nothing for %s', (_, entry) => {
		expect(normalizeEndpoint(entry)).toBeUndefined();
	});
});
