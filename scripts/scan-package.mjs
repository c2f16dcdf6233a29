// n8n's review scanner (@n8n/scan-community-package) on the two legs its review checks: the source
// files (package.json, nodes/ and credentials/) and the unpacked `npm pack` tarball. Prints each
// leg's findings and exits 1 on any. `node scripts/scan-package.mjs [dir]` scans another package
// folder's two legs (its sources, and its tarball when it is this repository).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? root);

/** `npm pack` of `dir`, unpacked into a temporary folder; returns that folder. */
function unpackedTarball(dir) {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-scan-'));
	const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: dir, encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', path.join(scratch, filename), '-C', scratch]);
	return { dir: path.join(scratch, 'package'), remove: () => fs.rmSync(scratch, { recursive: true, force: true }) };
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
