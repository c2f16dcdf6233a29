export const ESSENTIALS_STACKS = ['us1', 'us2', 'us3', 'us4', 'us5', 'eu1'] as const;

/** What follows a stack's name in its API address: https://us1.proofpointessentials.com/api/v1. */
export const ESSENTIALS_STACK_SUFFIX = '.proofpointessentials.com/api/v1';

export const TAP_DEFAULT_BASE_URL = 'https://tap-api-v2.proofpoint.com';

export interface EssentialsCredentials {
	stack: string;
	baseUrl?: string;
	apiUser: string;
	apiKey: string;
}

/** The platforms the `proofpointTapApi` credential can talk to; saved credentials without one are TAP. */
export const THREAT_PLATFORMS = ['tap', 'essentialsUs', 'essentialsEu', 'essentialsCustom'] as const;

/** The platforms that reach the Essentials Threat API (SIEM events only). */
export const ESSENTIALS_THREAT_PLATFORMS = ['essentialsUs', 'essentialsEu', 'essentialsCustom'] as const;

export type ThreatPlatform = (typeof THREAT_PLATFORMS)[number];

export const ESSENTIALS_THREAT_BASE_URLS = {
	essentialsUs: 'https://us-siem.proofpointessentials.com',
	essentialsEu: 'https://eu-siem.proofpointessentials.com',
} as const;

export interface TapCredentials {
	platform?: string;
	principal: string;
	secret: string;
	baseUrl?: string;
}

/** Which API a threat credential reaches: TAP itself, or the Essentials Threat API (SIEM events only). */
export type ThreatApiKind = 'tap' | 'essentials';

export type ThreatApiResult = { url: string; kind: ThreatApiKind } | { problem: string };

/** A base URL, or the reason it cannot be used (said to the user as is). */
export type BaseUrlResult = { url: string } | { problem: string };

function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Checks a user-given base URL: https anywhere, plain http only on loopback, no query or credentials. */
export function checkBaseUrl(raw: string, label: string): BaseUrlResult {
	const trimmed = (raw ?? '').trim().replace(/\/+$/, '');
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return { problem: `${label} "${trimmed}" is not a URL. Enter it like https://us1.proofpointessentials.com/api/v1.` };
	}
	if (parsed.username || parsed.password || parsed.search || parsed.hash) {
		return { problem: `${label} must not contain a user name, password, query or fragment.` };
	}
	if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
		return {
			problem: `${label} uses plain http:// for ${parsed.hostname}: the credentials would cross the network unencrypted. Use https:// (plain http is allowed only for a loopback sandbox such as 127.0.0.1).`,
		};
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return { problem: `${label} must start with https://.` };
	}
	return { url: trimmed };
}

export function essentialsBaseUrl(credentials: Pick<EssentialsCredentials, 'stack' | 'baseUrl'>): BaseUrlResult {
	if (credentials.stack === 'custom') {
		return checkBaseUrl(credentials.baseUrl ?? '', 'The credential\'s Base URL');
	}
	if (!(ESSENTIALS_STACKS as readonly string[]).includes(credentials.stack)) {
		return { problem: `Unknown stack "${credentials.stack}". Choose one of ${ESSENTIALS_STACKS.join(', ')} or a custom base URL.` };
	}
	return { url: `https://${credentials.stack}${ESSENTIALS_STACK_SUFFIX}` };
}

export function tapBaseUrl(credentials: Pick<TapCredentials, 'baseUrl'>): BaseUrlResult {
	return checkBaseUrl(credentials.baseUrl || TAP_DEFAULT_BASE_URL, 'The TAP credential\'s Base URL');
}

