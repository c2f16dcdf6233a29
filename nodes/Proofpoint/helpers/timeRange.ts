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
	const end = currentMinute(now);
	return { start: end - amount * LAST_UNITS[unit], end };
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in ms; undefined for a zone the runtime does not know. */
function zoneOffsetMs(zone: string, instant: number): number | undefined {
	let parts: Intl.DateTimeFormatPart[];
	try {
		const format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		parts = format.formatToParts(instant);
	} catch {
		return undefined;
	}
	const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time (given as if it were UTC) names in `zone`, across a change of offset too. */
function fromWallClock(wallAsUtc: number, zone: string): number {
	const first = zoneOffsetMs(zone, wallAsUtc);
	if (first === undefined) return wallAsUtc;
	const guess = wallAsUtc - first;
	return wallAsUtc - (zoneOffsetMs(zone, guess) ?? first);
}

/**
 * Epoch ms from what a date parameter or an expression gives: an ISO string, a Date, a Luxon DateTime, epoch ms.
 * A date-time written without a zone is read in `zone` (the workflow's timezone), as n8n's own date fields are.
 */
export function toEpochMs(value: unknown, zone = 'UTC'): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		const ms = (value as { toMillis: () => number }).toMillis();
		return Number.isFinite(ms) ? ms : undefined;
	}
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/[zZ]$|[+-]\d\d:?\d\d$/.test(text) || !/\d\d:\d\d/.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? undefined : ms;
	}
	const wall = Date.parse(`${text.replace(' ', 'T')}Z`);
	return Number.isNaN(wall) ? undefined : fromWallClock(wall, zone);
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

/** The start of the current minute: the latest end a read asks for, which the APIs take as "in the past". */
export function currentMinute(now: number): number {
	return Math.floor((now - 1) / MINUTE_MS) * MINUTE_MS;
}

/** A range as the API can serve it; `clampedStart` / `clampedEnd` hold what was asked where the node moved it. */
export interface FittedRange {
	range: TimeRange;
	clampedStart?: number;
	clampedEnd?: number;
}

/**
 * A range as the API can serve it, or why it cannot be asked for, in the user's terms. An end now or
 * later reads up to the start of the current minute; a start as far back as the API serves (its
 * documented maximum, such as Last 7 Days) reads from the oldest instant it serves, less the node's
 * margin. Only a start further back than the API serves is refused, never one the margin alone excludes.
 */
export function fitRange(asked: TimeRange, now: number, rules: RangeRules): FittedRange | { problem: string } {
	if (!(asked.end > asked.start)) return { problem: 'ends before it starts: the end must be later than the start' };
	const fitted: FittedRange = { range: { ...asked } };
	if (asked.end >= now) {
		fitted.range.end = currentMinute(now);
		fitted.clampedEnd = asked.end;
		if (fitted.range.end <= asked.start) return { problem: `starts at ${isoInstant(asked.start)}, which is not in the past: the range must start before the current minute` };
	}
	if (rules.servedMs !== undefined) {
		const oldest = now - rules.servedMs + SERVED_MARGIN_MS;
		if (asked.start < now - rules.servedMs - MINUTE_MS) {
			const days = Math.round(rules.servedMs / DAY_MS);
			return {
				problem: `starts ${describeSpan(now - asked.start)} ago, but ${rules.keeper} serves only the last ${describeSpan(rules.servedMs)}: start it at most ${describeSpan(rules.servedMs)} ago (e.g. Last ${days} Days)`,
			};
		}
		if (asked.start < oldest) {
			if (fitted.range.end - oldest < rules.minMs) {
				return { problem: `ends ${describeSpan(now - fitted.range.end)} ago, before the oldest events ${rules.keeper} serves: end it later` };
			}
			fitted.range.start = oldest;
			fitted.clampedStart = asked.start;
		}
	}
	const span = fitted.range.end - fitted.range.start;
	if (span < rules.minMs) return { problem: `is ${describeSpan(span)} long: it must be at least ${describeSpan(rules.minMs)}` };
	return fitted;
}

/** What the node changed in an asked range, said for the run's hints; undefined when it read what was asked. */
export function describeClamping(fitted: FittedRange, rules: RangeRules): string | undefined {
	const said: string[] = [];
	if (fitted.clampedStart !== undefined && rules.servedMs !== undefined) {
		said.push(`${rules.keeper} serves only the last ${describeSpan(rules.servedMs)}, so events were read from ${isoInstant(fitted.range.start)}, not ${isoInstant(fitted.clampedStart)}`);
	}
	if (fitted.clampedEnd !== undefined) {
		said.push(`the end ${isoInstant(fitted.clampedEnd)} is not in the past, so events were read up to ${isoInstant(fitted.range.end)}, the start of the current minute`);
	}
	return said.length ? said.join('; ') : undefined;
}

/** An instant as the APIs write it: ISO 8601 in UTC, to the second when it has no milliseconds. */
export function isoInstant(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}
