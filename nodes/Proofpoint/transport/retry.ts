export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error says when to try again. */
	maxRetryAfterMs: number;
	/** Retry only a 429 that says how long to wait (an API whose limits are unknown: never guess). */
	onlyWhenToldToWait?: boolean;
}

export const ESSENTIALS_RETRY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60000,
};

// The Essentials Threat API's throttle numbers are unpublished [?]: a short Retry-After is honoured, nothing is guessed.
export const ESSENTIALS_THREAT_RETRY: RetryPolicy = {
	maxRetries: 2,
	baseDelayMs: 0,
	maxDelayMs: 0,
	maxRetryAfterMs: 30000,
	onlyWhenToldToWait: true,
};

export type Outcome =
	| { kind: 'status'; status: number; method: string }
	| { kind: 'network'; code: string; method: string };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** Whether a failed attempt may be sent again: 429 always (nothing was done), 5xx and network failures only when repeating cannot duplicate (not POST). */
export function isRetryable(outcome: Outcome): boolean {
	const idempotent = IDEMPOTENT.has(outcome.method.toUpperCase());
	if (outcome.kind === 'network') return idempotent;
	if (outcome.status === 429) return true;
	return outcome.status >= 500 && idempotent;
}

/** How long to wait before sending a failed attempt again under `policy`, or undefined to give up. */
export function waitBeforeRetry(
	policy: RetryPolicy | null,
	outcome: Outcome,
	attempt: number,
	retryAfterMs: number | undefined,
	random: number,
): number | undefined {
	if (!policy || !isRetryable(outcome)) return undefined;
	if (policy.onlyWhenToldToWait && !(outcome.kind === 'status' && outcome.status === 429 && retryAfterMs !== undefined)) {
		return undefined;
	}
	return retryDelay(attempt, retryAfterMs, policy, random);
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const raw = String(text).trim();
	if (raw === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `attempt` (0-based), or undefined to stop.
 * `random` is in [0, 1): half-jittered exponential backoff keeps concurrent callers apart.
 */
export function retryDelay(
	attempt: number,
	retryAfterMs: number | undefined,
	policy: RetryPolicy,
	random: number,
): number | undefined {
	if (attempt >= policy.maxRetries) return undefined;
	if (retryAfterMs !== undefined) {
		return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
	}
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(exponential * (0.5 + random / 2));
}

/** Whether a failure is one that passes (throttling, a server error, the network) rather than a wrong key or parameter. */
export function isTransientFailure(httpCode: unknown): boolean {
	const code = String(httpCode ?? '');
	return /^(429|5\d\d)$/.test(code) || /^(E[A-Z_]+|ERR_[A-Z_]+|INVALID_RESPONSE|EMPTY_RESPONSE)$/.test(code);
}

// A 429 (nothing was done) is waited for as Proofpoint asks, up to CTR's minute; reads and 429s without a wait are retried twice, briefly.
export const THREAT_PROTECTION_RETRY: RetryPolicy = {
	maxRetries: 2,
	baseDelayMs: 1000,
	maxDelayMs: 2000,
	maxRetryAfterMs: 60000,
};
