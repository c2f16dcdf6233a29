'use strict';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rolling counters: a slot frees up exactly `windowMs` (default 24 hours) after the request that used it. */
function createThrottle(clock, windowMs = DAY_MS) {
	const usedAt = new Map();

	function recent(key, now) {
		const times = (usedAt.get(key) ?? []).filter((time) => now - time < windowMs);
		usedAt.set(key, times);
		return times;
	}

	function take(key, limit) {
		const now = clock();
		const times = recent(key, now);
		if (times.length >= limit) return false;
		times.push(now);
		return true;
	}

	/** Milliseconds until `key` has a free slot again (0 when it has one now). */
	function waitMs(key, limit) {
		const now = clock();
		const times = recent(key, now);
		if (times.length < limit) return 0;
		return times[times.length - limit] + windowMs - now;
	}

	return { take, waitMs, reset: () => usedAt.clear() };
}

module.exports = { createThrottle, DAY_MS };
