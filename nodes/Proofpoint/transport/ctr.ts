import { NodeApiError, NodeOperationError, sleep, type IDataObject, type JsonObject } from 'n8n-workflow';

import {
	checkCtrId,
	nextCtrWindow,
	nextPollDelay,
	RUN_IN_PROGRESS,
	sortParams,
	unseenRows,
	type CtrPaging,
	type CtrSearchKind,
	type Order,
} from '../helpers/ctr';
import type { RequestTarget } from './hints';
import type { ApiContext, CallOptions } from './request';
import { threatProtectionObject, threatProtectionRequest } from './threatProtection';

/*
 * Cloud Threat Response's requests: searches paged over startRow/endRow, an incident by its display id,
 * workflow runs and the wait for them. Every call goes through threatProtectionRequest (paced per credential).
 */

export interface CtrSearch {
	/** What to search: POST /tric/incidents or /tric/messages. */
	of: CtrSearchKind;
	/** The body's `filters` (helpers/ctr.ts builds them). */
	filters: IDataObject;
	/** By creation (incidents) or receipt (messages) time: newest first, the API's default, or oldest first. */
	order: Order;
	/** Stop once this many distinct rows are read; undefined reads every page. */
	limit?: number;
	/** Sort by this column instead of the search's time (the trigger's updated incidents: updatedAt). */
	sortBy?: 'updatedAt';
	/** Stop at the first row for which this holds, keeping the rows before it (a newest-first read down to a time). */
	until?: (row: IDataObject) => boolean;
}

export interface CtrSearchResult {
	/** Distinct rows (by id) in the API's order, at most `limit`. */
	rows: IDataObject[];
	/** The total the last answer reported, when it did. */
	total?: number;
	/** How many searches were sent. */
	requests: number;
	/** Whether the search ended by itself or at `until`, not at the Limit. */
	complete: boolean;
}

function invalidAnswer(context: ApiContext, what: string, itemIndex: number): NodeApiError {
	return new NodeApiError(context.getNode(), { message: 'Unexpected response' } as JsonObject, {
		message: `The Cloud Threat Response answer has no ${what}`,
		description: 'This usually means a proxy or an outage page answered instead of the API. Try again later.',
		httpCode: 'INVALID_RESPONSE',
		itemIndex,
	});
}

/**
 * A Cloud Threat Response search, page by page (at most 100 rows each, endRow excluded) until the Limit,
 * the reported total or a short page: Limit 250 is 3 requests, 1,200 incidents with Return All 12. A row
 * a later page repeats (one arrived between the pages and shifted the rest) is kept once. The Proofpoint
 * Trigger polls new incidents with it too.
 */
export async function searchCtr(context: ApiContext, search: CtrSearch, options: CallOptions): Promise<CtrSearchResult> {
	const rows: IDataObject[] = [];
	const seen = new Set<string>();
	const paging: CtrPaging = { nextRow: 0, collected: 0 };
	let requests = 0;
	let stopped = false;
	for (let window = nextCtrWindow(paging, search.limit); window && !stopped; window = nextCtrWindow(paging, search.limit)) {
		const answer = await threatProtectionObject.call(
			context,
			{
				method: 'POST',
				path: ['tric', search.of],
				body: { filters: search.filters, startRow: window.startRow, endRow: window.endRow, sortParams: sortParams(search.of, search.order, search.sortBy) },
				target: {},
				readOnly: true,
			},
			options,
		);
		requests++;
		const page = answer[search.of];
		if (!Array.isArray(page)) throw invalidAnswer(context, `"${search.of}" list`, options.itemIndex);
		const added = unseenRows(page as IDataObject[], seen);
		const stopAt = search.until ? added.findIndex(search.until) : -1;
		if (stopAt >= 0) stopped = true;
		rows.push(...(stopAt >= 0 ? added.slice(0, stopAt) : added));
		const total = Number(answer.total);
		if (Number.isInteger(total) && total >= 0) paging.total = total;
		paging.nextRow = window.startRow + page.length;
		paging.collected = rows.length;
		paging.lastPage = { asked: window.endRow - window.startRow, got: page.length, added: added.length };
	}
	const complete = stopped || search.limit === undefined || rows.length < search.limit;
	return { rows: search.limit === undefined ? rows : rows.slice(0, search.limit), total: paging.total, requests, complete };
}

