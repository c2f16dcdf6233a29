// n8n-core and n8n-workflow are loaded on first use and then reused: jest gives each test
// file its own module registry, so this is one import per test file.
let modules;

function n8n() {
	if (!modules) {
		if (!process.env.N8N_USER_FOLDER) {
			throw new Error(
				'N8N_USER_FOLDER is not set: run the harness under jest with test/setup/n8n-env.js ' +
					'(see jest.config.js), or set N8N_USER_FOLDER and N8N_ENCRYPTION_KEY yourself first.',
			);
		}
		modules = { core: require('n8n-core'), workflow: require('n8n-workflow') };
	}
	return modules;
}

module.exports = { n8n };
