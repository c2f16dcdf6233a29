'use strict';

const { useSandbox, seen } = require('../../support');

const decode = (urls) => ({ resource: 'url', operation: 'decode', urls });

describe('URL → Decode', () => {
	const { run, sb } = useSandbox();

	it('decodes v2 and v3 rewritten URLs back to the original links, one item per URL', async () => {
		const original = ['https://evil.example/login?user=alice&next=%2Fhome', 'https://docs.example/a_b-c*d'];
		const rewritten = [sb().urls.encodeV2(original[0]), sb().urls.encodeV3(original[1])];
		const result = await run(decode(rewritten.join('\n')));

		expect(seen(sb())).toEqual(['POST /v2/url/decode']);
		expect(sb().requests[0].body).toEqual({ urls: rewritten });
		expect(result.items.map((item) => [item.json.encodedUrl, item.json.decodedUrl, item.json.success])).toEqual([
			[rewritten[0], original[0], true],
			[rewritten[1], original[1], true],
		]);
	});

	it('gives a URL Proofpoint cannot decode as a result with success false, not a failed node', async () => {
		const result = await run(decode('https://not-rewritten.example/page'));

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ encodedUrl: 'https://not-rewritten.example/page', success: false });
	});

	it('decodes 1,000 URLs from 1,000 items in one request, each result paired with its item', async () => {
		const input = Array.from({ length: 1000 }, (_, index) => ({ json: { link: sb().urls.encodeV3(`https://site${index}.example/p?q=${index}`) } }));
		const result = await run(decode('={{ $json.link }}'), { input });

		expect(sb().requests).toHaveLength(1);
		expect(sb().requests[0].body.urls).toHaveLength(1000);
		expect(result.items).toHaveLength(1000);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.decodedUrl).toBe(`https://site${index}.example/p?q=${index}`);
		});
	});

	it('sends a URL repeated across items once, and answers every item', async () => {
		const link = sb().urls.encodeV2('https://one.example/');
		const result = await run(decode(`={{ $json.link }}`), { input: [{ json: { link } }, { json: { link } }] });

		expect(sb().requests[0].body.urls).toEqual([link]);
		expect(result.items.map((item) => item.json.decodedUrl)).toEqual(['https://one.example/', 'https://one.example/']);
	});

	it('takes a list of URLs from an expression, one output item per URL', async () => {
		const links = [sb().urls.encodeV2('https://a.example/'), sb().urls.encodeV2('https://b.example/')];
		const result = await run(decode('={{ $json.links }}'), { input: [{ json: { links } }] });

		expect(result.items.map((item) => [item.json.decodedUrl, item.pairedItem.item])).toEqual([
			['https://a.example/', 0],
			['https://b.example/', 0],
		]);
	});

	it('refuses an item whose URLs are empty or not http(s) before any request, naming the item', async () => {
		const result = await run(decode('={{ $json.link }}'), { input: [{ json: { link: 'https://ok.example/' } }, { json: { link: 'ftp://x.example/' } }] });

		expect(result.error.message).toBe('Item 1: URLs has an entry that is not an http(s) URL: "ftp://x.example/"');
		expect(sb().requests).toEqual([]);
	});

	it('with Continue On Fail, the bad item is an error item and the others are decoded', async () => {
		const link = sb().urls.encodeV2('https://ok.example/');
		const result = await run(decode('={{ $json.link }}'), {
			input: [{ json: { link } }, { json: { link: '' } }],
			onError: 'continueRegularOutput',
		});

		expect(sb().requests).toHaveLength(1);
		expect(result.items.map((item) => item.json.decodedUrl ?? item.json.error)).toEqual(['https://ok.example/', 'Item 1: URLs is empty']);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	// 1,001 items: a first request of 1,000 URLs (items 0–999), then one of 1 URL (item 1000).
	const twoBatches = () => Array.from({ length: 1001 }, (_, index) => ({ json: { link: sb().urls.encodeV3(`https://site${index}.example/`) } }));

	it('a failing request stops the run at once: the next batch is never sent', async () => {
		sb().failNext({ path: '/v2/url/decode', mode: '500' });
		const result = await run(decode('={{ $json.link }}'), { input: twoBatches() });

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/server error \(500\)/);
		expect(sb().requests).toHaveLength(1);
	});

	it("with Continue On Fail, a failing request makes its items error items and the other batch's items are decoded", async () => {
		sb().failNext({ path: '/v2/url/decode', mode: '500' });
		const result = await run(decode('={{ $json.link }}'), { input: twoBatches(), onError: 'continueRegularOutput' });

		expect(sb().requests.map((request) => request.body.urls.length)).toEqual([1000, 1]);
		expect(result.items).toHaveLength(1001);
		expect(result.items.slice(0, 1000).every((item, index) => /server error \(500\)/.test(item.json.error) && item.pairedItem.item === index)).toBe(true);
		expect(result.items[1000]).toMatchObject({ json: { decodedUrl: 'https://site1000.example/', success: true }, pairedItem: { item: 1000 } });
	});

	it('never retries a 429: the decode quota is explained', async () => {
		sb().failNext({ path: '/v2/url/decode', mode: '429' });
		const result = await run(decode(sb().urls.encodeV2('https://a.example/')));

		expect(sb().requests).toHaveLength(1);
		expect(result.error.message).toBe("TAP's quota for URL decoding is used up (429)");
	});
});
