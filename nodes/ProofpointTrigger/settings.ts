import type { INodeProperties, IPollFunctions } from 'n8n-workflow';

import { describeSpan, HOUR_MS, DAY_MS, MINUTE_MS } from '../Proofpoint/helpers/timeRange';
import { invalidInput, NO_ITEM, readInteger, type ParameterContext } from '../Proofpoint/parameters/read';
import { siemRangeRules } from '../Proofpoint/transport/siem';
import { threatApi, type ThreatApi } from '../Proofpoint/transport/tap';
import { INCIDENTS_SERVED_MS, MAX_INCIDENTS_READ_PER_POLL as MAX_UPDATES_PER_POLL, type IncidentPollSettings } from './incidents';

export const DEFAULT_LOOK_BACK_MINUTES = 30;
export const DEFAULT_MAX_EVENTS_PER_POLL = 500;
/** From version 1.1: at most one read every 5 minutes, 288 SIEM requests a day, whatever Poll Times says. */
export const DEFAULT_MINUTES_BETWEEN_READS = 5;
/** TAP's SIEM requests per credential in a rolling day, for all its workflows together. */
export const SIEM_DAILY_QUOTA = 1800;

export const firstActivationFields: INodeProperties[] = [
	{
		displayName: 'On First Activation',
		name: 'firstActivation',
		type: 'options',
		options: [
			{ name: 'Start From Now', value: 'now', description: 'Emit only events from the moment the workflow is activated' },
			{ name: 'Backfill', value: 'backfill', description: 'Also emit the events of a span before it (TAP: up to 7 days, Essentials: 3)' },
		],
		default: 'now',
		description: 'What the first poll after the first activation reads; later activations go on from where the trigger stopped',
	},
	{
		displayName: 'Backfill',
		name: 'backfillAmount',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { firstActivation: ['backfill'] } },
		description: 'How far back the first poll reads; at most 7 days (168 hours) for TAP and 3 days (72 hours) for the Essentials Threat API, read from the oldest instant they serve',
	},
	{
		displayName: 'Backfill Unit',
		name: 'backfillUnit',
		type: 'options',
		options: [
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		default: 'hours',
		displayOptions: { show: { firstActivation: ['backfill'] } },
	},
];

const minutesBetweenReads = (defaultMinutes: number, version: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Minimum Minutes Between Reads',
	name: 'minMinutesBetweenReads',
	type: 'number',
	default: defaultMinutes,
	typeOptions: { minValue: 0, maxValue: 60 },
	displayOptions: version,
	description: `A poll sooner than this after the last read returns nothing and makes no request; the next read catches up, none lost. Each read is a SIEM request of the ${SIEM_DAILY_QUOTA.toLocaleString('en-US')} a day TAP allows the credential's workflows together: every minute spends 1,440, every 5 minutes 288. 0 reads at every poll.`,
});

export const pollSettingFields: INodeProperties[] = [
	{
		displayName: 'Look-Back (Minutes)',
		name: 'lookBackMinutes',
		type: 'number',
		default: DEFAULT_LOOK_BACK_MINUTES,
		typeOptions: { minValue: 0, maxValue: 1440 },
		description:
			'Proofpoint indexes some events up to about 30 minutes late: each poll reads this far before where the last one stopped, and emits only what is new',
	},
	{
		displayName: 'Max Events per Poll',
		name: 'maxEventsPerPoll',
		type: 'number',
		default: DEFAULT_MAX_EVENTS_PER_POLL,
		typeOptions: { minValue: 1, maxValue: 100000 },
		description: 'The most events one poll emits; the rest follow on the next polls, none lost',
	},
	// Version 1 read at every poll; from 1.1 the default leaves most of the credential's SIEM quota to other workflows.
	minutesBetweenReads(0, { show: { '@version': [1] } }),
	minutesBetweenReads(DEFAULT_MINUTES_BETWEEN_READS, { show: { '@version': [{ _cnd: { gte: 1.1 } }] } }),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Event', value: 'perEvent' },
			{ name: 'One Item per Poll', value: 'perPoll', description: 'All the events of a poll in one item, under "events"' },
		],
		default: 'perEvent',
	},
];

export interface TriggerSettings {
	api: ThreatApi;
	/** Undefined: start from now. */
	backfillMs?: number;
	lookBackMs: number;
	/** A poll sooner than this after the last read makes no request. */
	minReadIntervalMs: number;
	maxEvents: number;
	perPoll: boolean;
	simplify: boolean;
}

