/** What a request addressed, so an error can name it. */
export interface RequestTarget {
	org?: string;
	user?: string;
	domain?: string;
	people?: 'vap' | 'top-clickers';
	/** The stack lookup itself (Endpoint → Get), which every stack answers: a 404 is not a wrong stack. */
	stackLookup?: boolean;
	/** A SIEM endpoint below /v2/siem/, e.g. all or clicks/permitted (its quota pool). */
	siem?: string;
	campaignIds?: boolean;
	campaign?: string;
	threat?: string;
	/** The id Forensics was asked about. */
	forensics?: string;
	urlDecode?: boolean;
	/** Advice the operation adds to a throttling answer, e.g. which of its options to lower. */
	throttleAdvice?: string;
}

export interface Failure {
	api: 'essentials' | 'tap' | 'essentialsThreat';
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

// TAP's 400s are plain text (tap-api.md §4); each names the rule it enforces.
const SIEM_RANGE_RULES: Array<{ pattern: RegExp; message: string; description: string }> = [
	{
		pattern: /too far into the past/i,
		message: 'the range starts further back than Proofpoint keeps SIEM events',
		description: 'TAP serves the last 7 days of SIEM events and the Essentials Threat API the last 3 days. Start the range later.',
	},
	{
		pattern: /too short/i,
		message: 'a window is shorter than 30 seconds',
		description: 'Each SIEM request must cover at least 30 seconds. Widen the range.',
	},
	{
		pattern: /still current/i,
		message: 'the range ends now or in the future',
		description: 'The end of a SIEM range must be in the past. End it a minute ago, or use Last N Minutes or Hours.',
	},
];

function tapBadRequest(failure: Failure): Advice {
	const api = failure.api === 'essentialsThreat' ? 'The Essentials Threat API' : 'TAP';
	const rule = SIEM_RANGE_RULES.find((candidate) => candidate.pattern.test(failure.apiMessage ?? ''));
	if (rule) {
		return {
			message: `${api} refused the time range: ${rule.message} (400)`,
			description: `${rule.description} The node checks this before sending, so the n8n host's clock and Proofpoint's probably disagree.${said(failure)}`,
		};
	}
	return {
		message: `${api} rejected the request as invalid (400)`,
		description: failure.target.people
			? `The People API accepts a window of 14, 30 or 90 days.${said(failure)}`
			: `Check the parameters of this item.${said(failure)}`,
	};
}

function tapNotFound(failure: Failure): Advice {
	const { target } = failure;
	const unknown = (what: string, id: string, where: string) => ({
		message: `${what} "${id}" is unknown to TAP (404)`,
		description: `Check the id: copy it from ${where}. An id from another TAP account, or one whose data has expired, is also unknown.${said(failure)}`,
	});
	if (target.threat) return unknown('Threat', target.threat, "a SIEM event's threatID or a campaign's members");
	if (target.campaign) return unknown('Campaign', target.campaign, "a SIEM event's campaignID or Campaign → Get Many");
	if (target.forensics) return unknown('Threat or campaign', target.forensics, "a SIEM event's threatID or campaignID");
	return {
		message: `No such endpoint at ${failure.where} (404)`,
		description: `Check the credential's platform and Base URL: the address answers, but not as ${failure.api === 'essentialsThreat' ? 'the Essentials Threat API' : 'TAP'}.${said(failure)}`,
	};
}

const ROLLING_DAY = 'a request becomes available again 24 hours after the oldest one counted. This node does not retry a 429, so it spends no more quota';

function tapThrottled(failure: Failure): Advice {
	const { target } = failure;
	if (failure.api === 'essentialsThreat') {
		const wait = failure.retryAfterMs
			? `Proofpoint asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s, longer than this node waits.`
			: 'Proofpoint publishes no limits for this API and did not say how long to wait.';
		return {
			message: `The Essentials Threat API is throttling requests (429)${retried(failure)}`,
			description: `${wait} Try again in a few minutes, or read fewer hours per run.`,
		};
	}
	if (target.siem !== undefined) {
		const pool = target.siem === 'clicks/permitted' ? 'permitted clicks (a pool of its own)' : 'SIEM events (one pool for every endpoint but permitted clicks)';
		return {
			message: `TAP's SIEM quota for ${pool} is used up (429)`,
			description: `TAP allows 1,800 SIEM requests in a rolling 24 hours per pool; ${ROLLING_DAY}. Each hour of range is one request: read shorter ranges or poll less often.`,
		};
	}
	if (target.campaignIds) {
		return {
			message: "TAP's quota for campaign ids is used up (429)",
			description: `TAP allows 50 requests for campaign ids in a rolling 24 hours; ${ROLLING_DAY}. Each day of range and each page is one request: use a Page Size of 200 or a shorter range.`,
		};
	}
	if (target.urlDecode) {
		return {
			message: "TAP's quota for URL decoding is used up (429)",
			description: `TAP allows 1,800 decode requests in a rolling 24 hours per credential; ${ROLLING_DAY}. This node sends up to 1,000 URLs per request.`,
		};
	}
	if (target.people) {
		return {
			message: `TAP's quota for /v2/people/${target.people} is used up (429)`,
			description: `The People API allows 50 requests per endpoint in a rolling 24 hours; ${ROLLING_DAY}: run again later, and fetch with a larger Limit (fewer pages) to spend less.`,
		};
	}
	return {
		message: 'TAP is throttling requests (429)',
		description: `Proofpoint publishes no limit for this API. This node does not retry a 429, so it spends no more: try again later.${said(failure)}`,
	};
}

function tapAdvice(failure: Failure): Advice {
	const status = failure.status ?? 0;
	const essentials = failure.api === 'essentialsThreat';
	if (status === 400) return tapBadRequest(failure);
	if (status === 401) {
		return essentials
			? {
					message: 'Proofpoint Essentials refused the Integration Key (401)',
					description: `Check the API Key and API Key Secret (Account Management → Integrations → Integration Keys, Access Type "SIEM Threat Events") and the credential's region. A new key can take up to 30 minutes to become active: if you just created it, wait and try again.${said(failure)}`,
				}
			: {
					message: 'TAP refused the service principal or secret (401)',
					description: `Copy the service principal and secret again from Settings → Connected Applications in the TAP dashboard; a deleted or expired principal also gives 401.${said(failure)}`,
				};
	}
	if (status === 403) {
		return essentials
			? {
					message: 'The Integration Key may not read this data (403)',
					description: `Customer data (child organizations) needs a partner's key created with the scope "own and all child organizations".${said(failure)}`,
				}
			: {
					message: 'This TAP service principal may not use this API (403)',
					description: `Check the principal's permissions in the TAP dashboard.${said(failure)}`,
				};
	}
	if (status === 404) return tapNotFound(failure);
	if (status === 429) return tapThrottled(failure);
	const name = essentials ? 'The Essentials Threat API' : 'TAP';
	if (status >= 500) {
		return {
			message: `${name} had a server error (${status})`,
			description: `Not retried, because every request may count against a daily quota. Try again later.${said(failure)}`,
		};
	}
	return { message: `${name} answered with status ${status}`, description: `Unexpected status.${said(failure)}` };
}

const API_NAMES: Record<Failure['api'], string> = {
	essentials: 'Proofpoint Essentials',
	tap: 'TAP',
	essentialsThreat: 'the Essentials Threat API',
};

function networkAdvice(failure: Failure): Advice {
	const name = API_NAMES[failure.api];
	const Name = name[0].toUpperCase() + name.slice(1);
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
			message: `${Name} at ${failure.where} sent a response that is not valid JSON${retried(failure)}`,
			description: `This usually means a proxy or an outage page answered instead of the API. Check the credential's stack or base URL, and try again later.${said(failure)}`,
		};
	}
	if (failure.networkCode === 'EMPTY_RESPONSE' && failure.api !== 'essentials') {
		return {
			message: `${Name} at ${failure.where} sent an empty 200 response`,
			description: 'An empty 200 usually comes from a proxy or an outage page. Try again later; the request may have counted against the daily quota.',
		};
	}
	if (failure.networkCode === 'EMPTY_RESPONSE') {
		return {
			message: `${Name} at ${failure.where} answered a change with an empty 200 response${retried(failure)}`,
			description:
				'Proofpoint confirms a change with 204 No Content or with the changed data; an empty 200 usually comes from a proxy or an outage page, so the change may not have been made. Check with Get before running again, or try again later.',
		};
	}
	return {
		message: `Could not reach ${name} at ${failure.where} (${failure.networkCode})${retried(failure)}`,
		description: {
			essentials: "Check the credential's stack or base URL and that n8n can reach it.",
			tap: 'Check the Base URL in the TAP credential and that n8n can reach it.',
			essentialsThreat: "Check the credential's platform and Base URL and that n8n can reach it.",
		}[failure.api],
	};
}

/** The status-to-advice table both APIs' errors go through. */
export function adviseOn(failure: Failure): Advice {
	if (failure.status === undefined) return networkAdvice(failure);
	return failure.api === 'essentials' ? essentialsAdvice(failure) : tapAdvice(failure);
}
