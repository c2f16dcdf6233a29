// Package entry: the node, trigger and credential classes n8n loads (it reads the paths in package.json's `n8n` block).
const { Proofpoint } = require('./dist/nodes/Proofpoint/Proofpoint.node.js');
const { ProofpointTrigger } = require('./dist/nodes/ProofpointTrigger/ProofpointTrigger.node.js');
const { ProofpointEssentialsApi } = require('./dist/credentials/ProofpointEssentialsApi.credentials.js');
const { ProofpointTapApi } = require('./dist/credentials/ProofpointTapApi.credentials.js');
const { ProofpointThreatProtectionOAuth2Api } = require('./dist/credentials/ProofpointThreatProtectionOAuth2Api.credentials.js');

module.exports = { Proofpoint, ProofpointTrigger, ProofpointEssentialsApi, ProofpointTapApi, ProofpointThreatProtectionOAuth2Api };
