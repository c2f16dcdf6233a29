// What an answer costs a model's context: the bytes of each operation's items with Output Simplified
// (the default from node version 1.2) against Output Raw, on the sandbox's demo tenant.
const { startSandbox } = require('../sandbox');
const { runNode } = require('../test/harness');
const { sandboxCredentials } = require('../test/support');

// A rough count for English-like JSON: about four characters a token (models' tokenizers differ).
const CHARACTERS_PER_TOKEN = 4;

const CASES = [
	{ name: 'User → Get Many, the 12 users of acme.example', parameters: { resource: 'user', operation: 'getAll', domain: 'acme.example', returnAll: true } },
	{ name: 'User → Get', parameters: { resource: 'user', operation: 'get', domain: 'acme.example', email: 'alice.nguyen@acme.example' } },
	{ name: "Organization → Get Many, the partner's customers", parameters: { resource: 'organization', operation: 'getAll', domain: 'partner.example', returnAll: true } },
	{ name: 'Organization → Get', parameters: { resource: 'organization', operation: 'get', domain: 'acme.example' } },
];

async function answerBytes(sb, parameters, output) {
	const result = await runNode({ parameters: { ...parameters, output }, credentials: sandboxCredentials(sb) });
	if (result.status !== 'success') throw new Error(`${parameters.resource} → ${parameters.operation} with Output ${output} failed: ${result.error?.message}`);
	return { items: result.items.length, bytes: Buffer.byteLength(JSON.stringify(result.items.map((item) => item.json))) };
}

async function outputSizeBenchmark() {
	const sb = await startSandbox();
	try {
		const cases = [];
		for (const { name, parameters } of CASES) {
			const raw = await answerBytes(sb, parameters, 'raw');
			const simplified = await answerBytes(sb, parameters, 'simplified');
			if (raw.items !== simplified.items) throw new Error(`${name}: ${raw.items} items raw, ${simplified.items} simplified`);
			cases.push({
				name,
				items: raw.items,
				rawBytes: raw.bytes,
				simplifiedBytes: simplified.bytes,
				rawTokens: Math.ceil(raw.bytes / CHARACTERS_PER_TOKEN),
				simplifiedTokens: Math.ceil(simplified.bytes / CHARACTERS_PER_TOKEN),
				ratio: simplified.bytes / raw.bytes,
			});
		}
		return {
			setup: { charactersPerToken: CHARACTERS_PER_TOKEN },
			cases,
			goals: { 'Output Simplified at most 60% of Raw on every answer measured': cases.every(({ ratio }) => ratio <= 0.6) },
		};
	} finally {
		await sb.close();
	}
}

module.exports = { outputSizeBenchmark };
