const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
	// Two workers even on two cores (jest would take one): the end-to-end files mostly wait on n8n and the clock.
	maxWorkers: Math.max(2, os.availableParallelism() - 1),
	testSequencer: '<rootDir>/test/setup/sequencer.js',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	// Plain CommonJS that Node runs as is: no Babel pass.
	transform: {},
	globalSetup: '<rootDir>/test/setup/global-setup.js',
	globalTeardown: '<rootDir>/test/setup/global-teardown.js',
	// Runs before each test file's own code, so before anything imports n8n-core.
	setupFilesAfterEnv: ['<rootDir>/test/setup/n8n-env.js'],
	testTimeout: 30000,
};
