// n8n-core builds its services from environment variables the first time they are used,
// so these must be in place before any test file imports the harness (and so n8n-core).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// A fresh folder per test file: n8n-core writes `.n8n/config` there with the encryption key,
// and a key left behind by another run would fail every execution with "Mismatching encryption keys".
const tempRoot = process.env.HARNESS_TEMP_ROOT ?? os.tmpdir();
const userFolder = fs.mkdtempSync(path.join(tempRoot, 'n8n-user-'));

process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'sandbox-only-test-key-not-a-secret';
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

afterAll(() => {
	fs.rmSync(userFolder, { recursive: true, force: true });
});
