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
	/** Which of Forensics' quotas the request spends. */
	forensicsBy?: 'threat' | 'campaign';
	urlDecode?: boolean;
	/** Advice the operation adds to a throttling answer, e.g. which of its options to lower. */
	throttleAdvice?: string;
	/** A PoD organizational list (Threat Protection API) and its cluster. */
	list?: 'block list' | 'safe list';
	cluster?: string;
	/** A Cloud Threat Response object the request named. */
	incident?: string;
	message?: string;
	workflow?: string;
	workflowRun?: string;
}

export interface Failure {
	api: 'essentials' | 'tap' | 'essentialsThreat' | 'threatProtection';
	/** The OAuth2 token request failed (the API itself was not asked). */
	tokenRequest?: boolean;
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

/** What the operation adds to a throttling answer (e.g. which of its options to lower), after a space. */
function operationAdvice(failure: Failure): string {
	return failure.target.throttleAdvice ? ` ${failure.target.throttleAdvice}` : '';
}

const API_NAMES: Record<Failure['api'], string> = {
	essentials: 'Proofpoint Essentials',
	tap: 'TAP',
	essentialsThreat: 'the Essentials Threat API',
	threatProtection: 'the Threat Protection API',
};

/** The API's name at the start of a sentence. */
function nameAtSentenceStart(failure: Failure): string {
	const name = API_NAMES[failure.api];
	return name[0].toUpperCase() + name.slice(1);
}

function stackHint(failure: Failure): string {
	return `If ${orgName(failure.target)} is spelled right, it probably lives on another stack than ${failure.where}: run Endpoint → Get for it to see which stack hosts it, then choose that stack in the credential.`;
}

// TAP's 400s are plain text (docs/api-facts.md#tap-siem-api); each names the rule it enforces.
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

const rangeRuleOf = (failure: Failure) => SIEM_RANGE_RULES.find((rule) => rule.pattern.test(failure.apiMessage ?? ''));

/** A user's 404 once the organization is known to be on the stack (User → Get asks it): the user is what is missing. */
export function userNotInOrganization(email: string, domain: string): { message: string; description: string } {
	return {
		message: `User "${email}" is not in organization ${domain} (404)`,
		description: `The organization is there; the user is not. Check that "${email}" is the user's primary email address (aliases cannot be addressed), or list the organization's users with User → Get Many.`,
	};
}

/** Forensics is throttled "by request type" (Proofpoint's page); the figures come from a rate-limit catalogue [M], so the advice says "about". */
export const FORENSICS_PER_DAY = { byThreat: 50, byCampaign: 1800 };

const ROLLING_DAY = 'a request becomes available again 24 hours after the oldest one counted. This node does not retry a 429, so it spends no more quota';

/** The unknown id a TAP 404 is about: what it is and where to copy one from. */
function unknownId(failure: Failure, what: string, id: string, from: string): Advice {
	return {
		message: `${what} "${id}" is unknown to TAP (404)`,
		description: `Check the id: copy it from ${from}. An id from another TAP account, or one whose data has expired, is also unknown.${said(failure)}`,
	};
}

type Api = Failure['api'];

/**
 * One row of the table: the APIs it covers, the status it answers (`5xx` for any server error,
 * `status` for any other status, `network` for a failure without one), an extra condition, the advice.
 */
interface Row {
	api: readonly Api[];
	on: number | '5xx' | 'status' | 'network';
	when?: (failure: Failure) => boolean;
	advice: (failure: Failure) => Advice;
}

const ESSENTIALS: readonly Api[] = ['essentials'];
const TAP: readonly Api[] = ['tap'];
const ESSENTIALS_THREAT: readonly Api[] = ['essentialsThreat'];
const THREAT_APIS: readonly Api[] = ['tap', 'essentialsThreat'];
const THREAT_PROTECTION: readonly Api[] = ['threatProtection'];
const ALL_APIS: readonly Api[] = ['essentials', 'tap', 'essentialsThreat', 'threatProtection'];

const KEY_PLACE = 'the Proofpoint Cloud Admin UI, Threat Protection → Settings → API Key Management → Threat Protection tab';

/** What a Threat Protection 404 was about, named for the user. */
function missingThing(target: RequestTarget): string {
	if (target.incident) return `Incident "${target.incident}"`;
	if (target.message) return `Message "${target.message}"`;
	if (target.workflowRun) return `Workflow run "${target.workflowRun}"`;
	if (target.workflow) return `Workflow "${target.workflow}"`;
	if (target.list) return `The ${target.list} of PoD cluster "${target.cluster ?? ''}"`;
	return 'The address';
}

/** Every error the node explains, checked in order: the first row that matches gives the advice. */
const ADVICE_TABLE: Row[] = [
	// Proofpoint Essentials API
	{
		api: ESSENTIALS,
		on: 400,
		advice: (f) => ({ message: 'Proofpoint Essentials rejected the request as invalid (400)', description: `Check the fields you set on this item.${said(f)}` }),
	},
	{
		api: ESSENTIALS,
		on: 401,
		advice: (f) => ({
			message: 'Proofpoint Essentials refused the API user or key (401)',
			description: `Check the API key, that API User is the account the key belongs to, and that the credential's stack (${f.where}) is the one in your admin portal's address.${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 403,
		advice: (f) => ({
			message: `Not allowed to do this in ${orgName(f.target)} (403)`,
			description: `The API user is a read-only admin, or has no access to ${orgName(f.target)}. Use an admin that is not read-only and manages this organization (a partner admin for child organizations).${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 404,
		when: (f) => f.target.stackLookup === true,
		advice: (f) => ({
			message: `No stack hosts ${orgName(f.target)} (404)`,
			description: `Proofpoint Essentials does not know this domain on any stack: check its spelling (any domain of the organization works).${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 404,
		when: (f) => Boolean(f.target.user),
		advice: (f) => ({
			message: `User "${f.target.user}" or organization ${orgName(f.target)} not found on ${f.where} (404)`,
			description: `Check that "${f.target.user}" is the user's primary email address (aliases cannot be addressed). ${stackHint(f)}${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 404,
		when: (f) => Boolean(f.target.domain),
		advice: (f) => ({
			message: `Domain "${f.target.domain}" or organization ${orgName(f.target)} not found on ${f.where} (404)`,
			description: `Check the domain name with Domain → Get Many. ${stackHint(f)}${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 404,
		advice: (f) => ({
			message: `Organization ${orgName(f.target)} not found on ${f.where} (404)`,
			description: `${stackHint(f)} Any domain of the organization works.${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 409,
		advice: (f) => ({
			message: `It already exists in ${orgName(f.target)} (409)`,
			description: `Nothing was changed. Use Update instead of Create, or Get to see the existing entry.${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 429,
		advice: (f) => ({
			message: `Proofpoint Essentials is throttling requests (429)${retried(f)}`,
			description: `Too many requests in a short time.${f.retryAfterMs ? ` Proofpoint asked to wait ${Math.ceil(f.retryAfterMs / 1000)} s.` : ''} Run the workflow again in a few minutes.${operationAdvice(f)}${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: '5xx',
		advice: (f) => ({
			message: `Proofpoint Essentials had a server error (${f.status})${retried(f)}`,
			description: `${f.attempts > 1 ? 'The request was retried with backoff and kept failing.' : 'It was not retried, because a create is never sent twice: check with Get whether it took effect before running again.'} Try again later; if it persists, Proofpoint support can look at ${f.where}.${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS,
		on: 'status',
		advice: (f) => ({ message: `Proofpoint Essentials answered with status ${f.status}`, description: `Unexpected status.${said(f)}` }),
	},

	// TAP and the Essentials Threat API
	{
		api: THREAT_APIS,
		on: 400,
		when: (f) => rangeRuleOf(f) !== undefined,
		advice: (f) => {
			const rule = rangeRuleOf(f) as (typeof SIEM_RANGE_RULES)[number];
			return {
				message: `${nameAtSentenceStart(f)} refused the time range: ${rule.message} (400)`,
				description: `${rule.description} The node checks this before sending, so the n8n host's clock and Proofpoint's probably disagree.${said(f)}`,
			};
		},
	},
	{
		api: THREAT_APIS,
		on: 400,
		advice: (f) => ({
			message: `${nameAtSentenceStart(f)} rejected the request as invalid (400)`,
			description: f.target.people ? `The People API accepts a window of 14, 30 or 90 days.${said(f)}` : `Check the parameters of this item.${said(f)}`,
		}),
	},
	{
		api: TAP,
		on: 401,
		advice: (f) => ({
			message: 'TAP refused the service principal or secret (401)',
			description: `Copy the service principal and secret again from Settings → Connected Applications in the TAP dashboard; a deleted or expired principal also gives 401.${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS_THREAT,
		on: 401,
		advice: (f) => ({
			message: 'Proofpoint Essentials refused the Integration Key (401)',
			description: `Check the API Key and API Key Secret (Account Management → Integrations → Integration Keys, Access Type "SIEM Threat Events") and the credential's region. A new key can take up to 30 minutes to become active: if you just created it, wait and try again.${said(f)}`,
		}),
	},
	{
		api: TAP,
		on: 403,
		advice: (f) => ({ message: 'This TAP service principal may not use this API (403)', description: `Check the principal's permissions in the TAP dashboard.${said(f)}` }),
	},
	{
		api: ESSENTIALS_THREAT,
		on: 403,
		advice: (f) => ({
			message: 'The Integration Key may not read this data (403)',
			description: `Customer data (child organizations) needs a partner's key created with the scope "own and all child organizations".${said(f)}`,
		}),
	},
	{ api: THREAT_APIS, on: 404, when: (f) => Boolean(f.target.threat), advice: (f) => unknownId(f, 'Threat', f.target.threat as string, "a SIEM event's threatID or a campaign's members") },
	{ api: THREAT_APIS, on: 404, when: (f) => Boolean(f.target.campaign), advice: (f) => unknownId(f, 'Campaign', f.target.campaign as string, "a SIEM event's campaignID or Campaign → Get Many") },
	{ api: THREAT_APIS, on: 404, when: (f) => Boolean(f.target.forensics), advice: (f) => unknownId(f, 'Threat or campaign', f.target.forensics as string, "a SIEM event's threatID or campaignID") },
	{
		api: THREAT_APIS,
		on: 404,
		advice: (f) => ({
			message: `No such endpoint at ${f.where} (404)`,
			description: `Check the credential's platform and Base URL: the address answers, but not as ${API_NAMES[f.api]}.${said(f)}`,
		}),
	},
	{
		api: ESSENTIALS_THREAT,
		on: 429,
		advice: (f) => ({
			message: `The Essentials Threat API is throttling requests (429)${retried(f)}`,
			description: `${
				f.retryAfterMs
					? `Proofpoint asked to wait ${Math.ceil(f.retryAfterMs / 1000)} s, longer than this node waits.`
					: 'Proofpoint publishes no limits for this API and did not say how long to wait.'
			} Try again in a few minutes, or read fewer hours per run.${operationAdvice(f)}`,
		}),
	},
	{
		api: TAP,
		on: 429,
		when: (f) => f.target.siem !== undefined,
		advice: (f) => ({
			message: `TAP's SIEM quota for ${f.target.siem === 'clicks/permitted' ? 'permitted clicks (a pool of its own)' : 'SIEM events (one pool for every endpoint but permitted clicks)'} is used up (429)`,
			description: `TAP allows 1,800 SIEM requests in a rolling 24 hours per pool; ${ROLLING_DAY}. Each hour of range is one request: read shorter ranges or poll less often.${operationAdvice(f)}`,
		}),
	},
	{
		api: TAP,
		on: 429,
		when: (f) => f.target.campaignIds === true,
		advice: (f) => ({
			message: "TAP's quota for campaign ids is used up (429)",
			description: `TAP allows 50 requests for campaign ids in a rolling 24 hours; ${ROLLING_DAY}. Each day of range and each page is one request: use a Page Size of 200 or a shorter range.${operationAdvice(f)}`,
		}),
	},
	{
		api: TAP,
		on: 429,
		when: (f) => f.target.forensicsBy !== undefined,
		advice: (f) => {
			const byThreat = f.target.forensicsBy === 'threat';
			const limit = byThreat ? FORENSICS_PER_DAY.byThreat : FORENSICS_PER_DAY.byCampaign;
			return {
				message: `TAP's Forensics quota for requests by ${byThreat ? 'threat' : 'campaign'} ID is used up (429)`,
				description: `TAP throttles Forensics by request type: about ${limit.toLocaleString('en-US')} requests ${byThreat ? 'by threat ID' : 'by campaign ID'} in a rolling 24 hours; ${ROLLING_DAY}.${
					byThreat
						? ` Threat → Get gives a threat's summary without a quota; Forensics Of "Campaign, or Threat Without One" asks by campaign ID (about ${FORENSICS_PER_DAY.byCampaign.toLocaleString('en-US')} a day) when the event names one.`
						: ''
				}${operationAdvice(f)}`,
			};
		},
	},
	{
		api: TAP,
		on: 429,
		when: (f) => f.target.urlDecode === true,
		advice: (f) => ({
			message: "TAP's quota for URL decoding is used up (429)",
			description: `TAP allows 1,800 decode requests in a rolling 24 hours per credential; ${ROLLING_DAY}. This node sends up to 1,000 URLs per request.${operationAdvice(f)}`,
		}),
	},
	{
		api: TAP,
		on: 429,
		when: (f) => Boolean(f.target.people),
		advice: (f) => ({
			message: `TAP's quota for /v2/people/${f.target.people} is used up (429)`,
			description: `The People API allows 50 requests per endpoint in a rolling 24 hours; ${ROLLING_DAY}: run again later, and fetch with a larger Limit (fewer pages) to spend less.${operationAdvice(f)}`,
		}),
	},
	{
		api: TAP,
		on: 429,
		advice: (f) => ({
			message: 'TAP is throttling requests (429)',
			description: `Proofpoint publishes no limit for this API. This node does not retry a 429, so it spends no more: try again later.${operationAdvice(f)}${said(f)}`,
		}),
	},
	{
		api: THREAT_APIS,
		on: '5xx',
		advice: (f) => ({
			message: `${nameAtSentenceStart(f)} had a server error (${f.status})`,
			description: `Not retried, because every request may count against a daily quota. Try again later.${said(f)}`,
		}),
	},
	{
		api: THREAT_APIS,
		on: 'status',
		advice: (f) => ({ message: `${nameAtSentenceStart(f)} answered with status ${f.status}`, description: `Unexpected status.${said(f)}` }),
	},

	// The Threat Protection API (OAuth2: n8n has already fetched a new token once before a 401 arrives here)
	{
		api: THREAT_PROTECTION,
		on: 'status',
		when: (f) => f.tokenRequest === true && (f.status === 400 || f.status === 401),
		advice: (f) => ({
			message: `Proofpoint refused the API Key or API Secret (${f.apiMessage ?? f.status})`,
			description: `The token request was refused, so nothing was asked of the API. Copy the API Key and API Secret again from ${KEY_PLACE}; a deleted key is refused too.`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 'status',
		when: (f) => f.tokenRequest === true,
		advice: (f) => ({
			message: `Proofpoint's token endpoint answered with status ${f.status}`,
			description: `No token, so nothing was asked of the API. ${f.status !== undefined && f.status >= 500 ? 'Try again later.' : "Check the credential's Base URL: a custom one must also serve /v1/token."}${said(f)}`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 'network',
		when: (f) => f.tokenRequest === true,
		advice: (f) => ({
			message: `Could not get a token from Proofpoint (${f.networkCode})`,
			description: "n8n could not reach the token endpoint, so nothing was asked of the API. Check that n8n can reach auth.proofpoint.com, or your custom Base URL's /v1/token.",
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 400,
		advice: (f) => ({ message: 'The Threat Protection API rejected the request as invalid (400)', description: `Check the fields of this item.${said(f)}` }),
	},
	{
		api: THREAT_PROTECTION,
		on: 401,
		advice: (f) => ({
			message: 'The Threat Protection API refused the token (401)',
			description: `n8n fetched a new token and was refused again. Check that the API Key is for the Threat Protection API (made in ${KEY_PLACE}) and has not been deleted.${said(f)}`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 403,
		advice: (f) => ({
			message: `This API Key may not ${f.target.list ? `use the ${f.target.list} of PoD cluster "${f.target.cluster ?? ''}"` : 'use Cloud Threat Response'} (403)`,
			description: `${f.target.list ? "Check the credential's PoD Cluster ID (the PoD admin portal shows it) and" : 'Check that your organization has Cloud Threat Response and'} that the key's permissions allow it.${said(f)}`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 404,
		advice: (f) => ({
			message: `${missingThing(f.target)} is unknown to the Threat Protection API (404)`,
			description: `${
				f.target.list
					? "Check the credential's PoD Cluster ID: the PoD admin portal shows it."
					: f.target.incident || f.target.message || f.target.workflow || f.target.workflowRun
						? 'Check the id: copy it from a Get Many of the same resource. An id of another organization is unknown too.'
						: "Check the credential's Base URL."
			}${said(f)}`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 429,
		advice: (f) => ({
			message: `Cloud Threat Response is throttling this API Key (429)${retried(f)}`,
			description: `It allows about 10 calls a minute per key, counted with every other client of the key (another SOAR, a script). This node paces its own calls and waits up to a minute when asked to${
				f.retryAfterMs ? `; Proofpoint asked to wait ${Math.ceil(f.retryAfterMs / 1000)} s` : ''
			}. Run again in a minute.${operationAdvice(f)}`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: '5xx',
		advice: (f) => ({
			message: `The Threat Protection API had a server error (${f.status})${retried(f)}`,
			description: `${f.method === 'POST' ? 'A change is never sent twice: check with Get whether it took effect before running again.' : 'The request was retried and kept failing.'} Try again later.${said(f)}`,
		}),
	},
	{
		api: THREAT_PROTECTION,
		on: 'status',
		advice: (f) => ({ message: `The Threat Protection API answered with status ${f.status}`, description: `Unexpected status.${said(f)}` }),
	},

	// No answer, or one that is not the API's
	{
		api: ALL_APIS,
		on: 'network',
		when: (f) => f.networkCode === 'ETIMEDOUT' || f.networkCode === 'ECONNABORTED',
		advice: (f) => ({
			message: `No answer from ${API_NAMES[f.api]} at ${f.where} within ${f.timeoutMs} ms${retried(f)}`,
			description:
				f.method === 'POST'
					? 'The create may still have been made: check with Get before running it again. Raise the Request Timeout option if Proofpoint is slow.'
					: 'Raise the Request Timeout option if the organization is large, or try again later.',
		}),
	},
	{
		api: ALL_APIS,
		on: 'network',
		when: (f) => f.networkCode === 'INVALID_RESPONSE',
		advice: (f) => ({
			message: `${nameAtSentenceStart(f)} at ${f.where} sent a response that is not valid JSON${retried(f)}`,
			description: `This usually means a proxy or an outage page answered instead of the API. Check the credential's stack or base URL, and try again later.${said(f)}`,
		}),
	},
	{
		api: THREAT_APIS,
		on: 'network',
		when: (f) => f.networkCode === 'EMPTY_RESPONSE',
		advice: (f) => ({
			message: `${nameAtSentenceStart(f)} at ${f.where} sent an empty 200 response`,
			description: 'An empty 200 usually comes from a proxy or an outage page. Try again later; the request may have counted against the daily quota.',
		}),
	},
	{
		api: ESSENTIALS,
		on: 'network',
		when: (f) => f.networkCode === 'EMPTY_RESPONSE',
		advice: (f) => ({
			message: `${nameAtSentenceStart(f)} at ${f.where} answered a change with an empty 200 response${retried(f)}`,
			description:
				'Proofpoint confirms a change with 204 No Content or with the changed data; an empty 200 usually comes from a proxy or an outage page, so the change may not have been made. Check with Get before running again, or try again later.',
		}),
	},
	{
		api: ALL_APIS,
		on: 'network',
		advice: (f) => ({
			message: `Could not reach ${API_NAMES[f.api]} at ${f.where} (${f.networkCode})${retried(f)}`,
			description: {
				essentials: "Check the credential's stack or base URL and that n8n can reach it.",
				tap: 'Check the Base URL in the TAP credential and that n8n can reach it.',
				essentialsThreat: "Check the credential's platform and Base URL and that n8n can reach it.",
				threatProtection: 'Check the Base URL in the Threat Protection credential and that n8n can reach it.',
			}[f.api],
		}),
	},
];

function matches(row: Row, failure: Failure): boolean {
	if (!row.api.includes(failure.api)) return false;
	const status = failure.status;
	if (row.on === 'network') {
		if (status !== undefined) return false;
	} else if (status === undefined) return false;
	else if (row.on === '5xx') {
		if (status < 500) return false;
	} else if (row.on !== 'status' && row.on !== status) return false;
	return row.when?.(failure) ?? true;
}

/** The advice for a failure: the first row of the table that matches it. */
export function adviseOn(failure: Failure): Advice {
	const row = ADVICE_TABLE.find((candidate) => matches(candidate, failure)) as Row;
	return row.advice(failure);
}
