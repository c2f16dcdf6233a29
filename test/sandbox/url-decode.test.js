'use strict';

const axios = require('axios');
const { startSandbox, urldefense, tapBasicAuth } = require('../../sandbox');
const { DAY, START, tapClient, allEvents } = require('./threat-event-helpers');

const { encodeV1, encodeV2, encodeV3, decode } = urldefense;
const AWKWARD_URLS = [
	'https://example.com/',
	'https://example.com/path/to/page.html?query=1&other=two#fragment',
	'https://example.com/search?q=a+b&r=%20spaced%20&s=100%25',
	'https://example.com/~user/under_score/dash-ed/star*red/**double**',
	'https://example.com/___triple_underscore___/--/',
	'https://ünïcødé.example/façade/übersicht?name=Zoë#ça',
	'https://example.com/emoji/😀/🚀?x=✓',
	'https://example.com/odd$chars!here;and:there@at,comma',
	'https://example.com/quotes"<angle>`back`{brace}|pipe\\back^caret',
	'http://example.com:8080/with space/and\ttab',
	`https://example.com/${'*'.repeat(66)}/${'_'.repeat(67)}/${'é'.repeat(130)}`,
	'https://example.com/ends-with-star*',
	'https://example.com/ends-with-underscore_',
];

describe('URL Defense encodings', () => {
	it.each(AWKWARD_URLS)('round-trips %s through v1, v2 and v3', (url) => {
		for (const encode of [encodeV1, encodeV2, encodeV3]) {
			const rewritten = encode(url, { token: 'event-token' });
			expect(decode(rewritten)).toMatchObject({ url, token: 'event-token' });
		}
	});

	it('writes v2 with % as - and / as _, so a literal - or _ is percent-encoded first', () => {
		const rewritten = encodeV2('https://my-site.example/a_b?c=%41');
		expect(rewritten).toMatch(/^https:\/\/urldefense\.proofpoint\.com\/v2\/url\?u=/);
		const u = new URL(rewritten).searchParams.get('u');
		expect(u).toBe('https-3A__my-2Dsite.example_a-5Fb-3Fc-3D-2541');
		expect(rewritten).toMatch(/&d=[^&]+&c=[^&]+&r=[^&]+&m=[^&]+&s=[^&]+&e=$/);
	});

	it('writes v3 with replaced characters as * or **<run letter>, their bytes in unpadded base64url', () => {
		const one = encodeV3('https://a.example/x*y', { token: 'sig', tenant: 'T' });
		expect(one).toBe('https://urldefense.com/v3/__https://a.example/x*y__;Kg!!T!sig$');
		const two = encodeV3('https://a.example/x**y', { token: 'sig', tenant: 'T' });
		expect(two).toBe('https://urldefense.com/v3/__https://a.example/x**Ay__;Kio!!T!sig$');
		const three = encodeV3('https://a.example/ü_ß', { token: 'sig', tenant: 'T' });
		expect(three).toBe(
			`https://urldefense.com/v3/__https://a.example/**B__;${Buffer.from('ü_ß').toString('base64url')}!!T!sig$`,
		);
	});

	it('decodes v3 written by hand, with runs spelled by letter', () => {
		const replaced = Buffer.from('_'.repeat(28) + '**').toString('base64url');
		expect(
			decode(`https://urldefense.com/v3/__https://x.example/**a/**A__;${replaced}!!T!s$`),
		).toEqual({
			url: `https://x.example/${'_'.repeat(28)}/**`,
			version: 'v3',
			token: 's',
		});
		expect(decode('https://urldefense.com/v3/__https://x.example/plain__;!!T!s$').url).toBe(
			'https://x.example/plain',
		);
	});

	it('decodes v1 and v2 written by hand', () => {
		expect(
			decode(
				'https://urldefense.proofpoint.com/v1/url?u=https%3A%2F%2Fx.example%2Fa%3Fb%3D1&k=key&r=r&m=m&s=s',
			).url,
		).toBe('https://x.example/a?b=1');
		expect(
			decode(
				'https://urldefense.proofpoint.com/v2/url?u=https-3A__x.example_a-3Fb-3D1&d=D&c=c&r=r&m=m&s=s&e=',
			).url,
		).toBe('https://x.example/a?b=1');
	});

	it.each([
		['a plain URL', 'https://example.com/page'],
		['an empty string', ''],
		['a lookalike host', 'https://urldefense.example.com/v3/__https://x__;!!T!s$'],
		['v3 with too few replaced characters', 'https://urldefense.com/v3/__https://x/**A__;Kg!!T!s$'],
		[
			'v3 with leftover replaced characters',
			'https://urldefense.com/v3/__https://x/*__;Kioq!!T!s$',
		],
		['v3 with a bad run letter', 'https://urldefense.com/v3/__https://x/**!__;Kio!!T!s$'],
		[
			'v3 with bytes that are not base64url',
			'https://urldefense.com/v3/__https://x/*__;K+g=!!T!s$',
		],
		[
			'v3 with bytes that are not UTF-8',
			`https://urldefense.com/v3/__https://x/*__;${Buffer.from([0xff]).toString('base64url')}!!T!s$`,
		],
		['v3 without its end', 'https://urldefense.com/v3/__https://x/__;!!T!s'],
		[
			'v2 with a broken escape',
			'https://urldefense.proofpoint.com/v2/url?u=https-3A__x_-ZZ&d=D&e=',
		],
		['v2 without u', 'https://urldefense.proofpoint.com/v2/url?d=D&e='],
		['v1 with a broken escape', 'https://urldefense.proofpoint.com/v1/url?u=%E0%A4%A&k=k'],
	])('gives an error for %s', (_, url) => {
		expect(decode(url)).toEqual({ error: expect.any(String) });
	});
});

