import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { CTR_PAGE_ROWS, incidentFilters, simplifyIncident } from '../Proofpoint/helpers/ctr';
import { firstState, pollEnd, rangeToRead, readFloor, settlePoll, shortKey, tooSoon, type Candidate, type TriggerState } from '../Proofpoint/helpers/pollCursor';
import { DAY_MS, MINUTE_MS } from '../Proofpoint/helpers/timeRange';
import { searchCtr } from '../Proofpoint/transport/ctr';
import { asNodeError } from '../Proofpoint/transport/nodeError';
import type { CallOptions } from '../Proofpoint/transport/request';
import { isTransientFailure } from '../Proofpoint/transport/retry';
import { BUDGET_SHARE, commit, isActivationPoll, stateOf } from './poll';

/** How far back Cloud Threat Response incidents are read: the node's own bound, as Proofpoint publishes none [?]. */
export const INCIDENTS_SERVED_MS = 30 * DAY_MS;

/** A poll reads at most this many incidents (30 pages of 100, three minutes at 10 calls a minute); the rest follows on the next polls. */
export const MAX_INCIDENTS_READ_PER_POLL = 3000;

const MANUAL_SAMPLE = 20;

export interface IncidentPollSettings {
	/** Undefined: start from now. */
	backfillMs?: number;
	lookBackMs: number;
	minReadIntervalMs: number;
	maxEvents: number;
	perPoll: boolean;
	simplify: boolean;
	/** Also emit an incident each time it is updated (its updatedAt changes). */
	updated: boolean;
	options: CallOptions;
}

interface Incident {
	row: IDataObject;
	change: 'created' | 'updated';
}

const timeOf = (row: IDataObject, field: 'createdAt' | 'updatedAt'): number => {
	const value = row[field];
	return typeof value === 'number' ? value : Date.parse(String(value ?? ''));
};

/** The key of an incident's creation: a new incident's, and, with updates, kept beside theirs once the trigger emitted it as created. */
const createdKey = (id: string): string => `incident|${id}`;

/** What a poll with updates knows of creations: where it reads from, and whether it emitted an incident's creation before. */
interface Creations {
	floor: number;
	emitted: (id: string) => boolean;
}

const creationsOf = (state: TriggerState, lookBackMs: number): Creations => ({
	floor: readFloor(state, lookBackMs),
	emitted: (id) => state.seen[shortKey(createdKey(id))] !== undefined,
});

/**
 * An incident's place in the exactly-once machinery: new ones by id at their creation; updated ones by id and update
 * time. An updated row is the incident's creation when the trigger has not emitted that and it was created where the
 * trigger still reads: Cloud Threat Response changes an incident as it adds its messages and runs its workflows, and
 * one may appear late, so an incident seen for the first time often has an updatedAt after its createdAt.
 */
function candidateOf(row: IDataObject, updated: boolean, creations?: Creations): Candidate<Incident> | undefined {
	const id = String(row.id ?? '');
	const time = timeOf(row, updated ? 'updatedAt' : 'createdAt');
	if (!id || Number.isNaN(time)) return undefined;
	if (!updated) return { key: createdKey(id), time, event: { row, change: 'created' } };
	const created = timeOf(row, 'createdAt');
	const emitted = creations?.emitted(id) ?? false;
	// Its creation, unchanged since, was emitted (also before Include Updated Incidents was turned on): nothing new.
	if (created === time && emitted) return undefined;
	const creation = created === time || (creations !== undefined && !emitted && created >= creations.floor);
	return { key: `incident|${id}|${time}`, time, event: { row, change: creation ? 'created' : 'updated' } };
}

/** The state after a poll with updates, also keeping the creations it emitted while they lie where later polls read. */
function withCreations(next: TriggerState, emitted: Array<Candidate<Incident>>): TriggerState {
	const keepFrom = Math.floor(Date.parse(next.readFrom ?? next.cursor) / 1000);
	const seen = { ...next.seen };
	for (const { event } of emitted) {
		if (event.change !== 'created') continue;
		const second = Math.floor(timeOf(event.row, 'createdAt') / 1000);
		if (second >= keepFrom) seen[shortKey(createdKey(String(event.row.id)))] = second;
	}
	return { ...next, seen };
}

function toJson(settings: IncidentPollSettings, { row, change }: Incident): IDataObject {
	const json = settings.simplify ? simplifyIncident(row) : { ...row };
	if (settings.updated) json.change = change;
	return json as IDataObject;
}

interface ReadResult {
	candidates: Array<Candidate<Incident>>;
	readUntil: number;
}

/**
 * Reads the incidents of `range`. New incidents: by creation time, oldest first, at most as many rows as
 * can hold one poll's new ones (the seen ones re-read within the look-back, and one more to know there is
 * more); when the rows run out before the range does, reading stopped at the last one's instant, which the
 * next poll reads again. Updated ones: newest update first, down to the range's start.
 */
