import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	checkCtrId,
	distinct,
	MAX_WAIT_LIMIT_SECONDS,
	MIN_POLL_INTERVAL_SECONDS,
	RUN_FAILED_STATES,
	RUN_IN_PROGRESS,
	runFailureReason,
} from '../../helpers/ctr';
import { toList } from '../../helpers/validate';
import { optionsCollection } from '../../parameters/fields';
import { invalidInput, readInteger, type ParameterContext } from '../../parameters/read';
import { startWorkflowRun, waitForRun, type RunWait } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT, readCtrId } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Run',
	action: 'Run a remediation workflow',
	description:
		'Changes the tenant: runs a manual workflow (e.g. pull a message from every mailbox) on messages or incidents, sent once and never retried, and by default waits for it to finish',
	tool: `Runs a manual Cloud Threat Response workflow (e.g. pull a message from every mailbox) on up to 100 message IDs or incident UUIDs. One call starts it, never repeated after a server error or a lost answer; a second call runs it again. By default it then reads the run every 10 s for up to 120 s, each read one call ${CTR_CALLS_SPENT}; returns the run with finished and maxWaitReached.`,
	changes: true,
};

// The API's own bound is not public [?]: 100 targets keep one run to what a SOC reviews at once.
export const MAX_TARGETS = 100;

const DEFAULT_POLL_SECONDS = 10;
const DEFAULT_MAX_WAIT_SECONDS = 120;

const waitOptions: INodeProperties[] = [
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		default: DEFAULT_MAX_WAIT_SECONDS,
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_LIMIT_SECONDS },
		displayOptions: { show: { '/waitForCompletion': [true] } },
		description: `How long to wait for the run to finish (at most ${MAX_WAIT_LIMIT_SECONDS}). A run still in progress then is returned with its state and maxWaitReached, not as an error: Get Run checks it later.`,
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		default: DEFAULT_POLL_SECONDS,
		typeOptions: { minValue: MIN_POLL_INTERVAL_SECONDS, maxValue: 60 },
		displayOptions: { show: { '/waitForCompletion': [true] } },
		description:
			"How often to read the run's state. Each read is one of the credential's Cloud Threat Response calls per minute (10 unless changed): every 10 seconds spends 6 of them a minute, shorter intervals are slowed to the rate.",
	},
];

export const description: INodeProperties[] = forOperation('workflow', 'run', [
	{
		displayName: 'Workflow',
		name: 'workflowId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The manual remediation workflow to run: pick it, or give its ID (Get Many lists them)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a workflow…',
				typeOptions: { searchListMethod: 'searchRemediationWorkflows', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 3f2b6c1e-8a4d-4e7b-9c0a-5d1e2f3a4b5c' },
		],
	},
	{
		displayName: 'Target IDs',
		name: 'targetIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8d0c2f4a-6b1e-4c3d-9a7f-2e5b1c0d4f6a, 1b7e3a9c-…',
		description: `The message IDs (for a message workflow) or incident UUIDs (for an incident workflow) to run it on: separated by commas, or a list from an expression; at most ${MAX_TARGETS}, each sent once`,
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: "Whether to wait for the run to finish and return its final state; otherwise the run is returned as started (IN_PROGRESS)",
	},
	optionsCollection(waitOptions),
]);

interface Prepared {
	workflowId: string;
	targetIds: string[];
	wait?: RunWait;
}

function readTargetIds(context: ParameterContext, itemIndex: number): string[] {
	const entries = toList(context.getNodeParameter('targetIds', itemIndex, ''));
	if (!entries.length) {
		throw invalidInput(context, itemIndex, 'Target IDs', 'is empty: enter the message or incident IDs to run the workflow on');
	}
	const targetIds = distinct(
		entries.map((entry) => {
			const checked = checkCtrId(entry, 'a message ID or an incident UUID');
			if ('problem' in checked) throw invalidInput(context, itemIndex, 'Target IDs', `entry ${checked.problem}`);
			return checked.value;
		}),
	);
	if (targetIds.length > MAX_TARGETS) {
		throw invalidInput(context, itemIndex, 'Target IDs', `has ${targetIds.length} IDs; one run takes at most ${MAX_TARGETS}`, 'Split the targets over several items: each item is one run.');
	}
	return targetIds;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const prepared: Prepared = {
		workflowId: readCtrId(this, itemIndex, 'workflowId', 'Workflow'),
		targetIds: readTargetIds(this, itemIndex),
	};
	if (this.getNodeParameter('waitForCompletion', itemIndex, true) !== false) {
		const interval = readInteger(this, itemIndex, 'options.pollInterval', 'Poll Interval', MIN_POLL_INTERVAL_SECONDS, 60, DEFAULT_POLL_SECONDS);
		const maxWait = readInteger(this, itemIndex, 'options.maxWait', 'Max Wait', 1, MAX_WAIT_LIMIT_SECONDS, DEFAULT_MAX_WAIT_SECONDS);
		prepared.wait = { intervalMs: interval * 1000, maxWaitMs: maxWait * 1000 };
	}
	return prepared;
}

/**
 * A run as the item's output: its fields, whether it finished, and whether the wait ended at Max Wait with
 * the run still in progress (not an error). FAILED or CANCELLED is the item's error, with Proofpoint's reason.
 */
export function runOutcome(context: IExecuteFunctions, run: IDataObject, maxWaitReached: boolean, itemIndex: number): IDataObject {
	const state = String(run.state ?? '');
	if (RUN_FAILED_STATES.includes(state)) {
		throw new NodeOperationError(context.getNode(), `Remediation workflow run ${String(run.id)} ${state === 'FAILED' ? 'failed' : 'was cancelled'}: ${runFailureReason(run)}`, {
			itemIndex,
			description: `Proofpoint ended the run ${state}. The node does not start it again: check the targets first (Message → Get shows a message's remediation status), then run the workflow on those still to do.`,
		});
	}
	return { ...run, finished: state !== RUN_IN_PROGRESS, maxWaitReached };
}

export async function run(this: IExecuteFunctions, { workflowId, targetIds, wait }: Prepared, options: CallOptions) {
	const started = await startWorkflowRun(this, workflowId, targetIds, options);
	if (!wait) return runOutcome(this, started, false, options.itemIndex);
	const { run: last, timedOut } = await waitForRun(this, started, wait, options);
	return runOutcome(this, last, timedOut, options.itemIndex);
}
