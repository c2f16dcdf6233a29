import { currentMinute, SERVED_MARGIN_MS, type TimeRange } from './timeRange';

/**
 * What the trigger keeps between polls (n8n's node static data). Everything before `cursor` has
 * been read; nothing before `since` is ever emitted; `seen` holds the keys of the events emitted
 * that are still inside the look-back, so a re-read window repeats nothing.
 */
export interface TriggerState {
	/** ISO instant: events before it are never emitted (the activation, or the start of a backfill). */
	since: string;
	/** ISO instant: every event before it was read at least once. */
	cursor: string;
	/** Short key of an emitted event → its time in epoch seconds, for pruning. */
	seen: Record<string, number>;
}

export interface CursorRules {
	/** How late Proofpoint may index an event: each poll reads again this far before the cursor. */
	lookBackMs: number;
	/** How far back the API serves events (TAP 7 days, the Essentials Threat API 3). */
	servedMs: number;
	/** The shortest window the API accepts. */
	minWindowMs: number;
}

/** The end every poll reads up to: the start of the current minute, which the API takes as "in the past". */
export function pollEnd(now: number): number {
	return currentMinute(now);
}

export interface ReadPlan {
	range: TimeRange;
	/** Set when the cursor lies further back than the API serves: where reading had to start instead. */
	clampedFrom?: number;
}

/** The range a poll reads: from the cursor less the look-back (never before `since`), to the most recent allowed end. */
export function rangeToRead(state: TriggerState, now: number, rules: CursorRules): ReadPlan | undefined {
	const end = pollEnd(now);
	const since = Date.parse(state.since);
	const wanted = Math.max(since, Date.parse(state.cursor) - rules.lookBackMs);
	const earliest = now - rules.servedMs + SERVED_MARGIN_MS;
	const start = Math.max(wanted, earliest);
	if (start >= end) return undefined;
	const range = { start: Math.min(start, end - rules.minWindowMs), end };
	return wanted < earliest ? { range, clampedFrom: wanted } : { range };
}

/** A state for a first activation: from now on, or from the start of a backfill. */
export function firstState(startAt: number): TriggerState {
	const instant = new Date(startAt).toISOString();
	return { since: instant, cursor: instant, seen: {} };
}

/** A 64-bit hash of an event key, as 16 hex characters: the seen set stays small (two FNV-1a 32-bit lanes). */
export function shortKey(key: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ 0x5bd1e995;
	for (let index = 0; index < key.length; index++) {
		const code = key.charCodeAt(index);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x01000197);
	}
	return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export interface Candidate<T> {
	key: string;
	time: number;
	event: T;
}

export interface Settled<T> {
	emit: Array<Candidate<T>>;
	next: TriggerState;
}

/**
 * Which of the events a poll read are new, and the state it leaves. `events` are in time order and
 * `readUntil` is where reading stopped. With more new events than `maxEvents`, the cursor stops at
 * the first one not emitted, so the next poll reads it again: none is lost, none repeated.
 */
export function settlePoll<T>(
	state: TriggerState,
	events: Array<Candidate<T>>,
	readUntil: number,
	{ lookBackMs, maxEvents }: { lookBackMs: number; maxEvents: number },
): Settled<T> {
	const since = Date.parse(state.since);
	const previous = Date.parse(state.cursor);
	const fresh = new Map<string, Candidate<T>>();
	// Never back: what lies before the previous cursor is read again anyway, from it less the look-back.
	let cursor = Math.max(previous, readUntil);
	for (const candidate of events) {
		if (candidate.time < since || candidate.time >= readUntil) continue;
		const key = shortKey(candidate.key);
		if (state.seen[key] !== undefined || fresh.has(key)) continue;
		if (fresh.size === maxEvents) {
			cursor = Math.max(previous, candidate.time);
			break;
		}
		fresh.set(key, candidate);
	}
	const keepFrom = Math.floor((cursor - lookBackMs) / 1000);
	const seen: Record<string, number> = {};
	for (const [key, second] of Object.entries(state.seen)) if (second >= keepFrom) seen[key] = second;
	for (const [key, candidate] of fresh) seen[key] = Math.floor(candidate.time / 1000);
	return { emit: [...fresh.values()], next: { since: state.since, cursor: new Date(cursor).toISOString(), seen } };
}
