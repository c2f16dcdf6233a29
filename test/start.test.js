// `npm start` (the README's main command) runs scripts/start.js in plain Node, without jest's
// globals: everything it loads must load there too.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

test("the modules npm start loads load in plain Node, outside jest", () => {
	const requires = require('node:fs')
		.readFileSync(path.join(root, 'scripts', 'start.js'), 'utf8')
		.match(/require\('\.\.?\/[^']+'\)/g)
		.map((call) => call.slice("require('".length, -"')".length));
	expect(requires).toEqual(expect.arrayContaining(['./n8n-runtime', '../test/e2e/n8n']));

	const program = requires.map((module) => `require(${JSON.stringify(path.join(root, 'scripts', module))});`).join('\n');
	const { NODE_ENV: _test, JEST_WORKER_ID: _worker, ...env } = process.env;
	expect(execFileSync(process.execPath, ['-e', `${program}\nconsole.log('loaded')`], { env, encoding: 'utf8' }).trim()).toBe('loaded');
});
