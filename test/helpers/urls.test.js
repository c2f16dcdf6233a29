const { splitUrls, checkUrl, decodeBatches } = require('../../dist/nodes/Proofpoint/helpers/urls');

describe('the URLs of an item', () => {
	test('one per line, or separated by spaces or ", "; a comma inside a URL stays', () => {
		expect(splitUrls('https://a.example/x,y\nhttps://b.example  https://c.example, https://d.example')).toEqual([
			'https://a.example/x,y',
			'https://b.example',
			'https://c.example',
			'https://d.example',
		]);
	});

	test('a list from an expression is taken as it is, blanks dropped', () => {
		expect(splitUrls(['https://a.example', '', 'https://b.example'])).toEqual(['https://a.example', 'https://b.example']);
		expect(splitUrls('')).toEqual([]);
	});

	test('only http(s) URLs are sent', () => {
		expect(checkUrl(' https://urldefense.com/v3/__https://x.example__;!!A!b$ ')).toEqual({ value: 'https://urldefense.com/v3/__https://x.example__;!!A!b$' });
		expect(checkUrl('javascript:alert(1)').problem).toBe('has an entry that is not an http(s) URL: "javascript:alert(1)"');
		expect(checkUrl(42).problem).toBe('must be a URL, but an entry is a number');
		expect(checkUrl(`https://x.example/${'a'.repeat(9000)}`).problem).toMatch(/at most 8192/);
	});
});

describe('decode batches', () => {
	test('1,000 URLs from 1,000 items are one request; repeats are sent once', () => {
		const urls = Array.from({ length: 1000 }, (_, index) => `https://urldefense.com/v3/__https://site${index % 800}.example/__;!!A!b$`);
		const batches = decodeBatches(urls, 1000, 256 * 1024);

		expect(batches).toHaveLength(1);
		expect(batches[0]).toHaveLength(800);
	});

	test('2,500 distinct URLs are 3 requests of at most 1,000', () => {
		const urls = Array.from({ length: 2500 }, (_, index) => `https://x.example/${index}`);
		expect(decodeBatches(urls, 1000, 256 * 1024).map((batch) => batch.length)).toEqual([1000, 1000, 500]);
	});

	test('long URLs are split by size, so no body grows past the cap', () => {
		const urls = Array.from({ length: 100 }, (_, index) => `https://x.example/${index}/${'p'.repeat(5000)}`);
		const batches = decodeBatches(urls, 1000, 256 * 1024);
		expect(batches.length).toBeGreaterThan(1);
		for (const batch of batches) expect(JSON.stringify({ urls: batch }).length).toBeLessThan(256 * 1024 + 8192);
		expect(batches.flat()).toEqual(urls);
	});
});