/** Where a `proofpointTapApi` credential points, checked as every base URL is. */
export function threatApiBase(credentials: Pick<TapCredentials, 'platform' | 'baseUrl'>): ThreatApiResult {
	const platform = credentials.platform || 'tap';
	if (platform === 'tap') {
		const checked = tapBaseUrl(credentials);
		return 'url' in checked ? { url: checked.url, kind: 'tap' } : checked;
	}
	if (platform === 'essentialsUs' || platform === 'essentialsEu') {
		return { url: ESSENTIALS_THREAT_BASE_URLS[platform], kind: 'essentials' };
	}
	if (platform !== 'essentialsCustom') {
		return { problem: `Unknown platform "${platform}". Choose TAP or one of the Essentials Threat API entries.` };
	}
	const base = (credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (base === '' || base === TAP_DEFAULT_BASE_URL) {
		return {
			problem: `The credential's platform is the Essentials Threat API with a custom base URL, but its Base URL is ${base ? "still TAP's address" : 'empty'}. Enter the Essentials Threat API address (e.g. https://us-siem.proofpointessentials.com or your proxy), or choose Essentials Threat API, US or EU.`,
		};
	}
	const checked = checkBaseUrl(base, "The credential's Base URL");
	return 'url' in checked ? { url: checked.url, kind: 'essentials' } : checked;
}

/** A path segment no input may become: empty, or a dot segment that URL parsers resolve (even encoded as %2E). */
export function unsafeSegment(segments: ReadonlyArray<string | number>): string | undefined {
	return segments.map(String).find((segment) => segment === '' || /^(\.|%2e){1,2}$/i.test(segment));
}

/** Joins encoded path segments, so no input can add a segment, a query or a fragment. */
export function buildPath(segments: ReadonlyArray<string | number>): string {
	return '/' + segments.map((segment) => encodeURIComponent(String(segment))).join('/');
}

/** Where a request a credential is asked to sign is about to go, as n8n hands it to `authenticate`. */
export interface OutgoingRequest {
	baseURL?: string;
	url?: string;
	/** The HTTP Request node's older request form names the address `uri`. */
	uri?: unknown;
}

/**
 * Why a credential must not sign this request: the node's own refusal of the credential's base URL (so the
 * credential Test says what a run would), or plain http to a host that is not loopback, whoever sent it.
 */
export function refusalToSign(credentialBase: BaseUrlResult | ThreatApiResult, request: OutgoingRequest): string | undefined {
	if ('problem' in credentialBase) return credentialBase.problem;
	const address = request.url ?? (typeof request.uri === 'string' ? request.uri : String((request.uri as { href?: unknown } | undefined)?.href ?? ''));
	let target: URL;
	try {
		target = new URL(address, request.baseURL);
	} catch {
		return `The request URL "${request.baseURL ?? ''}${address}" is not a URL.`;
	}
	const checked = checkBaseUrl(`${target.protocol}//${target.host}`, 'The request URL');
	return 'problem' in checked ? checked.problem : undefined;
}

export const THREAT_PROTECTION_DEFAULT_BASE_URL = 'https://threatprotection-api.proofpoint.com';

/** Proofpoint's token endpoint for the Threat Protection API (OAuth2 client credentials). */
export const THREAT_PROTECTION_TOKEN_URL = 'https://auth.proofpoint.com/v1/token';

export interface ThreatProtectionCredentials {
	clientId: string;
	clientSecret: string;
	baseUrl?: string;
	clusterId?: string;
}

/** Where a `proofpointThreatProtectionOAuth2Api` credential points (the host; paths start with /api/v1), checked as every base URL is. */
export function threatProtectionBase(credentials: Pick<ThreatProtectionCredentials, 'baseUrl'>): BaseUrlResult {
	return checkBaseUrl(credentials.baseUrl || THREAT_PROTECTION_DEFAULT_BASE_URL, "The Threat Protection credential's Base URL");
}

/** The scheme the token URL gets for a refused Base URL: n8n's error then reads "Unsupported protocol use-https-…:". */
export const PLAIN_HTTP_REFUSED = 'use-https-plain-http-is-only-for-a-loopback-base-url';

/**
 * The credential's token URL as an n8n expression over its own fields ($self): Proofpoint's for the public host,
 * `<Base URL>/v1/token` for a custom one (a proxy or the sandbox serves both), and no URL at all for a plain
 * http:// address that is not loopback, so n8n sends the secret nowhere (its token request fails before any connection).
 */
export const THREAT_PROTECTION_TOKEN_URL_EXPRESSION: string =
	'={{ (() => { const base = String($self.baseUrl || "").trim().replace(/\\/+$/, ""); ' +
	`if (base === "" || base === "${THREAT_PROTECTION_DEFAULT_BASE_URL}") return "${THREAT_PROTECTION_TOKEN_URL}"; ` +
	`return /^https:\\/\\//i.test(base) || /^http:\\/\\/(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?(\\/.*)?$/i.test(base) ? base + "/v1/token" : "${PLAIN_HTTP_REFUSED}://"; })() }}`;
