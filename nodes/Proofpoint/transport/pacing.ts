/**
 * A rolling-window gate: at most `limit` sends in any `windowMs`, as the API counts them. Each caller
 * reserves a slot before sending and is told how long to wait for it, so concurrent callers never
 * burst past the limit together. Pure: the caller passes the time and does the waiting.
 */
export class RateGate {
	private readonly sends: number[] = [];

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	/** How long a send at `now` would wait for a slot (0: at once), without taking it. */
	waitFor(now: number): number {
		this.forget(now);
		if (this.sends.length < this.limit) return 0;
		// The slot frees when the send `limit` places back leaves the window.
		return Math.max(0, this.sends[this.sends.length - this.limit] + this.windowMs - now);
	}

	/** Takes the next free slot and returns how long to wait for it. */
	reserve(now: number): number {
		const wait = this.waitFor(now);
		this.sends.push(now + wait);
		return wait;
	}

	private forget(now: number): void {
		// Only the newest `limit` sends can hold a slot; older ones are gone from the window or never matter.
		while (this.sends.length > this.limit || (this.sends.length && this.sends[0] + this.windowMs <= now)) this.sends.shift();
	}
}

// One gate per credential and address for the whole n8n process: two workflows on one key share its rate.
const gates = new Map<string, RateGate>();

/** The minute as the gate counts it: a second longer than the API's, as a slot is taken before the token is fetched and the request travels. */
export const PACED_WINDOW_MS = 61000;

/** The gate of `key` (a credential id and base URL) at `perMinute`; a changed rate starts a new gate. */
export function gateFor(key: string, perMinute: number): RateGate {
	let gate = gates.get(key);
	if (!gate || gate.limit !== perMinute) {
		gate = new RateGate(perMinute, PACED_WINDOW_MS);
		gates.set(key, gate);
	}
	return gate;
}
