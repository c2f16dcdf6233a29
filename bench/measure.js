/** Wall time of an async function in milliseconds. */
async function timed(fn) {
	const started = process.hrtime.bigint();
	await fn();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

module.exports = { timed };
