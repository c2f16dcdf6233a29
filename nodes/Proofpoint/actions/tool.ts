import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyCollection,
	type NodeParameterValueType,
} from 'n8n-workflow';

import type { OperationOption } from './operation';

/**
 * The node as an AI tool (Proofpoint Tool): the description a model reads, the confirmation a
 * change waits for, and errors that name the tool's inputs instead of the editor's fields.
 */

/** The editor's mark for a value the model fills in (n8n-workflow's FROM_AI_AUTO_GENERATED_MARKER, written out: older n8n lacks the export). */
const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

/** The tool input a change waits for. */
export const CONFIRM_INPUT = 'confirm';

const CONFIRM_DESCRIPTION = 'true only after the user has approved this exact change; false sends nothing';

/** The sentence every changing tool's description ends with. */
function changeSentence(changes: OperationOption['changes']): string {
	const prefix = changes === 'unlessDryRun' ? 'With Dry Run off it changes the tenant, so' : 'It changes the tenant, so';
	return `${prefix} nothing is sent unless the input "${CONFIRM_INPUT}" is true: show the user what will change and set it only once they agree.`;
}

/** What the tool's description says by default: the operation's tool text and, for a change, how it is confirmed. */
export function toolText(option: OperationOption): string {
	return option.changes ? `${option.tool} ${changeSentence(option.changes)}` : option.tool;
}

/**
 * The parameters only a Proofpoint Tool shows: its description (n8n reads `toolDescription` as the
 * tool's description, and adds its own one-line default only to a node without it) and, for a change,
 * its Confirmation, whose default asks the model for `confirm`.
 */
export function toolProperties(option: OperationOption): INodeProperties[] {
	const tool = { '@tool': [true] };
	const properties: INodeProperties[] = [
		{
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string',
			typeOptions: { rows: 4 },
			default: toolText(option),
			description: 'What the AI agent reads before it calls this tool: what it returns, its limits and what it spends',
			displayOptions: { show: tool },
		},
	];
	if (option.changes) {
		const shown = option.changes === 'unlessDryRun' ? { ...tool, dryRun: [false] } : tool;
		properties.push(
			{
				displayName: 'Confirmation',
				name: 'confirmation',
				type: 'options',
				options: [
					{ name: 'The Agent Confirms Each Change', value: 'agent', description: `The tool has an input "${CONFIRM_INPUT}": nothing is sent unless the agent sets it to true` },
					{ name: 'None', value: 'none', description: 'Every call the agent makes changes the tenant at once' },
				],
				default: 'agent',
				description: 'Whether a change waits for the agent to confirm it, after it has asked the user',
				displayOptions: { show: shown },
			},
			{
				displayName: "Agent's Confirmation",
				name: 'confirmChange',
				type: 'string',
				default: `={{ ${FROM_AI_MARKER} $fromAI('${CONFIRM_INPUT}', '${CONFIRM_DESCRIPTION}', 'boolean') }}`,
				description: `Filled in by the agent (its input "${CONFIRM_INPUT}"): the change is sent only when it is true`,
				displayOptions: { show: { ...shown, confirmation: ['agent'] } },
			},
		);
	}
	return properties;
}

