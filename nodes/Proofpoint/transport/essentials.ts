import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { essentialsBaseUrl, type EssentialsCredentials } from './baseUrl';
import type { RequestTarget } from './hints';
import { send, type CallOptions } from './request';
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

// One lookup per node run: credentials do not change between items, and each lookup decrypts them.
const baseUrls = new WeakMap<IExecuteFunctions, Promise<string>>();

async function lookUpBase(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await context.getCredentials<EssentialsCredentials>(ESSENTIALS_CREDENTIAL, itemIndex);
	const base = essentialsBaseUrl(credentials);
	if ('problem' in base) {
		throw new NodeOperationError(context.getNode(), base.problem, {
			itemIndex,
			description: 'Edit the Proofpoint Essentials credential.',
		});
	}
	return base.url;
}

export async function essentialsBase(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	let base = baseUrls.get(this);
	if (!base) {
		base = lookUpBase(this, itemIndex);
		baseUrls.set(this, base);
		base.catch(() => baseUrls.delete(this));
	}
	return await base;
}

/** One Essentials request; returns the parsed body (undefined for 204). */
export async function essentialsRequest(
	this: IExecuteFunctions,
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

function unexpected(context: IExecuteFunctions, what: string, itemIndex: number): never {
	throw new NodeApiError(context.getNode(), { message: `Unexpected response: ${what}` } as JsonObject, {
		message: `Proofpoint Essentials sent an unexpected response: ${what}`,
		description:
			'Nothing was changed by this item. This usually means a proxy or an outage page answered instead of the API; try again later.',
		itemIndex,
	});
}

/** A collection (`{"users": […]}`; a bare array is accepted too, as legacy clients saw it). */
export async function essentialsList(
	this: IExecuteFunctions,
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
	this: IExecuteFunctions,
	call: EssentialsCall,
	options: CallOptions,
): Promise<IDataObject> {
	const body = await essentialsRequest.call(this, call, options);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		unexpected(this, 'an empty or non-object answer', options.itemIndex);
	}
	return body as IDataObject;
}