describe('POST /v2/url/decode', () => {
	let sb;
	let tap;
	let events;

	beforeAll(async () => {
		sb = await startSandbox({ port: 0, now: () => START });
		tap = tapClient(sb);
		events = sb.siem.truth({ start: START - 7 * DAY, end: START });
	});
	afterAll(() => sb.close());

	const decodeUrls = (urls, config) => tap.post('/v2/url/decode', { urls }, config);

	it('decodes the rewritten URLs of clicks and tells which message, cluster and recipient they came from', async () => {
		const clicks = [...events.clicksPermitted, ...events.clicksBlocked].filter((click) =>
			click.url.startsWith('https://urldefense.'),
		);
		expect(clicks.length).toBeGreaterThan(5);
		const response = await decodeUrls(clicks.map((click) => click.url));
		expect(response.status).toBe(200);
		expect(response.data.urls).toEqual(
			clicks.map((click) => ({
				encodedUrl: click.url,
				decodedUrl: sb.siem
					.threats()
					.find((threat) => threat.id === (click.threatID ?? click.threatId)).threat,
				messageGuid: click.GUID,
				clusterName: 'acme_hosted',
				recipientEmail: click.recipient,
				success: true,
			})),
		);
	});

	it('decodes each recipient’s rewrite of a message URL to that recipient', async () => {
		const messages = [...events.messagesDelivered, ...events.messagesBlocked].filter((message) =>
			message.threatsInfoMap.some((info) => info.threatType.toLowerCase() === 'url'),
		);
		const sample = messages.slice(0, 20);
		const rewritten = sample.map((message) => sb.siem.rewrittenUrl(message));
		expect(rewritten.some((url) => url.includes('/v2/url?'))).toBe(true);
		expect(rewritten.some((url) => url.includes('/v3/__'))).toBe(true);
		const { data } = await decodeUrls(rewritten);
		data.urls.forEach((result, index) => {
			expect(result).toMatchObject({
				success: true,
				messageGuid: sample[index].GUID,
				recipientEmail: sample[index].recipient[0],
				clusterName: sample[index].cluster,
			});
			const urls = sample[index].threatsInfoMap.map((info) => info.threat);
			expect(urls).toContain(result.decodedUrl);
		});
	});

	it('answers every URL in the order given, undecodable ones with success: false and HTTP 200', async () => {
		const urls = [
			encodeV3('https://example.com/a_b'),
			'https://example.com/not-rewritten',
			encodeV2('https://example.com/?q=1'),
			'https://urldefense.com/v3/__https://x/**A__;Kg!!T!s$',
			encodeV1('https://example.com/v1'),
		];
		const response = await decodeUrls(urls);
		expect(response.status).toBe(200);
		expect(response.data.urls).toEqual([
			{ encodedUrl: urls[0], decodedUrl: 'https://example.com/a_b', success: true },
			{ encodedUrl: urls[1], success: false, error: expect.any(String) },
			{ encodedUrl: urls[2], decodedUrl: 'https://example.com/?q=1', success: true },
			{ encodedUrl: urls[3], success: false, error: expect.any(String) },
			{ encodedUrl: urls[4], decodedUrl: 'https://example.com/v1', success: true },
		]);
	});

	it('gives no event fields for a rewrite whose URL is not that event’s', async () => {
		const [click] = events.clicksPermitted;
		const forged = encodeV3('https://elsewhere.example/', { token: click.id });
		const { data } = await decodeUrls([forged]);
		expect(data.urls[0]).toEqual({
			encodedUrl: forged,
			decodedUrl: 'https://elsewhere.example/',
			success: true,
		});
	});

	it.each([
		['no body', undefined],
		['a list', ['https://example.com']],
		['urls not a list', { urls: 'https://example.com' }],
		['a number among the urls', { urls: ['https://example.com', 7] }],
	])('refuses %s with a plain-text 400', async (_, body) => {
		const response = await tap.post('/v2/url/decode', body);
		expect(response.status).toBe(400);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
	});

	it('refuses malformed JSON with 400', async () => {
		const response = await tap.post('/v2/url/decode', '{"urls": [', {
			headers: { 'content-type': 'application/json' },
		});
		expect(response.status).toBe(400);
	});

	it('refuses a body over 1 MB with 413', async () => {
		const urls = Array.from(
			{ length: 11000 },
			(_, i) => `https://example.com/${i}/${'x'.repeat(90)}`,
		);
		const response = await decodeUrls(urls);
		expect(response.status).toBe(413);
	});

	it('takes unauthenticated calls, but not wrong credentials', async () => {
		const anonymous = await axios.post(
			`${sb.tapUrl}/v2/url/decode`,
			{ urls: [encodeV2('https://example.com/')] },
			{ validateStatus: () => true },
		);
		expect(anonymous.status).toBe(200);
		const wrong = await axios.post(
			`${sb.tapUrl}/v2/url/decode`,
			{ urls: [] },
			{
				auth: tapBasicAuth({ principal: 'sandbox-principal', secret: 'wrong' }),
				validateStatus: () => true,
			},
		);
		expect(wrong.status).toBe(401);
	});

	it('answers POST only, and records the request', async () => {
		sb.clearRequests();
		expect((await tap.get('/v2/url/decode')).status).toBe(405);
		await decodeUrls([encodeV2('https://example.com/')]);
		expect(sb.requests.map(({ api, method, path, status }) => [api, method, path, status])).toEqual(
			[
				['tap', 'GET', '/v2/url/decode', 405],
				['tap', 'POST', '/v2/url/decode', 200],
			],
		);
		expect(sb.requests[1].body).toEqual({ urls: [encodeV2('https://example.com/')] });
	});

	it('allows 1,800 calls per principal per rolling 24 hours', async () => {
		const fresh = await startSandbox({ port: 0, now: () => START, siem: false });
		try {
			const client = tapClient(fresh);
			const call = () => client.post('/v2/url/decode', { urls: [] });
			const statuses = [];
			for (let batch = 0; batch < 36; batch++) {
				statuses.push(
					...(await Promise.all(Array.from({ length: 50 }, call))).map((r) => r.status),
				);
			}
			expect(new Set(statuses)).toEqual(new Set([200]));
			expect((await call()).status).toBe(429);
			const anonymous = await axios.post(
				`${fresh.tapUrl}/v2/url/decode`,
				{ urls: [] },
				{ validateStatus: () => true },
			);
			expect(anonymous.status).toBe(200);
			fresh.advanceTime(DAY);
			expect((await call()).status).toBe(200);
		} finally {
			await fresh.close();
		}
	});
});

describe('the event store’s rewrites', () => {
	it('are real URL Defense rewrites of the event’s URL threat', async () => {
		const sb = await startSandbox({ port: 0, now: () => START });
		try {
			const messages = allEvents(
				sb.siem.truth({ kinds: ['messagesDelivered'], start: START - DAY, end: START }),
			);
			const message = messages.find((event) =>
				event.threatsInfoMap.some((info) => info.threatType.toLowerCase() === 'url'),
			);
			const url = message.threatsInfoMap.find(
				(info) => info.threatType.toLowerCase() === 'url',
			).threat;
			expect(decode(sb.siem.rewrittenUrl(message, url))).toMatchObject({ url, token: message.id });
			expect(() => sb.siem.rewrittenUrl('no-such-event')).toThrow(/No such event/);
		} finally {
			await sb.close();
		}
	});
});
