export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error says when to try again. */
	maxRetryAfterMs: number;
}

export const ESSENTIALS_RETRY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60000,
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
