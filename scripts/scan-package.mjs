// n8n's review scanner (@n8n/scan-community-package) on the two legs its review checks: the source
// files (package.json, nodes/ and credentials/) and the unpacked `npm pack` tarball. Prints each
// leg's findings and exits 1 on any. `node scripts/scan-package.mjs [dir]` scans another package folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import runtime from './n8n-runtime.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? root);

/** `npm pack` of `dir`, unpacked into a temporary folder; returns that folder. */
function unpackedTarball(dir) {
	const tarball = runtime.packPackage(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', path.dirname(tarball)]);
	return { dir: path.join(path.dirname(tarball), 'package'), remove: () => fs.rmSync(path.dirname(tarball), { recursive: true, force: true }) };
}

const legs = [];
legs.push({ leg: 'source', ...(await analyzePackage(target, SOURCE_FILE_PATTERNS)) });
const tarball = unpackedTarball(target);
try {
	legs.push({ leg: 'tarball', ...(await analyzePackage(tarball.dir)) });
} finally {
	tarball.remove();
}

for (const { leg, passed, message, details } of legs) {
	console.log(`[scan] ${leg}: ${passed ? 'passed' : 'FAILED'}${message ? ` (${message})` : ''}`);
	if (details) console.log(details);
}
process.exit(legs.every((leg) => leg.passed) ? 0 : 1);
