import {
	NodeApiError,
	type IDataObject,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { essentialsBaseUrl, type EssentialsCredentials } from './baseUrl';
import type { RequestTarget } from './hints';
import { credentialBaseUrl, send, type ApiContext, type CallOptions } from './request';
import { ESSENTIALS_RETRY } from './retry';

export const ESSENTIALS_CREDENTIAL = 'proofpointEssentialsApi';

export interface EssentialsCall {
	method: IHttpRequestMethods;
	/** Path segments below /api/v1, each encoded on its own. */
	path: ReadonlyArray<string | number>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	target: RequestTarget;
}

async function essentialsBase(this: ApiContext, itemIndex: number): Promise<string> {
	const base = await credentialBaseUrl<EssentialsCredentials, { url: string }>(
		this,
		ESSENTIALS_CREDENTIAL,
		itemIndex,
		essentialsBaseUrl,
		'Proofpoint Essentials',
	);
	return base.url;
}

/** One Essentials request; returns the parsed body (undefined for 204). */
export async function essentialsRequest(
	this: ApiContext,
	call: EssentialsCall,
	options: CallOptions,
): Promise<unknown> {
	const baseUrl = await essentialsBase.call(this, options.itemIndex);
	return await send.call(
		this,
		{ ...call, api: 'essentials', credentialType: ESSENTIALS_CREDENTIAL, baseUrl, retry: ESSENTIALS_RETRY },
		options,
	);
}

function unexpected(context: ApiContext, what: string, itemIndex: number): never {
	throw new NodeApiError(context.getNode(), { message: `Unexpected response: ${what}` } as JsonObject, {
		message: `Proofpoint Essentials sent an unexpected response: ${what}`,
		description:
			'Nothing was changed by this item. This usually means a proxy or an outage page answered instead of the API; try again later.',
		itemIndex,
	});
}

/** A collection (`{"users": […]}`; a bare array is accepted too, as legacy clients saw it). */
export async function essentialsList(
	this: ApiContext,
	call: EssentialsCall,
	key: 'users' | 'domains' | 'orgs' | 'endpoints',
	options: CallOptions,
): Promise<IDataObject[]> {
	const body = await essentialsRequest.call(this, call, options);
	if (Array.isArray(body)) return body as IDataObject[];
	const list = body && typeof body === 'object' ? (body as IDataObject)[key] : undefined;
	if (!Array.isArray(list)) unexpected(this, `no "${key}" list in the answer`, options.itemIndex);
	return list as IDataObject[];
}

/** A single resource (a bare JSON object). */
export async function essentialsObject(
	this: ApiContext,
	call: EssentialsCall,
	options: CallOptions,
): Promise<IDataObject> {
	const body = await essentialsRequest.call(this, call, options);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		unexpected(this, 'an empty or non-object answer', options.itemIndex);
	}
	return body as IDataObject;
}

/** An answer whose shape is undocumented, read by `read`: what it finds there, or the unexpected-response error saying `missing`. */
export async function essentialsRead(
	this: ApiContext,
	call: EssentialsCall,
	options: CallOptions,
	read: (body: unknown) => IDataObject | undefined,
	missing: string,
): Promise<IDataObject> {
	const found = read(await essentialsRequest.call(this, call, options));
	if (found === undefined) unexpected(this, missing, options.itemIndex);
	return found;
}
