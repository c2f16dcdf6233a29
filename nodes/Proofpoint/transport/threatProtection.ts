import { NodeApiError, NodeOperationError, sleep, type IDataObject, type IHttpRequestMethods, type JsonObject } from 'n8n-workflow';

import { threatProtectionBase, type ThreatProtectionCredentials } from './baseUrl';
import type { RequestTarget } from './hints';
import { gateFor, PACED_WINDOW_MS } from './pacing';
import { credentialBaseUrl, send, type ApiContext, type CallOptions } from './request';
import { THREAT_PROTECTION_RETRY } from './retry';

export const THREAT_PROTECTION_CREDENTIAL = 'proofpointThreatProtectionOAuth2Api';

/** Cloud Threat Response's rate as peers cite it [M]: the credential's CTR Calls per Minute defaults to it. */
export const CTR_CALLS_PER_MINUTE = 10;

/** The longest a run waits for a CTR slot: one paced minute frees every slot. */
export const MAX_PACING_WAIT_MS = PACED_WINDOW_MS;

export interface ThreatProtectionApi {
	url: string;
	clusterId: string;
	ctrPerMinute: number;
}

/** Where the node's Threat Protection credential points, its PoD cluster and its CTR rate, looked up once per run. */
export async function threatProtectionApi(context: ApiContext, itemIndex: number): Promise<ThreatProtectionApi> {
	return await credentialBaseUrl<ThreatProtectionCredentials & { ctrCallsPerMinute?: number }, ThreatProtectionApi>(
		context,
		THREAT_PROTECTION_CREDENTIAL,
		itemIndex,
		(credentials) => {
			const checked = threatProtectionBase(credentials);
			if ('problem' in checked) return checked;
			const rate = Number(credentials.ctrCallsPerMinute ?? CTR_CALLS_PER_MINUTE);
			return {
				url: checked.url,
				clusterId: String(credentials.clusterId ?? '').trim(),
				ctrPerMinute: Number.isFinite(rate) && rate >= 1 ? Math.floor(rate) : CTR_CALLS_PER_MINUTE,
			};
		},
		'Proofpoint Threat Protection API',
	);
}

export interface ThreatProtectionCall {
	method: IHttpRequestMethods;
	/** Path segments below /api/v1, each encoded on its own. */
	path: ReadonlyArray<string | number>;
	qs?: IDataObject;
	body?: IDataObject;
	target: RequestTarget;
	/** A search sent as POST: repeating it changes nothing, so a 5xx or a lost answer may be retried. */
	readOnly?: boolean;
}

/** The wait a run may spend on one CTR slot: a minute, and no more than a trigger's poll may spend. */
function maxWaitMs(context: ApiContext): number {
	const poll = context as { getPollBudgetMs?: () => number };
	return typeof poll.getPollBudgetMs === 'function' ? Math.min(MAX_PACING_WAIT_MS, poll.getPollBudgetMs() / 2) : MAX_PACING_WAIT_MS;
}

/** Waits for this credential's next Cloud Threat Response slot, or fails when the wait would be longer than a run may wait. */
async function paceCtr(context: ApiContext, api: ThreatProtectionApi, itemIndex: number): Promise<void> {
	const credentialId = context.getNode().credentials?.[THREAT_PROTECTION_CREDENTIAL]?.id ?? 'unsaved';
	const gate = gateFor(`${credentialId} ${api.url}`, api.ctrPerMinute);
	const now = Date.now();
	const wait = gate.waitFor(now);
	const limit = maxWaitMs(context);
	if (wait > limit) {
		throw new NodeOperationError(context.getNode(), `Cloud Threat Response allows ${api.ctrPerMinute} calls a minute, and this run would wait ${Math.ceil(wait / 1000)} s for its next one`, {
			itemIndex,
			description: `Other runs on this credential used the minute's calls. Nothing was sent for this item. Run again in a minute, or ask for fewer items per run (a larger Limit means fewer pages).`,
		});
	}
	await sleep(gate.reserve(now));
}

/** One Threat Protection request with the credential's OAuth2 token (n8n fetches and refreshes it); returns the parsed body. */
export async function threatProtectionRequest(this: ApiContext, call: ThreatProtectionCall, options: CallOptions): Promise<unknown> {
	const api = await threatProtectionApi(this, options.itemIndex);
	const ctr = call.path[0] === 'tric';
	return await send.call(
		this,
		{
			api: 'threatProtection',
			credentialType: THREAT_PROTECTION_CREDENTIAL,
			baseUrl: `${api.url}/api/v1`,
			method: call.method,
			path: call.path,
			qs: call.qs,
			body: call.body,
			target: call.target,
			retry: THREAT_PROTECTION_RETRY,
			oauth2: true,
			readOnly: call.readOnly,
			// Every attempt, a retry too, takes a slot of CTR's rate; the lists have no published limit.
			beforeAttempt: ctr ? async () => await paceCtr(this, api, options.itemIndex) : undefined,
		},
		options,
	);
}

/** A JSON object answer, or an error saying the answer was not the API's. */
export async function threatProtectionObject(this: ApiContext, call: ThreatProtectionCall, options: CallOptions): Promise<IDataObject> {
	const body = await threatProtectionRequest.call(this, call, options);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new NodeApiError(this.getNode(), { message: 'Unexpected response' } as JsonObject, {
			message: 'The Threat Protection API sent an empty or unexpected response',
			description: 'This usually means a proxy or an outage page answered instead of the API. Try again later.',
			httpCode: 'INVALID_RESPONSE',
			itemIndex: options.itemIndex,
		});
	}
	return body as IDataObject;
}
