'use strict';

const hexWord = (value) => (value >>> 0).toString(16).padStart(8, '0');

/** 32 hex digits as a version-4 UUID. */
function formatUuid(digits) {
	const variant = (8 + (parseInt(digits[16], 16) & 3)).toString(16);
	return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20)}`;
}

// murmur3's finaliser: spreads a word's bits, to stretch two random words into a longer id.
function mix32(value) {
	let h = value >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** A UUID made from two random words (unique while the pair is), formatted only when asked for. */
const uuidFromWords = (a, b) =>
	formatUuid(hexWord(a) + hexWord(b) + hexWord(mix32(a ^ 0x9e3779b9)) + hexWord(mix32(b + a)));

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
	// Faster than hex() for long ids: one draw per 8 hex digits.
	const word = () => Math.floor(next() * 4294967296);
	const words = (count) => {
		let digits = '';
		for (let i = 0; i < count; i++) digits += word().toString(16).padStart(8, '0');
		return digits;
	};
	const uuid = () => formatUuid(words(4));
	const shuffle = (list) => {
		const copy = [...list];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(next() * (i + 1));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy;
	};
	return { next, int, pick, chance, guid, word, words, uuid, shuffle };
}

module.exports = { createRandom, uuidFromWords, mix32 };
