import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { tapBaseUrl, type TapCredentials } from './baseUrl';
import type { RequestTarget } from './hints';
import { credentialBaseUrl, send, type CallOptions } from './request';

export const TAP_CREDENTIAL = 'proofpointTapApi';

/** One TAP GET; never retried, since every request may count against a daily quota. */
export async function tapRequest(
	this: IExecuteFunctions,
	call: { path: ReadonlyArray<string>; qs?: IDataObject; target: RequestTarget },
	options: CallOptions,
): Promise<IDataObject> {
	const baseUrl = await credentialBaseUrl<TapCredentials>(this, TAP_CREDENTIAL, options.itemIndex, tapBaseUrl, 'Proofpoint TAP');
	const body = await send.call(
		this,
		{ ...call, method: 'GET', api: 'tap', credentialType: TAP_CREDENTIAL, baseUrl, retry: null },
		options,
	);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new NodeApiError(this.getNode(), { message: 'Unexpected TAP response' } as JsonObject, {
			message: 'TAP sent an empty or unexpected response',
			description: 'Try again later; the request may still have counted against the daily quota.',
			itemIndex: options.itemIndex,
		});
	}
	return body as IDataObject;
}
