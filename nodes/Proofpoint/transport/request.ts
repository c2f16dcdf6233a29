import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { buildPath, unsafeSegment } from './baseUrl';
import { apiMessageOf, parseJsonBody } from './body';
import { adviseOn, type Failure, type RequestTarget } from './hints';
import { parseRetryAfter, waitBeforeRetry, type Outcome, type RetryPolicy } from './retry';

/** What the transport runs in: a node's run, a trigger's poll, or the editor asking for a list. */
export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface CallOptions {
	itemIndex: number;
	timeoutMs: number;
}

/** How long a request waits for Proofpoint's answer unless the Request Timeout option says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30000;

export interface ApiCall {
	api: Failure['api'];
	credentialType: string;
	baseUrl: string;
	method: IHttpRequestMethods;
	path: ReadonlyArray<string | number>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	target: RequestTarget;
	/** null: never retry (every TAP request may spend quota). */
	retry: RetryPolicy | null;
	/** A 404 here means "nothing" (TAP's campaign ids), not an error: the answer is empty. */
	absentOn404?: boolean;
	/** An OAuth2 credential: a 401 is left to n8n, which fetches a new token and sends once more. */
	oauth2?: boolean;
	/** A POST that only reads (a search): repeating it changes nothing, so it is retried as a GET would be. */
	readOnly?: boolean;
	/** Run before every attempt, a retry too (a rate's pacing). */
	beforeAttempt?: () => Promise<void>;
}

// One lookup per node run and credential type: credentials do not change between items, and each lookup decrypts them.
const baseUrls = new WeakMap<ApiContext, Map<string, Promise<unknown>>>();

/** Where a credential points (its base URL, checked: https, or http on loopback), looked up once per run. */
export async function credentialBaseUrl<C extends object, R extends { url: string }>(
	context: ApiContext,
	credentialType: string,
	itemIndex: number,
	toBaseUrl: (credentials: C) => R | { problem: string },
	credentialName: string,
): Promise<R> {
	let perType = baseUrls.get(context);
	if (!perType) baseUrls.set(context, (perType = new Map()));
	let base = perType.get(credentialType) as Promise<R> | undefined;
	if (!base) {
		base = context.getCredentials<C & IDataObject>(credentialType, itemIndex).then((credentials) => {
			const checked = toBaseUrl(credentials);
			if (!('problem' in checked)) return checked;
			throw new NodeOperationError(context.getNode(), checked.problem, {
				itemIndex,
				description: `Edit the ${credentialName} credential.`,
			});
		});
		perType.set(credentialType, base);
		base.catch(() => perType.delete(credentialType));
	}
	return await base;
}

const NETWORK_CODES = /^(E[A-Z_]+|ERR_[A-Z_]+)$/;

/** Finds the socket-level code (ECONNRESET, ECONNABORTED…) in whatever shape the HTTP layer threw. */
export function networkCodeOf(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
		if (typeof message === 'string' && /timeout of \d+ms exceeded/i.test(message)) return 'ECONNABORTED';
		current = (current as { cause?: unknown }).cause;
	}
	return 'ENETWORK';
}

function hostOf(baseUrl: string): string {
	const url = new URL(baseUrl);
	return url.pathname.replace(/\/api\/v1$/, '').replace(/\/+$/, '') ? url.host + url.pathname : url.host;
}

/** Raises the one kind of error every API failure becomes: status, the API's words, and advice. Carries nothing of the request (headers hold the secret). */
function fail(context: ApiContext, failure: Failure, itemIndex: number): never {
	const advice = adviseOn(failure);
	const status = failure.status !== undefined ? String(failure.status) : undefined;
	const response: JsonObject = { message: advice.message, status: status ?? failure.networkCode ?? null };
	if (failure.apiMessage) response.apiMessage = failure.apiMessage;
	const error = new NodeApiError(context.getNode(), response, {
		message: advice.message,
		description: advice.description,
		httpCode: status,
		itemIndex,
	});
	// NodeApiError swaps a message naming a network code (ECONNRESET…) for a generic one that drops the host and timeout.
	error.message = advice.message;
	throw error;
}

type Attempt =
	| { done: true; status: number; value: unknown }
	| { done: false; outcome: Outcome | TokenOutcome; retryAfterMs?: number; body?: unknown; apiError?: string };

/** The token endpoint refused (status) or did not answer (code): the API itself was not asked. */
interface TokenOutcome {
	kind: 'token';
	status?: number;
	code: string;
	method: string;
}

