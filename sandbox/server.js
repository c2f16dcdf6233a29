#!/usr/bin/env node
'use strict';

// Runs the sandbox with the demo tenant: node sandbox/server.js [--port 8787] [--latency 0] [--endpoint-shape string]
const { parseArgs } = require('node:util');
const { startSandbox, SANDBOX_CREDENTIALS, ESSENTIALS_STACKS } = require('./index');

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			latency: { type: 'string', default: '0' },
			'endpoint-shape': { type: 'string', default: 'string' },
		},
	});
	const shape = values['endpoint-shape'];
	if (!['string', 'object'].includes(shape)) {
		throw new Error(`--endpoint-shape must be string or object, not ${shape}`);
	}
	const sb = await startSandbox({
		port: Number(values.port),
		latencyMs: Number(values.latency),
		endpointShape: shape,
	});
	const stop = async () => {
		await sb.close();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);

	const { essentials, tap, essentialsThreat, threatProtection } = SANDBOX_CREDENTIALS;
	const threatKeyNotes = {
		partner: 'partner.example and its child orgs',
		acme: 'acme.example only',
		pending: 'acme.example, active 30 minutes after start',
	};
	const lines = [
		`Proofpoint sandbox listening on ${sb.url} (demo tenant; fake credentials, sandbox only)`,
		'',
		'Essentials base URLs:',
		...ESSENTIALS_STACKS.map((stack) => `  ${stack}  ${sb.essentialsUrl(stack)}`),
		`TAP base URL: ${sb.tapUrl}`,
		'Essentials Threat API base URLs:',
		...['us', 'eu'].map((region) => `  ${region}  ${sb.essentialsThreatUrl(region)}`),
		'',
		'Essentials credentials (X-User / X-Password):',
		...Object.entries(essentials).map(
			([role, login]) => `  ${role.padEnd(9)} ${login.apiUser} / ${login.apiKey}`,
		),
		`TAP credentials (Basic): ${tap.principal} / ${tap.secret}`,
		'Essentials Threat API keys (Basic: API key / API key secret):',
		...Object.entries(essentialsThreat).map(
			([name, key]) =>
				`  ${name.padEnd(9)} ${key.apiKey} / ${key.apiKeySecret} (${threatKeyNotes[name]})`,
		),
		`Threat Protection API base URL: ${sb.threatProtectionUrl} (token at ${sb.threatProtectionUrl}/v1/token)`,
		`Threat Protection credentials (OAuth2 client credentials): ${threatProtection.apiKey} / ${threatProtection.apiSecret}, PoD cluster ${threatProtection.clusterId}`,
		'',
		'Ctrl+C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
