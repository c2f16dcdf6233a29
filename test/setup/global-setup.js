// One temporary root for the whole jest run; each test file makes its n8n user folder inside
// it (see n8n-env.js), and global-teardown.js removes it even when a test file failed to load.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function createHarnessTempRoot() {
	process.env.HARNESS_TEMP_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-proofpoint-jest-'));
};
