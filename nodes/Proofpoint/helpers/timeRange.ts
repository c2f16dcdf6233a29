/** A span of time in epoch milliseconds: start inclusive, end exclusive. */
export interface TimeRange {
	start: number;
	end: number;
}

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const LAST_UNITS = { minutes: MINUTE_MS, hours: HOUR_MS, days: DAY_MS } as const;

export type LastUnit = keyof typeof LAST_UNITS;

/** "The last N hours": up to the start of the current minute, as collectors do (an end now or later is refused as "still current"). */
export function lastRange(amount: number, unit: LastUnit, now: number): TimeRange {
	const end = Math.floor((now - 1) / MINUTE_MS) * MINUTE_MS;
	return { start: end - amount * LAST_UNITS[unit], end };
}

/** Epoch ms from what a date parameter or an expression gives: an ISO string, a Date, a Luxon DateTime, epoch ms. */
export function toEpochMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		const ms = (value as { toMillis: () => number }).toMillis();
		return Number.isFinite(ms) ? ms : undefined;
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	// A date-time without a zone is read as UTC, the zone every Proofpoint timestamp is in.
	const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/\d\d:\d\d/.test(text) ? text : `${text}Z`;
	const ms = Date.parse(zoned);
	return Number.isNaN(ms) ? undefined : ms;
}

/** How a span reads to a person: "7 days", "3 days 4 hours", "45 minutes". */
export function describeSpan(ms: number): string {
	if (ms < MINUTE_MS) return `${Math.round(ms / 1000)} seconds`;
	const parts: string[] = [];
	let rest = Math.round(ms / MINUTE_MS);
	for (const [unit, size] of [['day', 1440], ['hour', 60], ['minute', 1]] as const) {
		const count = Math.floor(rest / size);
		rest -= count * size;
		if (count) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
	}
	return parts.join(' ');
}

export interface RangeRules {
	/** How far back the API serves data; undefined when it has no known limit. */
	servedMs?: number;
	/** The shortest span the API accepts in one request. */
	minMs: number;
	/** Who keeps the data, for messages ("TAP", "The Essentials Threat API"). */
	keeper: string;
}

// A start is checked a moment before its request goes out, and the clocks of n8n and Proofpoint differ a little:
// every read stays this far inside how far back the API serves.
export const SERVED_MARGIN_MS = MINUTE_MS;

/** Why a range cannot be asked for, in the user's terms, or undefined when it can. */
export function rangeProblem(range: TimeRange, now: number, rules: RangeRules): string | undefined {
	if (!(range.end > range.start)) return 'ends before it starts: the end must be later than the start';
	if (range.end >= now) return `ends now or in the future (${new Date(range.end).toISOString()}): the end must be in the past`;
	if (range.end - range.start < rules.minMs) {
		return `is ${describeSpan(range.end - range.start)} long: it must be at least ${describeSpan(rules.minMs)}`;
	}
	if (rules.servedMs !== undefined && range.start < now - rules.servedMs + SERVED_MARGIN_MS) {
		const allowed = rules.servedMs - SERVED_MARGIN_MS;
		return `starts ${describeSpan(now - range.start)} ago, but ${rules.keeper} serves only the last ${describeSpan(rules.servedMs)}: start it at most ${describeSpan(allowed)} ago (e.g. Last ${Math.floor(allowed / HOUR_MS)} Hours)`;
	}
	return undefined;
}

/** An instant as the APIs write it: ISO 8601 in UTC, to the second when it has no milliseconds. */
export function isoInstant(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}