/** GET /tric/incidents/{uuid}: the incident's detail ({summary, comments, activities}). */
export async function getIncident(context: ApiContext, id: string, options: CallOptions): Promise<IDataObject> {
	return await threatProtectionObject.call(context, { method: 'GET', path: ['tric', 'incidents', id], target: { incident: id } }, options);
}

/** The UUID of the incident with a display id (781 for INC-781), found by one search; an error naming it when there is none. */
export async function incidentUuidOf(context: ApiContext, displayId: string, options: CallOptions): Promise<string> {
	const { rows } = await searchCtr(context, { of: 'incidents', filters: { incident_id_filters: [displayId] }, order: 'newest', limit: 1 }, options);
	const found = rows.find((row) => String(row.displayId) === displayId) ?? rows[0];
	if (!found || typeof found.id !== 'string') {
		throw new NodeOperationError(context.getNode(), `Incident ${displayId} is unknown to the Threat Protection API: no incident has this display ID`, {
			itemIndex: options.itemIndex,
			description: 'Check the number: copy it or the incident\'s UUID from Incident → Get Many. An incident of another organization is unknown too.',
		});
	}
	return found.id;
}

/** GET /tric/messages/{id}: the message's detail ({details, timeline, comments}). */
export async function getMessage(context: ApiContext, id: string, options: CallOptions): Promise<IDataObject> {
	return await threatProtectionObject.call(context, { method: 'GET', path: ['tric', 'messages', id], target: { message: id } }, options);
}

export type WorkflowTarget = 'message' | 'incident';

/** GET /tric/workflows?enabled=true&type=…: the tenant's enabled manual workflows for messages or incidents. */
export async function listWorkflows(context: ApiContext, type: WorkflowTarget, options: CallOptions): Promise<IDataObject[]> {
	const answer = await threatProtectionRequest.call(context, { method: 'GET', path: ['tric', 'workflows'], qs: { enabled: true, type }, target: {} }, options);
	// The peer reads {"workflows": [...]} or a bare list [P]: both are taken.
	const workflows = Array.isArray(answer) ? answer : answer && typeof answer === 'object' ? (answer as IDataObject).workflows : undefined;
	if (!Array.isArray(workflows)) throw invalidAnswer(context, '"workflows" list', options.itemIndex);
	return workflows as IDataObject[];
}

function runIdOf(context: ApiContext, run: IDataObject, itemIndex: number): string {
	const checked = checkCtrId(run.id, 'a run id');
	if ('problem' in checked) throw invalidAnswer(context, 'usable run id', itemIndex);
	return checked.value;
}

/**
 * POST /tric/workflows/{id}/run: starts a workflow on messages or incidents and returns the run. A POST:
 * the transport never sends it again after a 5xx or a lost answer, as the run may have started.
 */
export async function startWorkflowRun(context: ApiContext, workflowId: string, targetIds: string[], options: CallOptions): Promise<IDataObject> {
	const run = await threatProtectionObject.call(
		context,
		{ method: 'POST', path: ['tric', 'workflows', workflowId, 'run'], body: { targetIds }, target: { workflow: workflowId } },
		options,
	);
	runIdOf(context, run, options.itemIndex);
	return run;
}

/** GET /tric/workflows/run/{runId}: the run now. */
export async function getWorkflowRun(context: ApiContext, runId: string, options: CallOptions): Promise<IDataObject> {
	const target: RequestTarget = { workflowRun: runId };
	return await threatProtectionObject.call(context, { method: 'GET', path: ['tric', 'workflows', 'run', runId], target }, options);
}

export interface RunWait {
	intervalMs: number;
	maxWaitMs: number;
}

/**
 * Polls a run every interval until it leaves IN_PROGRESS or Max Wait is over (at most ⌈maxWait / interval⌉
 * GETs): the last state read, and whether the wait ended with the run still in progress.
 */
export async function waitForRun(context: ApiContext, run: IDataObject, wait: RunWait, options: CallOptions): Promise<{ run: IDataObject; timedOut: boolean }> {
	const runId = runIdOf(context, run, options.itemIndex);
	const startedAt = Date.now();
	let current = run;
	for (let polls = 0; current.state === RUN_IN_PROGRESS; polls++) {
		const delay = nextPollDelay(startedAt, Date.now(), polls, wait.intervalMs, wait.maxWaitMs);
		if (delay === undefined) return { run: current, timedOut: true };
		await sleep(delay);
		current = await getWorkflowRun(context, runId, options);
	}
	return { run: current, timedOut: false };
}
