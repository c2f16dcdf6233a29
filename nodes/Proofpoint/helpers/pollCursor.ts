import { currentMinute, MINUTE_MS, SERVED_MARGIN_MS, type TimeRange } from './timeRange';

/**
 * What the trigger keeps between polls (n8n's node static data). Everything before `cursor` has
 * been read; nothing before `since` is ever emitted; the next poll reads from `readFrom` on, and
 * `seen` holds the key of every event emitted at or after `readFrom`, so a re-read repeats nothing.
 * `seen` is bounded by what a later poll can read again: the events emitted within the look-back
 * before the last poll's end, and during a catch-up only those at the instant where reading stopped.
 */
export interface TriggerState {
	/** ISO instant: events before it are never emitted (the activation, or the start of a backfill). */
	since: string;
	/** ISO instant: every event before it was read at least once. */
	cursor: string;
	/**
	 * ISO instant: where the next poll starts reading. It only moves forward, so a changed Look-Back
	 * never re-reads what `seen` has forgotten. Absent in a state saved before 0.3.0: the cursor less the look-back.
	 */
	readFrom?: string;
	/** Short key of an emitted event → its time in epoch seconds, for pruning. */
	seen: Record<string, number>;
	/** ISO instant: until then polls end a minute earlier, Proofpoint having found an end "still current" (our clock ahead). */
	aheadUntil?: string;
	/** ISO instant of the last poll that asked Proofpoint, for Minimum Minutes Between Reads. */
	lastReadAt?: string;
}

export interface CursorRules {
	/** How late Proofpoint may index an event: each poll reads again this far before the cursor. */
	lookBackMs: number;
	/** How far back the API serves events (TAP 7 days, the Essentials Threat API 3). */
	servedMs: number;
	/** The shortest window the API accepts. */
	minWindowMs: number;
}

/** How long polls end a minute earlier after Proofpoint called an end "still current" (the host clock ahead of its). */
export const AHEAD_MEMORY_MS = 60 * 60 * 1000;

/**
 * The end a poll reads up to: the start of the current minute, which the API takes as "in the past".
 * Within an hour of a "still current" answer, a minute earlier, so a skewed clock costs one request more an hour, not one a poll.
 */
export function pollEnd(now: number, state?: Pick<TriggerState, 'aheadUntil'>): number {
	const ahead = state?.aheadUntil !== undefined && Date.parse(state.aheadUntil) > now;
	return currentMinute(now) - (ahead ? MINUTE_MS : 0);
}

/** Whether a poll at `now` comes too soon after the last read, counted in whole minutes as Poll Times are. */
export function tooSoon(state: Pick<TriggerState, 'lastReadAt'>, now: number, minIntervalMs: number): boolean {
	if (minIntervalMs <= 0 || state.lastReadAt === undefined) return false;
	const last = Date.parse(state.lastReadAt);
	return !Number.isNaN(last) && currentMinute(now) - currentMinute(last) < minIntervalMs;
}

/** Where the next poll starts reading: the state's own floor, or for a state saved before it had one, the cursor less the look-back. */
export function readFloor(state: TriggerState, lookBackMs: number): number {
	const since = Date.parse(state.since);
	const saved = state.readFrom === undefined ? Number.NaN : Date.parse(state.readFrom);
	return Math.max(since, Number.isNaN(saved) ? Date.parse(state.cursor) - lookBackMs : saved);
}

export interface ReadPlan {
	range: TimeRange;
	/** Set when the cursor lies further back than the API serves: where reading had to start instead. */
	clampedFrom?: number;
}

/** The range a poll reads: from the state's floor (never before `since`), to the most recent allowed end. */
export function rangeToRead(state: TriggerState, now: number, rules: CursorRules): ReadPlan | undefined {
	const end = pollEnd(now, state);
	const wanted = readFloor(state, rules.lookBackMs);
	const earliest = now - rules.servedMs + SERVED_MARGIN_MS;
	const start = Math.max(wanted, earliest);
	if (start >= end) return undefined;
	const range = { start: Math.min(start, end - rules.minWindowMs), end };
	return wanted < earliest ? { range, clampedFrom: wanted } : { range };
}

/** A state for a first activation: from now on, or from the start of a backfill. */
export function firstState(startAt: number): TriggerState {
	const instant = new Date(startAt).toISOString();
	return { since: instant, cursor: instant, readFrom: instant, seen: {} };
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

export interface SettleRules {
	lookBackMs: number;
	maxEvents: number;
	/** The end the poll wanted to read up to (its range's end); `readUntil` when omitted. */
	end?: number;
}

/**
 * Which of the events a poll read are new, and the state it leaves. `events` are in time order and
 * `readUntil` is where reading stopped. With more new events than `maxEvents`, reading stops at the
 * first one not emitted, so the next poll reads it again: none is lost, none repeated.
 *
 * The next poll reads again only what Proofpoint may still add to: the look-back before this poll's
 * end. What lies further back was read after it had been indexed, so during a catch-up the next poll
 * goes on where this one stopped, on the same chain of windows, at most one request more per capped poll.
 */
export function settlePoll<T>(state: TriggerState, events: Array<Candidate<T>>, readUntil: number, rules: SettleRules): Settled<T> {
	const { lookBackMs, maxEvents } = rules;
	const floor = readFloor(state, lookBackMs);
	const previous = Date.parse(state.cursor);
	const fresh = new Map<string, Candidate<T>>();
	let stoppedAt = readUntil;
	for (const candidate of events) {
		// Before the floor lies what an earlier poll settled: its keys may be forgotten, so it is never emitted again.
		if (candidate.time < floor || candidate.time >= readUntil) continue;
		const key = shortKey(candidate.key);
		if (state.seen[key] !== undefined || fresh.has(key)) continue;
		if (fresh.size === maxEvents) {
			stoppedAt = candidate.time;
			break;
		}
		fresh.set(key, candidate);
	}
	// Never back: what lies before the previous cursor is read again anyway, from the floor.
	const cursor = Math.max(previous, stoppedAt);
	const settled = Math.min(stoppedAt, (rules.end ?? readUntil) - lookBackMs);
	const readFrom = Math.max(floor, Math.floor(settled / 1000) * 1000);
	const keepFrom = Math.floor(readFrom / 1000);
	const seen: Record<string, number> = {};
	for (const [key, second] of Object.entries(state.seen)) if (second >= keepFrom) seen[key] = second;
	for (const [key, candidate] of fresh) {
		const second = Math.floor(candidate.time / 1000);
		if (second >= keepFrom) seen[key] = second;
	}
	const next = { since: state.since, cursor: new Date(cursor).toISOString(), readFrom: new Date(readFrom).toISOString(), seen };
	return { emit: [...fresh.values()], next };
}
