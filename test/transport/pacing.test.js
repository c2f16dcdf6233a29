'use strict';

const { RateGate, gateFor } = require('../../dist/nodes/Proofpoint/transport/pacing');

const MINUTE = 60000;

describe('RateGate: at most N sends in any rolling minute', () => {
	it('lets ten sends go at once, then makes the eleventh wait until the first leaves the minute', () => {
		const gate = new RateGate(10, MINUTE);
		const waits = Array.from({ length: 10 }, (_, i) => gate.reserve(1000 + i * 100));

		expect(waits).toEqual(Array(10).fill(0));
		expect(gate.reserve(2000)).toBe(1000 + MINUTE - 2000);
	});

	it('gives concurrent callers distinct slots, so no minute ever holds more than ten', () => {
		const gate = new RateGate(10, MINUTE);
		const sendTimes = Array.from({ length: 35 }, () => 0 + gate.reserve(0));

		for (const start of sendTimes) {
			expect(sendTimes.filter((time) => time >= start && time < start + MINUTE).length).toBeLessThanOrEqual(10);
		}
		// 35 sends at 10 a minute: the last waits three minutes.
		expect(Math.max(...sendTimes)).toBe(3 * MINUTE);
	});

	it('says how long a send would wait without taking the slot', () => {
		const gate = new RateGate(2, MINUTE);
		gate.reserve(0);
		gate.reserve(10);

		expect(gate.waitFor(20)).toBe(MINUTE - 20);
		expect(gate.waitFor(20)).toBe(MINUTE - 20);
		expect(gate.waitFor(MINUTE)).toBe(0);
	});

	it('forgets sends older than the window', () => {
		const gate = new RateGate(1, MINUTE);
		gate.reserve(0);

		expect(gate.reserve(MINUTE + 1)).toBe(0);
	});

	it('keeps one gate per credential and address, and starts a new one when the rate changes', () => {
		const gate = gateFor('cred-1 https://tp.example', 10);

		expect(gateFor('cred-1 https://tp.example', 10)).toBe(gate);
		expect(gateFor('cred-2 https://tp.example', 10)).not.toBe(gate);
		expect(gateFor('cred-1 https://tp.example', 20)).not.toBe(gate);
	});
});
