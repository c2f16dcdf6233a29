const fs = require('node:fs');

module.exports = async function removeHarnessTempRoot() {
	if (process.env.HARNESS_TEMP_ROOT) fs.rmSync(process.env.HARNESS_TEMP_ROOT, { recursive: true, force: true });
};