const BACKFILL_UNITS: Record<string, number> = { hours: HOUR_MS, days: DAY_MS };

/** The fields of the CTR Incidents source (shown only for it), before the settings both sources share. */
export const incidentFields: INodeProperties[] = [
	{
		displayName:
			'Each read is one Cloud Threat Response search per 100 incidents, paced to the credential\'s calls per minute (10 unless changed) with every other use of the key. Each incident is emitted once, when it is created.',
		name: 'incidentNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Include Updated Incidents',
		name: 'includeUpdated',
		type: 'boolean',
		default: false,
		description: `Whether to emit an incident again each time it is updated (a new comment, a state or assignee change), with "change": created or updated. Updates are read newest first, at most ${MAX_UPDATES_PER_POLL.toLocaleString('en-US')} a read.`,
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return each incident as one flat item (ID, display ID, title, state, sources, dispositions, verdicts, times) instead of the raw API object',
	},
];

/** The CTR Incidents source's settings, checked before any request; a backfill reaches back at most as far as the node reads incidents. */
export async function readIncidentSettings(parameters: ParameterContext): Promise<Omit<IncidentPollSettings, 'options'>> {
	const common = readCommonSettings(parameters, INCIDENTS_SERVED_MS, 'Cloud Threat Response (as this node reads it)');
	return { ...common, updated: parameters.getNodeParameter('includeUpdated', NO_ITEM, false) === true };
}

/** The trigger's own parameters, checked before any request; the backfill must fit the API's look-back limit. */
export async function readTriggerSettings(context: IPollFunctions, parameters: ParameterContext): Promise<TriggerSettings> {
	const api = await threatApi(context, 0);
	const { servedMs = 0, keeper } = siemRangeRules(api.kind);
	return { api, ...readCommonSettings(parameters, servedMs, keeper) };
}

/** The settings both sources share: first activation, look-back, pacing, cap and output. */
function readCommonSettings(parameters: ParameterContext, limit: number, keeper: string): Omit<TriggerSettings, 'api'> {
	const first = parameters.getNodeParameter('firstActivation', NO_ITEM, 'now');
	let backfillMs: number | undefined;
	if (first === 'backfill') {
		const amount = readInteger(parameters, NO_ITEM, 'backfillAmount', 'Backfill', 1, 1000000, 24);
		const unit = String(parameters.getNodeParameter('backfillUnit', NO_ITEM, 'hours'));
		if (!BACKFILL_UNITS[unit]) throw invalidInput(parameters, NO_ITEM, 'Backfill Unit', `"${unit}" is not a unit`, 'Choose Hours or Days.');
		backfillMs = amount * BACKFILL_UNITS[unit];
		// The documented maximum is accepted: the first poll reads from the oldest instant the API serves, as after downtime.
		if (backfillMs > limit) {
			throw invalidInput(
				parameters,
				NO_ITEM,
				'Backfill',
				`of ${describeSpan(backfillMs)} reaches further back than ${keeper} serves (the last ${describeSpan(limit)})`,
				`Choose at most ${describeSpan(limit)} (${limit / HOUR_MS} hours).`,
			);
		}
	} else if (first !== 'now') {
		throw invalidInput(parameters, NO_ITEM, 'On First Activation', `"${String(first)}" is not a choice`, 'Choose Start From Now or Backfill.');
	}
	return {
		backfillMs,
		lookBackMs: readInteger(parameters, NO_ITEM, 'lookBackMinutes', 'Look-Back (Minutes)', 0, 1440, DEFAULT_LOOK_BACK_MINUTES) * MINUTE_MS,
		minReadIntervalMs: readInteger(parameters, NO_ITEM, 'minMinutesBetweenReads', 'Minimum Minutes Between Reads', 0, 60, 0) * MINUTE_MS,
		maxEvents: readInteger(parameters, NO_ITEM, 'maxEventsPerPoll', 'Max Events per Poll', 1, 100000, DEFAULT_MAX_EVENTS_PER_POLL),
		perPoll: parameters.getNodeParameter('output', NO_ITEM, 'perEvent') === 'perPoll',
		simplify: parameters.getNodeParameter('simplify', NO_ITEM, true) !== false,
	};
}
