'use strict';

const { NodeHelpers } = require('n8n-workflow');

const { ProofpointThreatProtectionOAuth2Api } = require('../../dist/credentials/ProofpointThreatProtectionOAuth2Api.credentials');
const { ProofpointEssentialsApi } = require('../../dist/credentials/ProofpointEssentialsApi.credentials');
const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials');
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node');
const { ProofpointTrigger } = require('../../dist/nodes/ProofpointTrigger/ProofpointTrigger.node');

const credential = new ProofpointThreatProtectionOAuth2Api();
const notice = credential.properties.find((property) => property.name === 'plainHttpNotice');
const noticeShown = (baseUrl) => NodeHelpers.displayParameter({ baseUrl }, notice, null, null);

describe('Proofpoint Threat Protection API credential → plain-http notice', () => {
	it.each([
		'http://tp.example.test',
		'http://10.0.0.5:8080',
		'http://threatprotection-api.proofpoint.com',
	])('warns for %s, which the node refuses', (baseUrl) => {
		expect(noticeShown(baseUrl)).toBe(true);
	});

	it.each([
		'https://threatprotection-api.proofpoint.com',
		'http://127.0.0.1:5681',
		'http://localhost:5681',
		'http://[::1]:5681',
		'',
	])('stays hidden for %s, which the node accepts', (baseUrl) => {
		expect(noticeShown(baseUrl)).toBe(false);
	});

	// n8n runs a regex display condition in a vm with a 250 ms timeout: on a busy machine it throws mid-run.
	it('no credential or node shows or hides a field by a regex', () => {
		const conditions = [];
		const collect = (value) => {
			if (Array.isArray(value)) value.forEach(collect);
			else if (value && typeof value === 'object') {
				if (value._cnd) conditions.push(Object.keys(value._cnd)[0]);
				Object.values(value).forEach(collect);
			}
		};
		for (const properties of [
			credential.properties,
			new ProofpointEssentialsApi().properties,
			new ProofpointTapApi().properties,
			new Proofpoint().description.properties,
			new ProofpointTrigger().description.properties,
		]) {
			collect(properties.map((property) => property.displayOptions));
		}
		expect(conditions).toContain('startsWith');
		expect(conditions).not.toContain('regex');
	});
});
