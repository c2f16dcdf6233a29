/** What a request addressed, so an error can name it. */
export interface RequestTarget {
	org?: string;
	user?: string;
	domain?: string;
	people?: 'vap' | 'top-clickers';
	/** The stack lookup itself (Endpoint → Get), which every stack answers: a 404 is not a wrong stack. */
	stackLookup?: boolean;
}

export interface Failure {
	api: 'essentials' | 'tap';
	/** Host (and stack) the request went to, e.g. us1.proofpointessentials.com. */
	where: string;
	target: RequestTarget;
	status?: number;
	networkCode?: string;
	apiMessage?: string;
	attempts: number;
	method?: string;
	timeoutMs?: number;
	retryAfterMs?: number;
}

export interface Advice {
	message: string;
	description: string;
}

function orgName(target: RequestTarget): string {
	return target.org ? `"${target.org}"` : 'the organization';
}

function said(failure: Failure): string {
	return failure.apiMessage ? ` Proofpoint said: "${failure.apiMessage}".` : '';
}

function retried(failure: Failure): string {
	return failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
}

function essentialsNotFound(failure: Failure): Advice {
	const { target } = failure;
	if (target.stackLookup) {
		return {
			message: `No stack hosts ${orgName(target)} (404)`,
			description: `Proofpoint Essentials does not know this domain on any stack: check its spelling (any domain of the organization works).${said(failure)}`,
		};
	}
	const stackHint = `If ${orgName(target)} is spelled right, it probably lives on another stack than ${failure.where}: run Endpoint → Get for it to see which stack hosts it, then choose that stack in the credential.`;
	if (target.user) {
		return {
			message: `User "${target.user}" or organization ${orgName(target)} not found on ${failure.where} (404)`,
			description: `Check that "${target.user}" is the user's primary email address (aliases cannot be addressed). ${stackHint}${said(failure)}`,
		};
	}
	if (target.domain) {
		return {
			message: `Domain "${target.domain}" or organization ${orgName(target)} not found on ${failure.where} (404)`,
			description: `Check the domain name with Domain → Get Many. ${stackHint}${said(failure)}`,
		};
	}
	return {
		message: `Organization ${orgName(target)} not found on ${failure.where} (404)`,
		description: `${stackHint} Any domain of the organization works.${said(failure)}`,
	};
}

function essentialsAdvice(failure: Failure): Advice {
	const status = failure.status ?? 0;
	if (status === 400) {
		return {
			message: `Proofpoint Essentials rejected the request as invalid (400)`,
			description: `Check the fields you set on this item.${said(failure)}`,
		};
	}
	if (status === 401) {
		return {
			message: 'Proofpoint Essentials refused the API user or key (401)',
			description: `Check the API key, that API User is the account the key belongs to, and that the credential's stack (${failure.where}) is the one in your admin portal's address.${said(failure)}`,
		};
	}
	if (status === 403) {
		return {
			message: `Not allowed to do this in ${orgName(failure.target)} (403)`,
			description: `The API user is a read-only admin, or has no access to ${orgName(failure.target)}. Use an admin that is not read-only and manages this organization (a partner admin for child organizations).${said(failure)}`,
		};
	}
	if (status === 404) return essentialsNotFound(failure);
	if (status === 409) {
		return {
			message: `It already exists in ${orgName(failure.target)} (409)`,
			description: `Nothing was changed. Use Update instead of Create, or Get to see the existing entry.${said(failure)}`,
		};
	}
	if (status === 429) {
		const wait = failure.retryAfterMs ? ` Proofpoint asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s.` : '';
		return {
			message: `Proofpoint Essentials is throttling requests (429)${retried(failure)}`,
			description: `Too many requests in a short time.${wait} Run the workflow again in a few minutes; for Mark Functional Accounts, also lower its Concurrency option.${said(failure)}`,
		};
	}
	if (status >= 500) {
		return {
			message: `Proofpoint Essentials had a server error (${status})${retried(failure)}`,
			description: `${failure.attempts > 1 ? 'The request was retried with backoff and kept failing.' : 'It was not retried, because a create is never sent twice: check with Get whether it took effect before running again.'} Try again later; if it persists, Proofpoint support can look at ${failure.where}.${said(failure)}`,
		};
	}
	return {
		message: `Proofpoint Essentials answered with status ${status}`,
		description: `Unexpected status.${said(failure)}`,
	};
}

