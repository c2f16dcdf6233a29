// What can be checked here of the release path (GitHub Actions cannot run on this machine): the
// workflow files parse, CI runs what .ci/run runs, the release publishes with provenance only after
// the same checks, and the licence and changelog say what package.json says.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const pkg = require('../package.json');

const root = path.join(__dirname, '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const workflow = (name) => YAML.parse(read(`.github/workflows/${name}`), { strict: true, prettyErrors: true });
const commands = (job) => job.steps.filter((step) => step.run).map((step) => step.run.trim());

describe('GitHub Actions', () => {
	test('CI runs .ci/run on every push and pull request, in a Debian container, within 20 minutes', () => {
		const ci = workflow('ci.yml');

		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(Object.keys(ci.jobs)).toEqual(['test']);
		expect(ci.jobs.test.container.image).toMatch(/^node:20-bookworm$/);
		expect(ci.jobs.test['timeout-minutes']).toBeLessThanOrEqual(20);
		expect(commands(ci.jobs.test)).toEqual(['bash .ci/run']);
	});

	test('.ci/run starts preparing n8n, installs, lints and runs the README\'s test command', () => {
		const script = read('.ci/run');
		const run = script.split('\n').filter((line) => /^(npm|bash|node)\b/.test(line));

		expect(run).toEqual([
			'bash scripts/prepare-test-env.sh > /tmp/pp-prepare-early.log 2>&1 &',
			'npm install --no-audit --no-fund',
			'npm run lint',
			'npm test',
		]);
		expect(read('README.md').split('\n').slice(0, 15).join('\n')).toContain('npm install && npm test');
		expect(pkg.scripts.test).toBe('npm run build && node scripts/test.js');
	});

	test('a version tag publishes with provenance, only after the CI checks pass on that tag', () => {
		const release = workflow('release.yml');

		expect(release.on).toEqual({ push: { tags: ['*.*.*'] } });
		expect(commands(release.jobs.test)).toEqual([
			'test "$(node -p \'require("./package.json").version\')" = "$GITHUB_REF_NAME"',
			'bash .ci/run',
		]);
		expect(release.jobs.publish.needs).toBe('test');
		expect(release.jobs.publish.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(commands(release.jobs.publish).at(-1)).toMatch(/npm run release$/);
		// n8n-node release publishes with NPM_CONFIG_PROVENANCE=true when GITHUB_ACTIONS is set.
		expect(pkg.scripts.release).toBe('n8n-node release');
	});
});

describe('licence and changelog', () => {
	test('LICENSE is the MIT licence package.json names, held by its author', () => {
		const licence = read('LICENSE');

		expect(pkg.license).toBe('MIT');
		expect(licence.split('\n')[0]).toBe('MIT License');
		expect(licence).toContain(`Copyright (c) 2026 ${pkg.author.name}`);
	});

	test("CHANGELOG.md starts with this version's entry, which names every resource, the trigger and every credential", () => {
		const changelog = read('CHANGELOG.md');
		const entries = changelog.split(/^## /m).slice(1);
		const current = entries[0];
		const { Proofpoint } = require('../dist/nodes/Proofpoint/Proofpoint.node.js');
		const resources = new Proofpoint().description.properties.find((property) => property.name === 'resource').options.map((option) => option.name);

		expect(current.split('\n')[0]).toMatch(new RegExp(`^${pkg.version.replace(/\./g, '\\.')} \\(\\d{4}-\\d{2}-\\d{2}\\)$`));
		for (const resource of resources) expect({ resource, named: current.includes(resource) }).toEqual({ resource, named: true });
		for (const name of ['Proofpoint Trigger', 'Proofpoint Essentials API', 'Proofpoint TAP API', 'Proofpoint Threat Protection OAuth2 API']) expect(current).toContain(`**${name}**`);
	});
});
