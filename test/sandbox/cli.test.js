'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const axios = require('axios');
const { SANDBOX_CREDENTIALS, essentialsHeaders } = require('../../sandbox');

const SERVER = path.join(__dirname, '../../sandbox/server.js');

function startCli(args) {
	const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (output.includes('Ctrl+C')) resolve(output);
		});
		child.once('exit', (code) =>
			reject(new Error(`sandbox CLI exited early (${code}): ${output}`)),
		);
	});
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, ready, exited };
}

describe('node sandbox/server.js', () => {
	it('prints the base URLs and fake credentials, serves the demo tenant, and stops cleanly on SIGINT', async () => {
		const cli = startCli(['--port', '0', '--endpoint-shape', 'object']);
		try {
			const output = await cli.ready;
			const [, url] = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			expect(output).toContain(`us2  ${url}/us2/api/v1`);
			expect(output).toContain(`TAP base URL: ${url}`);
			expect(output).toContain(SANDBOX_CREDENTIALS.essentials.partner.apiKey);
			expect(output).toContain(SANDBOX_CREDENTIALS.tap.secret);
			expect(output).toContain(`us  ${url}/us-siem`);
			expect(output).toContain(`eu  ${url}/eu-siem`);
			for (const key of Object.values(SANDBOX_CREDENTIALS.essentialsThreat)) {
				expect(output).toContain(`${key.apiKey} / ${key.apiKeySecret}`);
			}
			expect(output).toContain(`Threat Protection API base URL: ${url}/threat-protection (token at ${url}/threat-protection/v1/token)`);
			expect(output).toContain(`${SANDBOX_CREDENTIALS.threatProtection.apiKey} / ${SANDBOX_CREDENTIALS.threatProtection.apiSecret}`);

			const { data } = await axios.get(`${url}/us1/api/v1/endpoints/globex.example`, {
				headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner),
			});
			expect(data.endpoints).toEqual([{ stack: 'us2', url: `${url}/us2/api/v1` }]);
		} finally {
			cli.child.kill('SIGINT');
		}
		expect(await cli.exited).toEqual({ code: 0, signal: null });
	});

	it('stops cleanly on SIGTERM', async () => {
		const cli = startCli(['--port', '0']);
		await cli.ready;
		cli.child.kill('SIGTERM');
		expect(await cli.exited).toEqual({ code: 0, signal: null });
	});

	it('refuses an unknown endpoint shape', async () => {
		const cli = startCli(['--port', '0', '--endpoint-shape', 'xml']);
		await expect(cli.ready).rejects.toThrow(/exited early/);
		expect((await cli.exited).code).toBe(1);
	});
});
