import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/fields';
import { getWorkflowRun } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT, readCtrId } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { runOutcome } from './run.operation';

export const option: OperationOption = {
	name: 'Get Run',
	action: 'Get a remediation workflow run',
	description: 'Read the state of a workflow run once (IN_PROGRESS, SUCCESS, FAILED or CANCELLED), e.g. one that Run left in progress at its Max Wait',
	tool: `Returns one item: a workflow run as it is now, with its state (IN_PROGRESS or SUCCESS) and finished; a FAILED or CANCELLED run is an error with Proofpoint's reason. One call ${CTR_CALLS_SPENT}; items naming the same run share it.`,
};

export const description: INodeProperties[] = forOperation('workflow', 'getRun', [
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5e9a1c3b-7d2f-4a6e-8b0c-1f3d5a7c9e2b',
		description: "The run's ID, as Run returns it",
	},
	optionsCollection(),
]);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readCtrId(this, itemIndex, 'runId', 'Run ID');
}

/** Items asking for the same run share one read. */
export const key = (runId: string) => runId;

/** The run as it is now; FAILED or CANCELLED is the item's error, as for Run. */
export async function run(this: IExecuteFunctions, runId: string, options: CallOptions) {
	return runOutcome(this, await getWorkflowRun(this, runId, options), false, options.itemIndex);
}
