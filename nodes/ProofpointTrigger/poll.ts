import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	AHEAD_MEMORY_MS,
	firstState,
	pollEnd,
	tooSoon,
	rangeToRead,
	readFloor,
	settlePoll,
	shortKey,
	type Candidate,
	type TriggerState,
} from '../Proofpoint/helpers/pollCursor';
import { simplifyEvent } from '../Proofpoint/helpers/threatEvents';
import { describeSpan, HOUR_MS, MINUTE_MS, type RangeRules, type TimeRange } from '../Proofpoint/helpers/timeRange';
import type { CallOptions } from '../Proofpoint/transport/request';
import { asNodeError } from '../Proofpoint/transport/nodeError';
import { isTransientFailure } from '../Proofpoint/transport/retry';
import { inTimeOrder, SIEM_WINDOW, siemWindows, timedEvents, type SiemEvent, type SiemQuery } from '../Proofpoint/transport/siem';
import type { TriggerSettings } from './settings';

export interface PollSettings extends TriggerSettings {
	query: SiemQuery;
	rules: RangeRules;
	options: CallOptions;
}

// In one n8n process the static data of an active trigger is one object from its activation on:
// seeing it for the first time means this is the poll n8n runs at activation.
const activations = new WeakSet<IDataObject>();

/** How much of n8n's budget for one poll the reading may use before it stops and leaves the rest to the next poll. */
export const BUDGET_SHARE = 0.8;

const MANUAL_SAMPLE_WINDOWS = 6;
const MANUAL_SAMPLE_EVENTS = 20;

/** Whether this poll is the one n8n runs at activation (the first to see this static data in this process). */
export function isActivationPoll(staticData: IDataObject): boolean {
	if (activations.has(staticData)) return false;
	activations.add(staticData);
	return true;
}

export function stateOf(staticData: IDataObject): TriggerState | undefined {
	const { since, cursor, readFrom, seen, aheadUntil, lastReadAt } = staticData;
	if (typeof since !== 'string' || typeof cursor !== 'string' || Number.isNaN(Date.parse(cursor))) return undefined;
	const state: TriggerState = { since, cursor, seen: seen && typeof seen === 'object' ? (seen as Record<string, number>) : {} };
	if (typeof readFrom === 'string' && !Number.isNaN(Date.parse(readFrom))) state.readFrom = readFrom;
	if (typeof aheadUntil === 'string' && !Number.isNaN(Date.parse(aheadUntil))) state.aheadUntil = aheadUntil;
	if (typeof lastReadAt === 'string') state.lastReadAt = lastReadAt;
	return state;
}

/** The only place the trigger writes its state: after a poll whose outcome is known. */
export function commit(staticData: IDataObject, state: TriggerState): void {
	staticData.since = state.since;
	staticData.cursor = state.cursor;
	if (state.readFrom !== undefined) staticData.readFrom = state.readFrom;
	staticData.seen = state.seen;
	for (const field of ['aheadUntil', 'lastReadAt'] as const) {
		if (state[field] === undefined) delete staticData[field];
		else staticData[field] = state[field];
	}
}

/** The skew memory a poll leaves: renewed for an hour when Proofpoint called its end "still current", else kept until it runs out. */
function aheadAfter(state: TriggerState, now: number, endedEarly: boolean): string | undefined {
	if (endedEarly) return new Date(now + AHEAD_MEMORY_MS).toISOString();
	return state.aheadUntil !== undefined && Date.parse(state.aheadUntil) > now ? state.aheadUntil : undefined;
}

function toItem(settings: PollSettings, { kind, event }: SiemEvent): IDataObject {
	if (settings.simplify) return simplifyEvent(kind, event);
	event.eventType = kind;
	return event;
}

interface ReadResult {
	candidates: Array<Candidate<SiemEvent>>;
	readUntil: number;
	/** Proofpoint called the range's end "still current": reading ended a minute earlier. */
	endedEarly: boolean;
}

/**
 * Reads `range` window by window, stopping early once more new events than one poll emits have been
 * found (the rest waits for the next poll; every window spends quota) or n8n's budget for a poll runs out.
 */
async function readRange(
	context: IPollFunctions,
	settings: PollSettings,
	range: TimeRange,
	isNew: (candidate: Candidate<SiemEvent>) => boolean,
): Promise<ReadResult> {
	const started = Date.now();
	const budget = typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() * BUDGET_SHARE : Number.POSITIVE_INFINITY;
	const candidates: Array<Candidate<SiemEvent>> = [];
	let readUntil = range.start;
	let fresh = 0;
	let endedEarly = false;
	for await (const { window, answer, cursor, endedEarly: early } of siemWindows(context, settings.api, range, settings.query, settings.options)) {
		if (early) endedEarly = true;
		for (const candidate of timedEvents(answer, window)) {
			candidates.push(candidate);
			if (isNew(candidate)) fresh += 1;
		}
		readUntil = cursor;
		if (fresh > settings.maxEvents || Date.now() - started > budget) break;
	}
	return { candidates: inTimeOrder(candidates), readUntil, endedEarly };
}