export function isTool(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** The `$fromAI` keys a raw parameter value asks the model for. */
function fromAiKeys(value: unknown): string[] {
	if (typeof value === 'string') return [...value.matchAll(/\$fromAI\(\s*(['"`])([\w-]+)\1/g)].map((match) => match[2]);
	if (value && typeof value === 'object') return Object.values(value as IDataObject).flatMap(fromAiKeys);
	return [];
}

/** Whether every input item is a dry run, so nothing it does changes the tenant. */
function onlyDryRuns(context: IExecuteFunctions): boolean {
	const count = Math.max(context.getInputData().length, 1);
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		if (context.getNodeParameter('dryRun', itemIndex, false) !== true) return false;
	}
	return true;
}

/**
 * For a changing operation run as a tool without the agent's confirmation: the one answer that says
 * nothing was sent and how to go on. Undefined when the change may go ahead.
 */
export function unconfirmedChange(context: IExecuteFunctions, option: OperationOption): INodeExecutionData[] | undefined {
	if (!option.changes || !isTool(context)) return undefined;
	if (option.changes === 'unlessDryRun' && onlyDryRuns(context)) return undefined;
	if (context.getNodeParameter('confirmation', 0, 'agent') === 'none') return undefined;
	const confirmed = context.getNodeParameter('confirmChange', 0, false);
	if (confirmed === true || confirmed === 'true') return undefined;
	const askedOfAgent = fromAiKeys(context.getNode().parameters.confirmChange).includes(CONFIRM_INPUT);
	const message = askedOfAgent
		? `Nothing was sent: "${option.action}" changes the tenant. Tell the user what will change, and call this tool again with "${CONFIRM_INPUT}": true once they agree.`
		: `Nothing was sent: this tool's Agent's Confirmation is set to "${String(confirmed)}" in the workflow, so it cannot change the tenant. Tell the user to fix it in the workflow.`;
	return [{ json: { changed: false, confirmed: false, message }, pairedItem: { item: 0 } }];
}

/** The property of a field's display name, searched in collections too, with the path of its value in the node's parameters. */
function findField(properties: INodeProperties[], field: string, parameters: IDataObject, path: string[] = []): string[] | undefined {
	for (const property of properties) {
		if (!(property.name in parameters)) continue;
		if (property.displayName === field && fromAiKeys(parameters[property.name]).length) return [...path, property.name];
		const value = parameters[property.name];
		if (!property.options || !value || typeof value !== 'object' || Array.isArray(value)) continue;
		const nested = property.options.filter((entry): entry is INodeProperties => 'type' in entry && !('values' in entry));
		const found = findField(nested, field, value as IDataObject, [...path, property.name]);
		if (found) return found;
		for (const entry of property.options as INodePropertyCollection[]) {
			const inner = (value as IDataObject)[entry.name];
			if (entry.values && inner && typeof inner === 'object' && !Array.isArray(inner)) {
				const deeper = findField(entry.values, field, inner as IDataObject, [...path, property.name, entry.name]);
				if (deeper) return deeper;
			}
		}
	}
	return undefined;
}

function valueAt(parameters: IDataObject, path: string[]): NodeParameterValueType {
	return path.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters) as NodeParameterValueType;
}

/** Statuses whose fix is in the tool's credential, which the workflow sets and the agent cannot change. */
const CREDENTIAL_STATUSES = new Set(['401', '403']);

/**
 * An error as the agent should read it. A field's error (see parameters/read.ts `invalidInput`) names
 * the tool input the agent filled, or says the workflow sets that field; a credential's error says the
 * agent cannot fix it. Anything else is unchanged.
 */
export function forAgent(context: IExecuteFunctions, properties: INodeProperties[], error: Error): Error {
	const details = error as Error & { context?: IDataObject; description?: string | null; httpCode?: string | null };
	const fields = details.context?.fields;
	if (Array.isArray(fields) && error instanceof NodeOperationError) {
		const [field] = fields as string[];
		const parameters = context.getNode().parameters;
		const keys = (fields as string[]).flatMap((name) => {
			const path = findField(properties, name, parameters);
			return path ? fromAiKeys(valueAt(parameters, path)) : [];
		});
		const problem = String(details.context?.problem ?? error.message);
		if (!keys.length) {
			return new NodeOperationError(context.getNode(), `${field} ${problem}`, {
				description: `"${field}" is set in the workflow, not by the agent: nothing was sent. Tell the user that the tool's "${field}" needs fixing in the workflow.`,
			});
		}
		const named = [...new Set(keys)].map((key) => `"${key}"`).join(' and ');
		return new NodeOperationError(context.getNode(), `Tool input ${named} (${field}) ${problem}`, {
			description: `Call the tool again with a valid ${named}; nothing was sent.`,
		});
	}
	if (details.httpCode && CREDENTIAL_STATUSES.has(details.httpCode) && details.description) {
		details.description = `${details.description} The agent cannot fix this: the tool's credential is set in the workflow; tell the user.`;
	}
	return error;
}
