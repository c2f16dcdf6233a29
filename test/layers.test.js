// The layers of the node point one way (parameters → transport → items): checked on the built files.
const fs = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'nodes', 'Proofpoint');

function requiresOf(folder) {
	return fs
		.readdirSync(path.join(built, folder), { recursive: true })
		.filter((file) => file.endsWith('.js'))
		.map((file) => {
			const source = fs.readFileSync(path.join(built, folder, file), 'utf8');
			return { file: `${folder}/${file}`, requires: [...source.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]) };
		});
}

test('helpers are pure decisions: they load nothing of n8n and send nothing', () => {
	const offending = requiresOf('helpers').filter(({ requires }) => requires.some((name) => !name.startsWith('./')));
	expect(offending).toEqual([]);
});

test('the transport never reaches up into actions (it does not read node parameters)', () => {
	const offending = requiresOf('transport').filter(({ requires }) => requires.some((name) => name.includes('actions')));
	expect(offending).toEqual([]);
});
