import type { TimeRange } from '../helpers/timeRange';

/** The longest and shortest span one request of an API may cover. */
export interface WindowRules {
	maxMs: number;
	minMs: number;
}

/** The window to ask for next from `cursor`: at most `maxMs` long, never leaving a tail shorter than `minMs`. */
export function nextWindow(cursor: number, end: number, rules: WindowRules): TimeRange | undefined {
	if (cursor >= end) return undefined;
	// Only an answer that stopped short of its window leaves less than the minimum: ask for the minimum, ending at the end.
	if (end - cursor < rules.minMs) return { start: end - rules.minMs, end };
	let windowEnd = Math.min(cursor + rules.maxMs, end);
	const tail = end - windowEnd;
	if (tail > 0 && tail < rules.minMs) windowEnd = end - rules.minMs;
	return { start: cursor, end: windowEnd };
}

/** Where the walk goes on after an answer: the time the answer says it covered up to, when that is a real step within the window. */
export function advanceCursor(window: TimeRange, coveredUntil: number | undefined, rules: WindowRules): number {
	if (coveredUntil === undefined || coveredUntil > window.end || coveredUntil < window.start + rules.minMs) return window.end;
	return coveredUntil;
}

export interface WindowAnswer<A> {
	answer: A;
	/** The end of what the answer covered (a SIEM answer's queryEndTime), if it says. */
	coveredUntil?: number;
	/** Set when the API would not serve the window's end yet and an earlier one was read: the walk ends there. */
	endedAt?: number;
}

export interface WalkedWindow<A> {
	window: TimeRange;
	answer: A;
	/** Where the next window starts: everything before it has been read. */
	cursor: number;
	/** Set on the last window when the API would not serve the range's end yet and the walk ended earlier. */
	endedEarly?: true;
}

/** Walks `range` forward, one request per window, each window starting where the previous answer said it ended. */
export async function* walkWindows<A>(
	range: TimeRange,
	rules: WindowRules,
	fetchWindow: (window: TimeRange) => Promise<WindowAnswer<A>>,
): AsyncGenerator<WalkedWindow<A>> {
	let cursor = range.start;
	let end = range.end;
	for (let window = nextWindow(cursor, end, rules); window; window = nextWindow(cursor, end, rules)) {
		const { answer, coveredUntil, endedAt } = await fetchWindow(window);
		if (endedAt !== undefined && endedAt < window.end) {
			end = endedAt;
			window = { start: window.start, end: endedAt };
			cursor = endedAt > window.start ? advanceCursor(window, coveredUntil, rules) : window.start;
			yield { window, answer, cursor, endedEarly: true };
		} else {
			cursor = advanceCursor(window, coveredUntil, rules);
			yield { window, answer, cursor };
		}
	}
}