/** What an OAuth2 request's error says: the API's 401 (after n8n's new token), or the token endpoint's refusal or silence. */
function oauth2Failure(error: unknown): { status?: number; token: boolean; apiError?: string } {
	const seen = new Set<unknown>();
	let token = false;
	let apiError: string | undefined;
	for (let current: unknown = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
		seen.add(current);
		const { message, body, status, response, code } = current as { message?: unknown; body?: unknown; status?: unknown; response?: { status?: unknown }; code?: unknown };
		// n8n-core's words for a token it could not get, and @n8n/client-oauth2's errors (EAUTH: the OAuth error body; ESTATUS: a bare status).
		if (typeof message === 'string' && message.startsWith('Failed to acquire OAuth2 access token')) token = true;
		if (code === 'EAUTH' || code === 'ESTATUS') token = true;
		if (body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string') apiError = String((body as { error: string }).error);
		if (typeof status === 'number') return { status, token, apiError };
		if (response && typeof response.status === 'number') return { status: response.status, token, apiError };
		if (code === 'EAUTH') return { status: 401, token, apiError };
	}
	return { token, apiError };
}

async function attemptOnce(context: ApiContext, call: ApiCall, options: CallOptions): Promise<Attempt> {
	let response: IN8nHttpFullResponse;
	const method = call.readOnly ? 'GET' : call.method;
	await call.beforeAttempt?.();
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(context, call.credentialType, {
			method: call.method,
			url: call.baseUrl + buildPath(call.path),
			qs: call.qs,
			body: call.body,
			json: true,
			encoding: 'text',
			returnFullResponse: true,
			// With OAuth2, a 401 must throw: that is what makes n8n fetch a new token and send once more.
			ignoreHttpStatusErrors: call.oauth2 ? { ignore: true, except: [401] } : true,
			timeout: options.timeoutMs,
			// A filter chosen several times goes as repeated parameters (threatStatus=active&threatStatus=cleared), as the SIEM API reads them.
			arrayFormat: 'repeat',
		})) as IN8nHttpFullResponse;
	} catch (error) {
		if (call.oauth2) {
			const failure = oauth2Failure(error);
			if (failure.token) return { done: false, outcome: { kind: 'token', status: failure.status, code: networkCodeOf(error), method }, apiError: failure.apiError };
			if (failure.status !== undefined) return { done: false, outcome: { kind: 'status', status: failure.status, method } };
		}
		return { done: false, outcome: { kind: 'network', code: networkCodeOf(error), method } };
	}
	const status = response.statusCode;
	if (status === 404 && call.absentOn404) return { done: true, status, value: undefined };
	if (status >= 200 && status < 300) {
		const parsed = parseJsonBody(response.body);
		// Proofpoint confirms a change with 204 or with data; an empty 200 comes from something else (a proxy), so the change may not have been made.
		if (parsed.ok && parsed.value === undefined && status === 200 && call.method !== 'GET') {
			return { done: false, outcome: { kind: 'network', code: 'EMPTY_RESPONSE', method } };
		}
		if (parsed.ok) return { done: true, status, value: parsed.value };
		return { done: false, outcome: { kind: 'network', code: 'INVALID_RESPONSE', method } };
	}
	return {
		done: false,
		outcome: { kind: 'status', status, method },
		retryAfterMs: parseRetryAfter(response.headers?.['retry-after'], Date.now()),
		body: response.body,
	};
}

/** An answer: its status (200, 201, 204…) and its parsed JSON body (undefined when empty). */
export interface Answer {
	status: number;
	value: unknown;
}

/** Sends one API call with the credential's authentication, retrying as its policy allows; returns the parsed JSON body (undefined when empty). */
export async function send(this: ApiContext, call: ApiCall, options: CallOptions): Promise<unknown> {
	return (await exchange.call(this, call, options)).value;
}

/** `send`, keeping the answer's status: 204 No Content and an empty 200 mean different things to a SIEM reader. */
export async function exchange(this: ApiContext, call: ApiCall, options: CallOptions): Promise<Answer> {
	const unsafe = unsafeSegment(call.path);
	if (unsafe !== undefined) {
		throw new NodeOperationError(this.getNode(), `Refused to send a request with the path segment "${unsafe}"`, {
			itemIndex: options.itemIndex,
			description: 'An empty or dot-only value would address a different resource. Check the domain and email fields.',
		});
	}
	let mayHaveLanded = false;
	for (let attempt = 0; ; attempt++) {
		const result = await attemptOnce(this, call, options);
		if (result.done) return { status: result.status, value: result.value };

		const { outcome, retryAfterMs } = result;
		const failure = { api: call.api, where: hostOf(call.baseUrl), target: call.target, attempts: attempt + 1, method: call.method, timeoutMs: options.timeoutMs };
		if (outcome.kind === 'token') {
			const networkCode = outcome.status === undefined ? outcome.code : undefined;
			fail(this, { ...failure, status: outcome.status, networkCode, apiMessage: result.apiError, tokenRequest: true }, options.itemIndex);
		}
		// A DELETE repeated after an attempt the server may have carried out (a timeout, a 5xx) finds nothing left: done.
		if (mayHaveLanded && call.method === 'DELETE' && outcome.kind === 'status' && outcome.status === 404) return { status: 404, value: undefined };
		mayHaveLanded ||= outcome.kind === 'network' || outcome.status >= 500;
		const wait = waitBeforeRetry(call.retry, outcome, attempt, retryAfterMs, Math.random());
		if (wait !== undefined) {
			await sleep(wait);
			continue;
		}
		const status = outcome.kind === 'status' ? outcome.status : undefined;
		const networkCode = outcome.kind === 'network' ? outcome.code : undefined;
		fail(this, { ...failure, status, networkCode, apiMessage: apiMessageOf(result.body), retryAfterMs }, options.itemIndex);
	}
}