function tapAdvice(failure: Failure): Advice {
	const status = failure.status ?? 0;
	if (status === 400) {
		return {
			message: 'TAP rejected the request as invalid (400)',
			description: `The People API accepts a window of 14, 30 or 90 days.${said(failure)}`,
		};
	}
	if (status === 401) {
		return {
			message: 'TAP refused the service principal or secret (401)',
			description: `Copy the service principal and secret again from Settings → Connected Applications in the TAP dashboard; a deleted or expired principal also gives 401.${said(failure)}`,
		};
	}
	if (status === 403) {
		return {
			message: 'This TAP service principal may not use this API (403)',
			description: `Check the principal's permissions in the TAP dashboard.${said(failure)}`,
		};
	}
	if (status === 429) {
		return {
			message: `TAP's quota for /v2/people/${failure.target.people ?? 'vap'} is used up (429)`,
			description:
				'The People API allows 50 requests per endpoint in a rolling 24 hours; a request becomes available again 24 hours after the oldest of those 50. This node does not retry a 429, so it spends no more quota: run again later, and fetch with a larger Limit (fewer pages) to spend less.',
		};
	}
	if (status >= 500) {
		return {
			message: `TAP had a server error (${status})`,
			description: `Not retried, because every TAP request may count against the daily quota. Try again later.${said(failure)}`,
		};
	}
	return { message: `TAP answered with status ${status}`, description: `Unexpected status.${said(failure)}` };
}

function networkAdvice(failure: Failure): Advice {
	const name = failure.api === 'tap' ? 'TAP' : 'Proofpoint Essentials';
	if (failure.networkCode === 'ETIMEDOUT' || failure.networkCode === 'ECONNABORTED') {
		return {
			message: `No answer from ${name} at ${failure.where} within ${failure.timeoutMs} ms${retried(failure)}`,
			description:
				failure.method === 'POST'
					? 'The create may still have been made: check with Get before running it again. Raise the Request Timeout option if Proofpoint is slow.'
					: 'Raise the Request Timeout option if the organization is large, or try again later.',
		};
	}
	if (failure.networkCode === 'INVALID_RESPONSE') {
		return {
			message: `${name} at ${failure.where} sent a response that is not valid JSON${retried(failure)}`,
			description: `This usually means a proxy or an outage page answered instead of the API. Check the credential's stack or base URL, and try again later.${said(failure)}`,
		};
	}
	if (failure.networkCode === 'EMPTY_RESPONSE') {
		return {
			message: `${name} at ${failure.where} answered a change with an empty 200 response${retried(failure)}`,
			description:
				'Proofpoint confirms a change with 204 No Content or with the changed data; an empty 200 usually comes from a proxy or an outage page, so the change may not have been made. Check with Get before running again, or try again later.',
		};
	}
	return {
		message: `Could not reach ${name} at ${failure.where} (${failure.networkCode})${retried(failure)}`,
		description:
			failure.api === 'tap'
				? 'Check the Base URL in the TAP credential and that n8n can reach it.'
				: "Check the credential's stack or base URL and that n8n can reach it.",
	};
}

/** The status-to-advice table both APIs' errors go through. */
export function adviseOn(failure: Failure): Advice {
	if (failure.status === undefined) return networkAdvice(failure);
	return failure.api === 'tap' ? tapAdvice(failure) : essentialsAdvice(failure);
}
