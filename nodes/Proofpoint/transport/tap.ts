import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type JsonObject,
} from 'n8n-workflow';

import { threatApiBase, type TapCredentials, type ThreatApiKind } from './baseUrl';
import type { RequestTarget } from './hints';
import { credentialBaseUrl, exchange, type ApiCall, type ApiContext, type CallOptions } from './request';
import { ESSENTIALS_THREAT_RETRY } from './retry';

export const TAP_CREDENTIAL = 'proofpointTapApi';

export interface ThreatApi {
	url: string;
	kind: ThreatApiKind;
}

/** Where the node's `proofpointTapApi` credential points: TAP, or the Essentials Threat API. */
export async function threatApi(context: ApiContext, itemIndex: number): Promise<ThreatApi> {
	return await credentialBaseUrl<TapCredentials, ThreatApi>(context, TAP_CREDENTIAL, itemIndex, threatApiBase, 'Proofpoint TAP / Essentials Threat API');
}

// The Essentials Threat API serves SIEM events only (docs/api-facts.md#essentials-threat-api); these are TAP's alone.
const TAP_ONLY_APIS: Record<string, string> = {
	people: 'the People API (Very Attacked People, Top Clickers)',
	campaign: 'the Campaign API',
	forensics: 'the Forensics API',
	threat: 'the Threat API',
	url: 'the URL Decoder',
};

export interface TapCall {
	method?: 'GET' | 'POST';
	/** Path segments from the host, e.g. ['v2', 'threat', 'summary', id], each encoded on its own. */
	path: ReadonlyArray<string>;
	qs?: IDataObject;
	body?: IDataObject;
	target: RequestTarget;
	/** A 404 means an empty answer, not an unknown id (campaign ids: "no data returns 404"). */
	absentOn404?: boolean;
}

function unexpected(context: ApiContext, api: ThreatApiKind, itemIndex: number): never {
	throw new NodeApiError(context.getNode(), { message: 'Unexpected response' } as JsonObject, {
		message: `${api === 'tap' ? 'TAP' : 'The Essentials Threat API'} sent an empty or unexpected response`,
		description: 'Try again later; the request may still have counted against the daily quota.',
		// A passing failure, like a 5xx or a body that is not JSON: a trigger's activation survives it.
		httpCode: 'EMPTY_RESPONSE',
		itemIndex,
	});
}

function call(base: ThreatApi, request: TapCall): ApiCall {
	const essentials = base.kind === 'essentials';
	return {
		method: request.method ?? 'GET',
		path: request.path,
		qs: request.qs,
		body: request.body,
		target: request.target,
		absentOn404: request.absentOn404,
		api: essentials ? 'essentialsThreat' : 'tap',
		credentialType: TAP_CREDENTIAL,
		baseUrl: base.url,
		// TAP: never retried, every request may spend quota. Essentials: only when told how long to wait.
		retry: essentials ? ESSENTIALS_THREAT_RETRY : null,
	};
}

/** One call to a TAP-only API (People, Campaign, Forensics, Threat, URL Decoder); never retried. Empty only where `absentOn404` allows. */
export async function tapRequest(this: ApiContext, request: TapCall, options: CallOptions): Promise<IDataObject> {
	const base = await threatApi(this, options.itemIndex);
	if (base.kind === 'essentials') {
		const api = TAP_ONLY_APIS[request.path[1]] ?? 'this API';
		throw new NodeOperationError(this.getNode(), `This credential reaches the Essentials Threat API, which has no ${api.replace(/^the /, '')}`, {
			itemIndex: options.itemIndex,
			description: `The Essentials Threat API serves SIEM events only; ${api} is part of TAP. Choose a Proofpoint TAP credential (Platform: TAP, with a service principal), or use SIEM Event → Get Many with this one. Nothing was sent.`,
		});
	}
	const answer = await exchange.call(this, call(base, request), options);
	if (answer.status === 404) return {};
	const body = answer.value;
	if (!body || typeof body !== 'object' || Array.isArray(body)) unexpected(this, base.kind, options.itemIndex);
	return body as IDataObject;
}

export interface SiemAnswer {
	/** The parsed answer; undefined for the Essentials Threat API's 204 No Content ("nothing in this window"). */
	body: IDataObject | undefined;
}

/** One SIEM request, to TAP or the Essentials Threat API (whichever the credential points at). */
export async function siemRequest(this: ApiContext, base: ThreatApi, request: TapCall, options: CallOptions): Promise<SiemAnswer> {
	const answer = await exchange.call(this, call(base, request), options);
	if (answer.status === 204) return { body: undefined };
	const body = answer.value;
	if (!body || typeof body !== 'object' || Array.isArray(body)) unexpected(this, base.kind, options.itemIndex);
	return { body: body as IDataObject };
}
