const { nextWindow, advanceCursor, walkWindows } = require('../../dist/nodes/Proofpoint/transport/windows');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const SIEM = { maxMs: HOUR, minMs: 30 * 1000 };
const T0 = Date.parse('2026-06-05T00:00:00Z');

/** The windows a walk asks for when every answer covers exactly what was asked (or what `covered` says). */
async function windowsAskedFor(range, rules = SIEM, covered = (window) => window.end) {
	const asked = [];
	for await (const { window } of walkWindows(range, rules, async (window) => {
		asked.push(window);
		if (asked.length > 1000) throw new Error('runaway walk');
		return { answer: null, coveredUntil: covered(window) };
	})) {
		// the walk is consumed as the SIEM reader consumes it
	}
	return asked;
}

describe('the SIEM window walk', () => {
	test('a 24-hour range is exactly 24 windows of one hour, back to back', async () => {
		const windows = await windowsAskedFor({ start: T0, end: T0 + 24 * HOUR });

		expect(windows).toHaveLength(24);
		windows.forEach((window, index) => expect(window).toEqual({ start: T0 + index * HOUR, end: T0 + (index + 1) * HOUR }));
	});

	test('7 days is 168 windows', async () => {
		expect(await windowsAskedFor({ start: T0, end: T0 + 7 * 24 * HOUR })).toHaveLength(168);
	});

	test('a range of 90 minutes is one hour and then 30 minutes', async () => {
		expect(await windowsAskedFor({ start: T0, end: T0 + 90 * MINUTE })).toEqual([
			{ start: T0, end: T0 + HOUR },
			{ start: T0 + HOUR, end: T0 + 90 * MINUTE },
		]);
	});

	test('never leaves a last window shorter than 30 seconds: an hour and 10 seconds is split so both are long enough', async () => {
		const windows = await windowsAskedFor({ start: T0, end: T0 + HOUR + 10 * 1000 });

		expect(windows).toEqual([
			{ start: T0, end: T0 + HOUR - 20 * 1000 },
			{ start: T0 + HOUR - 20 * 1000, end: T0 + HOUR + 10 * 1000 },
		]);
		for (const window of windows) {
			expect(window.end - window.start).toBeGreaterThanOrEqual(SIEM.minMs);
			expect(window.end - window.start).toBeLessThanOrEqual(SIEM.maxMs);
		}
	});

	test('goes on from where each answer says it ended (queryEndTime), so nothing between is skipped', async () => {
		// An answer that covered only 50 minutes of its hour: the next window starts there.
		const windows = await windowsAskedFor({ start: T0, end: T0 + 2 * HOUR }, SIEM, (window) =>
			window.start === T0 ? T0 + 50 * MINUTE : window.end,
		);

		expect(windows).toEqual([
			{ start: T0, end: T0 + HOUR },
			{ start: T0 + 50 * MINUTE, end: T0 + 110 * MINUTE },
			{ start: T0 + 110 * MINUTE, end: T0 + 2 * HOUR },
		]);
	});

	test('an answer without a usable queryEndTime, or one past its window, moves on by the window asked for', () => {
		const window = { start: T0, end: T0 + HOUR };

		expect(advanceCursor(window, undefined, SIEM)).toBe(T0 + HOUR);
		expect(advanceCursor(window, T0 + 2 * HOUR, SIEM)).toBe(T0 + HOUR);
		// A step shorter than the shortest window would crawl: the window's end is taken instead.
		expect(advanceCursor(window, T0 + 1000, SIEM)).toBe(T0 + HOUR);
		expect(advanceCursor(window, T0 + 40 * MINUTE, SIEM)).toBe(T0 + 40 * MINUTE);
	});

	test('a tail shorter than the minimum, left by a short answer, is asked for as the minimum ending at the end', () => {
		expect(nextWindow(T0 + HOUR - 10 * 1000, T0 + HOUR, SIEM)).toEqual({ start: T0 + HOUR - 30 * 1000, end: T0 + HOUR });
		expect(nextWindow(T0 + HOUR, T0 + HOUR, SIEM)).toBeUndefined();
	});

	test('stops asking as soon as the reader stops reading', async () => {
		let asked = 0;
		const walk = walkWindows({ start: T0, end: T0 + 24 * HOUR }, SIEM, async (window) => {
			asked += 1;
			return { answer: window, coveredUntil: window.end };
		});
		for await (const { cursor } of walk) if (cursor >= T0 + 3 * HOUR) break;

		expect(asked).toBe(3);
	});

	test('campaign ids walk by the day: 3 days and 2 hours is 4 requests', async () => {
		const windows = await windowsAskedFor({ start: T0, end: T0 + 74 * HOUR }, { maxMs: 24 * HOUR, minMs: 30 * 1000 });
		expect(windows.map((window) => (window.end - window.start) / HOUR)).toEqual([24, 24, 24, 2]);
	});
});