function items(settings: PollSettings, emitted: Array<Candidate<SiemEvent>>, range: TimeRange, readUntil: number): INodeExecutionData[] {
	const events = emitted.map((candidate) => toItem(settings, candidate.event));
	if (!settings.perPoll) return events.map((json) => ({ json }));
	return [{ json: { count: events.length, from: new Date(range.start).toISOString(), to: new Date(readUntil).toISOString(), events } }];
}

/** The editor's "Fetch Test Event": the latest events of the last hours, capped, leaving the trigger's state alone. */
async function sampleEvents(context: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[] | null> {
	const end = pollEnd(Date.now());
	for (let back = 1; back <= MANUAL_SAMPLE_WINDOWS; back++) {
		const range = { start: end - back * HOUR_MS, end: end - (back - 1) * HOUR_MS };
		const { candidates } = await readRange(context, settings, range, () => true);
		if (candidates.length === 0) continue;
		const latest = candidates.slice(-Math.min(MANUAL_SAMPLE_EVENTS, settings.maxEvents));
		return items(settings, latest, range, range.end);
	}
	return null;
}

/**
 * One poll: read from the cursor less the look-back up to the most recent allowed end, emit what was
 * not emitted before, and only then move the cursor. A failing poll leaves the state as it was; at
 * activation, a failure that passes (network, 5xx, 429) is logged, so an outage while n8n starts
 * does not switch the trigger off.
 */
export async function pollThreatEvents(context: IPollFunctions, settings: PollSettings): Promise<INodeExecutionData[] | null> {
	if (context.getMode() === 'manual') return await sampleEvents(context, settings);
	const staticData = context.getWorkflowStaticData('node');
	const now = Date.now();
	const atActivation = isActivationPoll(staticData);
	let state = stateOf(staticData);
	if (!state) {
		// n8n saves the static data after the activation's poll whatever it returned: the start chosen now survives a failed first poll and a restart.
		state = firstState(pollEnd(now) - (settings.backfillMs ?? 0));
		commit(staticData, state);
	}
	// Poll Times may ask more often than the quota should pay for: such a poll asks nothing; the next read catches up. The activation's always reads.
	if (!atActivation && tooSoon(state, now, settings.minReadIntervalMs)) return null;
	const lastReadAt = settings.minReadIntervalMs > 0 ? new Date(now).toISOString() : undefined;
	const rules = { lookBackMs: settings.lookBackMs, servedMs: settings.rules.servedMs ?? Number.POSITIVE_INFINITY, minWindowMs: SIEM_WINDOW.minMs };
	try {
		const plan = rangeToRead(state, now, rules);
		if (!plan) {
			// A first activation from now has nothing to read yet: one minute is read to prove the credential works.
			const end = pollEnd(now, state);
			const proof = atActivation ? await readRange(context, settings, { start: end - MINUTE_MS, end }, () => false) : undefined;
			commit(staticData, { ...state, aheadUntil: aheadAfter(state, now, proof?.endedEarly ?? false), lastReadAt: proof ? lastReadAt : state.lastReadAt });
			return null;
		}
		if (plan.clampedFrom !== undefined) {
			const from = new Date(plan.range.start).toISOString();
			const name = context.getNode().name;
			context.logger.warn(
				// A backfill of the documented maximum loses only the safety margin: said as what it is, not as lost events.
				plan.range.start - plan.clampedFrom <= 2 * MINUTE_MS
					? `Proofpoint Trigger "${name}": it starts ${describeSpan(now - plan.clampedFrom)} ago, as far back as ${settings.rules.keeper} serves; reading from ${from}, a minute inside that limit.`
					: `Proofpoint Trigger "${name}": its last read ended ${describeSpan(now - plan.clampedFrom)} ago, further back than ${settings.rules.keeper} serves; reading from ${from}. Events before that could not be read.`,
			);
		}
		const floor = readFloor(state, settings.lookBackMs);
		const seen = state.seen;
		const isNew = (candidate: Candidate<SiemEvent>) => candidate.time >= floor && seen[shortKey(candidate.key)] === undefined;
		const { candidates, readUntil, endedEarly } = await readRange(context, settings, plan.range, isNew);
		const { emit, next } = settlePoll(state, candidates, readUntil, { ...settings, end: plan.range.end });
		commit(staticData, { ...next, aheadUntil: aheadAfter(state, now, endedEarly), lastReadAt });
		return emit.length ? items(settings, emit, plan.range, readUntil) : null;
	} catch (error) {
		const httpCode = (error as { httpCode?: unknown }).httpCode;
		if (atActivation && isTransientFailure(httpCode)) {
			context.logger.warn(
				`Proofpoint Trigger "${context.getNode().name}" could not reach Proofpoint at activation (${(error as Error).message}); it keeps polling and catches up once Proofpoint answers.`,
			);
			return null;
		}
		throw asNodeError(context, error);
	}
}
