'use strict';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rolling 24-hour counters: a slot frees up exactly 24 hours after the request that used it. */
function createThrottle(clock) {
	const usedAt = new Map();

	function take(key, limit) {
		const now = clock();
		const recent = (usedAt.get(key) ?? []).filter((time) => now - time < DAY_MS);
		usedAt.set(key, recent);
		if (recent.length >= limit) return false;
		recent.push(now);
		return true;
	}

	return { take, reset: () => usedAt.clear() };
}

module.exports = { createThrottle, DAY_MS };
