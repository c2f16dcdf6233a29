'use strict';

// mulberry32: a tiny seeded PRNG, so generated data and random faults reproduce from a seed.
function createRandom(seed = 1) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min, max) => min + Math.floor(next() * (max - min + 1));
	const pick = (list) => list[Math.floor(next() * list.length)];
	const chance = (probability) => next() < probability;
	const hex = (length) =>
		Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
	const guid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
	const shuffle = (list) => {
		const copy = [...list];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(next() * (i + 1));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy;
	};
	return { next, int, pick, chance, guid, shuffle };
}

module.exports = { createRandom };