async function readIncidents(
	context: IPollFunctions,
	settings: IncidentPollSettings,
	range: { start: number; end: number },
	seenCount: number,
	creations: Creations,
): Promise<ReadResult> {
	if (!settings.updated) {
		// Whole pages: the rows of a page cost nothing more than its first, and more of them put a cut past the cap.
		const limit = Math.min(Math.ceil((settings.maxEvents + seenCount + 1) / CTR_PAGE_ROWS) * CTR_PAGE_ROWS, MAX_INCIDENTS_READ_PER_POLL);
		const { rows } = await searchCtr(context, { of: 'incidents', filters: incidentFilters({ range, states: ['open', 'closed'] }) as IDataObject, order: 'oldest', limit }, settings.options);
		const candidates = rows.flatMap((row) => candidateOf(row, false) ?? []).sort((a, b) => a.time - b.time);
		const cut = rows.length >= limit && candidates.length > 0;
		return { candidates, readUntil: cut ? candidates[candidates.length - 1].time : range.end };
	}
	const { rows, complete } = await searchCtr(
		context,
		{
			of: 'incidents',
			filters: incidentFilters({ states: ['open', 'closed'] }) as IDataObject,
			order: 'newest',
			sortBy: 'updatedAt',
			limit: MAX_INCIDENTS_READ_PER_POLL,
			until: (row: IDataObject) => timeOf(row, 'updatedAt') < range.start,
		},
		settings.options,
	);
	// Read newest first, so an unfinished read knows nothing of the oldest updates: it is said, never settled as if complete.
	if (!complete) {
		throw new NodeOperationError(context.getNode(), `More than ${MAX_INCIDENTS_READ_PER_POLL.toLocaleString('en-US')} incident updates since the last read: too many for one poll`, {
			description: 'Nothing was emitted and the trigger keeps its place. Lower the Look-Back, or turn off Include Updated Incidents to follow new incidents only (read oldest first, any number).',
		});
	}
	const candidates = rows
		.flatMap((row) => candidateOf(row, true, creations) ?? [])
		.filter((candidate) => candidate.time < range.end)
		.sort((a, b) => a.time - b.time);
	return { candidates, readUntil: range.end };
}

function items(settings: IncidentPollSettings, emitted: Array<Candidate<Incident>>, range: { start: number }, readUntil: number): INodeExecutionData[] {
	const incidents = emitted.map((candidate) => toJson(settings, candidate.event));
	if (!settings.perPoll) return incidents.map((json) => ({ json }));
	return [{ json: { count: incidents.length, from: new Date(range.start).toISOString(), to: new Date(readUntil).toISOString(), incidents } }];
}

/**
 * One poll of Cloud Threat Response incidents, on the machinery of threat events: from the saved floor (less the
 * look-back, for incidents that appear late) to the current minute, emitting only what was not emitted before,
 * and moving the cursor only past what was emitted. The state is committed only once the poll's outcome is known.
 */
export async function pollIncidents(context: IPollFunctions, settings: IncidentPollSettings): Promise<INodeExecutionData[] | null> {
	const now = Date.now();
	if (context.getMode() === 'manual') {
		const range = { start: now - DAY_MS, end: pollEnd(now) };
		const { rows } = await searchCtr(context, { of: 'incidents', filters: incidentFilters({ range, states: ['open', 'closed'] }) as IDataObject, order: 'newest', limit: MANUAL_SAMPLE }, settings.options);
		const sample = rows.flatMap((row) => candidateOf(row, settings.updated) ?? []).reverse();
		return sample.length ? items(settings, sample, range, range.end) : null;
	}
	const staticData = context.getWorkflowStaticData('node');
	const atActivation = isActivationPoll(staticData);
	let state: TriggerState | undefined = stateOf(staticData);
	if (!state) {
		state = firstState(pollEnd(now) - (settings.backfillMs ?? 0));
		commit(staticData, state);
	}
	if (!atActivation && tooSoon(state, now, settings.minReadIntervalMs)) return null;
	const lastReadAt = settings.minReadIntervalMs > 0 ? new Date(now).toISOString() : undefined;
	try {
		const plan = rangeToRead(state, now, { lookBackMs: settings.lookBackMs, servedMs: INCIDENTS_SERVED_MS, minWindowMs: MINUTE_MS });
		if (!plan) {
			// A first activation from now has nothing to read yet: one search proves the credential works.
			if (atActivation) await searchCtr(context, { of: 'incidents', filters: incidentFilters({ range: { start: now - MINUTE_MS, end: now }, states: ['open', 'closed'] }) as IDataObject, order: 'newest', limit: 1 }, settings.options);
			commit(staticData, { ...state, lastReadAt: atActivation ? lastReadAt : state.lastReadAt });
			return null;
		}
		const started = Date.now();
		const budget = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() * BUDGET_SHARE : Number.POSITIVE_INFINITY;
		const { candidates, readUntil } = await readIncidents(context, settings, plan.range, Object.keys(state.seen).length, creationsOf(state, settings.lookBackMs));
		if (Date.now() - started > budget) context.logger.warn(`Proofpoint Trigger "${context.getNode().name}": reading incidents took longer than the poll's budget; the next poll goes on from where this one stopped.`);
		const { emit, next } = settlePoll(state, candidates, readUntil, { lookBackMs: settings.lookBackMs, maxEvents: settings.maxEvents, end: plan.range.end });
		commit(staticData, { ...(settings.updated ? withCreations(next, emit) : next), lastReadAt });
		return emit.length ? items(settings, emit, plan.range, readUntil) : null;
	} catch (error) {
		const httpCode = (error as { httpCode?: unknown }).httpCode;
		if (atActivation && isTransientFailure(httpCode)) {
			context.logger.warn(
				`Proofpoint Trigger "${context.getNode().name}" could not reach Cloud Threat Response at activation (${(error as Error).message}); it keeps polling and catches up once Proofpoint answers.`,
			);
			return null;
		}
		throw asNodeError(context, error);
	}
}
