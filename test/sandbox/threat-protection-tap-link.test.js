'use strict';

// One tenant across the APIs: the message of a permitted click TAP reports is one Cloud Threat
// Response knows, so a search by the click's Message-ID finds it (the demo's example 6 relies on it).
const { startSandbox, SANDBOX_CREDENTIALS } = require('../../sandbox');

const MINUTE = 60 * 1000;
const { apiKey, apiSecret } = SANDBOX_CREDENTIALS.threatProtection;

async function tokenOf(sb) {
	const response = await fetch(`${sb.threatProtectionUrl}/v1/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: apiKey, client_secret: apiSecret }).toString(),
	});
	return (await response.json()).access_token;
}

async function searchMessages(sb, token, messageIds) {
	const response = await fetch(`${sb.threatProtectionUrl}/api/v1/tric/messages`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ filters: { message_id_filters: messageIds }, startRow: 0, endRow: 100 }),
	});
	return await response.json();
}

describe('the sandbox links TAP and Cloud Threat Response', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.close());

	it("finds a permitted click's message by its Message-ID, with the click's sender and recipient, under one TAP incident however often asked", async () => {
		const threat = sb.siem.threats().find((candidate) => candidate.type === 'url' && Date.parse(candidate.threatTime) < sb.now());
		const [click] = sb.siem.inject('clicksPermitted', { time: sb.now() - 5 * MINUTE, threats: [threat.id] });
		const token = await tokenOf(sb);
		const incidentsBefore = sb.threatProtection.incidents().length;

		const first = await searchMessages(sb, token, [`<${click.messageID.replace(/^<|>$/g, '')}>`]);
		const again = await searchMessages(sb, token, [click.messageID]);

		expect(first.messages).toHaveLength(1);
		expect(first.messages[0]).toMatchObject({ sender_address: click.sender, recipient_address: click.recipient });
		expect(again.messages.map((message) => message.id)).toEqual(first.messages.map((message) => message.id));
		expect(sb.threatProtection.incidents().length).toBe(incidentsBefore + 1);
		expect(sb.threatProtection.incidents().find((incident) => incident.id === first.messages[0].incidents[0].id)).toMatchObject({ sourceTypes: ['tap_alert'] });
	});

	it('finds nothing for a Message-ID no API has seen', async () => {
		const token = await tokenOf(sb);
		expect((await searchMessages(sb, token, ['<never-sent@nowhere.example>'])).messages).toEqual([]);
	});
});
