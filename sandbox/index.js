'use strict';

const { startSandbox } = require('./sandbox');
const {
	SANDBOX_CREDENTIALS,
	essentialsHeaders,
	tapBasicAuth,
	essentialsThreatAuth,
} = require('./credentials');
const { generateTenant } = require('./generate-tenant');
const { demoTenant, DEMO } = require('./demo-tenant');
const { FAULT_MODES } = require('./faults');
const { ESSENTIALS_STACKS } = require('./tenant');
const { KINDS: THREAT_EVENT_KINDS, SIEM_DEFAULTS } = require('./threat-events');
const { THREAT_PROTECTION_DEFAULTS } = require('./threat-protection');
const urldefense = require('./urldefense');

module.exports = {
	startSandbox,
	SANDBOX_CREDENTIALS,
	generateTenant,
	demoTenant,
	DEMO,
	FAULT_MODES,
	ESSENTIALS_STACKS,
	essentialsHeaders,
	tapBasicAuth,
	essentialsThreatAuth,
	THREAT_EVENT_KINDS,
	SIEM_DEFAULTS,
	THREAT_PROTECTION_DEFAULTS,
	urldefense,
};
