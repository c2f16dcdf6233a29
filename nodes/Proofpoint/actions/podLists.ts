import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import {
	checkComment,
	checkEntryValue,
	planListChange,
	POD_ATTRIBUTES,
	POD_COMMENT_MAX,
	POD_OPERATORS,
	type PlannedEntry,
	type PodEntry,
	type PodList,
} from '../helpers/podLists';
import { optionsCollection } from '../parameters/fields';
import { callOptions, invalidInput, valueOrRefuse } from '../parameters/read';
import type { RequestTarget } from '../transport/hints';
import { asNodeError } from '../transport/nodeError';
import type { CallOptions } from '../transport/request';
import { threatProtectionApi, threatProtectionObject } from '../transport/threatProtection';
import { forOperation } from './descriptions';
import { errorItem } from './errors';
import type { ItemOperation, OperationOption, WholeInputOperation } from './operation';

/** The node's resource for each PoD list, and how the list is named to the user. */
export const POD_LISTS: Record<PodList, { resource: string; name: 'block list' | 'safe list' }> = {
	orgBlockList: { resource: 'blockList', name: 'block list' },
	orgSafeList: { resource: 'safeList', name: 'safe list' },
};

const ATTRIBUTE_NAMES: Record<(typeof POD_ATTRIBUTES)[number], { name: string; description: string }> = {
	$from: { name: 'Envelope Sender ($from)', description: 'The SMTP MAIL FROM address, e.g. the sender of a SIEM event' },
	$hfrom: { name: 'Header From ($hfrom)', description: 'The From: address the recipient sees' },
	$ip: { name: 'Sender IP ($ip)', description: 'The connecting IP address, or a CIDR range' },
	$host: { name: 'Sender Host ($host)', description: "The connecting server's host name" },
	$helo: { name: 'HELO Name ($helo)', description: 'The name the server gave in HELO/EHLO' },
	$rcpt: { name: 'Recipient ($rcpt)', description: 'The envelope recipient' },
};

const OPERATOR_NAMES: Record<string, string> = {
	equal: 'Equals',
	not_equal: 'Does Not Equal',
	contain: 'Contains',
	not_contain: 'Does Not Contain',
	is_in_list: 'Is in List',
};

const clusterOption: INodeProperties = {
	displayName: 'PoD Cluster ID',
	name: 'clusterId',
	type: 'string',
	default: '',
	description: "The cluster whose list to use, when not the credential's (an MSP with several clusters)",
};

function entryFields(list: PodList, withComment: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Attribute',
			name: 'attribute',
			type: 'options',
			options: POD_ATTRIBUTES.map((value) => ({ value, ...ATTRIBUTE_NAMES[value] })),
			default: '$from',
			description: 'What of a message the entry matches on',
		},
		{
			displayName: 'Operator',
			name: 'operator',
			type: 'options',
			options: POD_OPERATORS[list].map((value) => ({ name: OPERATOR_NAMES[value], value })),
			default: 'equal',
		},
		{
			displayName: 'Value',
			name: 'entryValue',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. bad@evil.example',
			description: "The address, domain, host or IP, e.g. a SIEM event's sender: {{ $JSON.sender }}",
		},
	];
	if (withComment) {
		fields.push({
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			placeholder: 'e.g. Phish reported in INC-1234',
			description: `Why the entry is there (at most ${POD_COMMENT_MAX} characters)`,
		});
	}
	return fields;
}

/** The list's entries: Get Entries. */
export function getEntriesOperation(list: PodList): ItemOperation<{ clusterId?: string }> {
	const { resource, name } = POD_LISTS[list];
	return {
		option: {
			name: 'Get Entries',
			action: `Get the ${name} entries`,
			description: `The entries of the PoD organization's ${name} (Threat Protection API): one item per entry`,
			tool: `Returns the PoD organization's ${name}, one item per entry (list, clusterId, attribute, operator, value, comment). One Threat Protection API request, on the credential's cluster unless PoD Cluster ID is set.`,
		},
		description: forOperation(resource, 'getEntries', [optionsCollection([clusterOption])]),
		prepare(this: IExecuteFunctions, itemIndex: number) {
			return { clusterId: readClusterOverride(this, itemIndex) };
		},
		key: (prepared) => prepared.clusterId ?? '',
		async run(this: IExecuteFunctions, prepared, options) {
			const clusterId = await clusterOf(this, prepared.clusterId, options.itemIndex);
			const entries = await readList(this, list, clusterId, options);
			return entries.map((entry) => ({ list: name, clusterId, ...entry }));
		},
	};
}

function readClusterOverride(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = (context.getNodeParameter('options.clusterId', itemIndex, '') as unknown) ?? '';
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (value === '') return undefined;
	if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value)) {
		throw invalidInput(context, itemIndex, 'PoD Cluster ID', `${JSON.stringify(value)} is not a cluster id`, 'A cluster id is letters, digits, dots, dashes and underscores, as the PoD admin portal shows it.');
	}
	return value;
}

async function clusterOf(context: IExecuteFunctions, override: string | undefined, itemIndex: number): Promise<string> {
	const clusterId = override ?? (await threatProtectionApi(context, itemIndex)).clusterId;
	if (!clusterId) {
		throw new NodeOperationError(context.getNode(), 'No PoD Cluster ID: the block and safe lists belong to a cluster', {
			itemIndex,
			description: 'Enter the PoD Cluster ID in the Threat Protection credential (the PoD admin portal shows it), or in Options → PoD Cluster ID. No request was sent.',
		});
	}
	return clusterId;
}

const listTarget = (list: PodList, clusterId: string): RequestTarget => ({ list: POD_LISTS[list].name, cluster: clusterId });

async function readList(context: IExecuteFunctions, list: PodList, clusterId: string, options: CallOptions): Promise<PodEntry[]> {
	const body = await threatProtectionObject.call(
		context,
		{ method: 'GET', path: ['emailProtection', 'modules', 'spam', list], qs: { clusterId }, target: listTarget(list, clusterId) },
		options,
	);
	if (!Array.isArray(body.entries)) {
		throw new NodeApiError(context.getNode(), { message: 'No entries' } as JsonObject, {
			message: `The ${POD_LISTS[list].name} answer has no "entries" list`,
			description: 'This usually means a proxy or an outage page answered instead of the API. Nothing was changed; try again later.',
			httpCode: 'INVALID_RESPONSE',
			itemIndex: options.itemIndex,
		});
	}
	return (body.entries as IDataObject[]).map((entry) => ({
		attribute: String(entry.attribute ?? ''),
		operator: String(entry.operator ?? ''),
		value: String(entry.value ?? ''),
		comment: String(entry.comment ?? ''),
	}));
}

interface WantedEntry {
	entry: PodEntry;
	clusterId?: string;
	dryRun: boolean;
	options: CallOptions;
}

function readWanted(context: IExecuteFunctions, itemIndex: number, list: PodList, action: 'add' | 'delete'): WantedEntry {
	const attribute = context.getNodeParameter('attribute', itemIndex, '$from') as string;
	if (!(POD_ATTRIBUTES as readonly string[]).includes(attribute)) {
		throw invalidInput(context, itemIndex, 'Attribute', `${JSON.stringify(attribute)} is not an attribute`, `Choose one of ${POD_ATTRIBUTES.join(', ')}.`);
	}
	const operator = context.getNodeParameter('operator', itemIndex, 'equal') as string;
	if (!POD_OPERATORS[list].includes(operator)) {
		throw invalidInput(
			context,
			itemIndex,
			'Operator',
			`${JSON.stringify(operator)} is not an operator of the ${POD_LISTS[list].name}`,
			`Choose one of ${POD_OPERATORS[list].join(', ')}.`,
		);
	}
	const value = valueOrRefuse(context, itemIndex, 'Value', checkEntryValue(context.getNodeParameter('entryValue', itemIndex, ''), attribute, operator));
	const comment = action === 'add' ? valueOrRefuse(context, itemIndex, 'Comment', checkComment(context.getNodeParameter('comment', itemIndex, ''))) : '';
	return {
		entry: { attribute, operator, value, comment },
		clusterId: readClusterOverride(context, itemIndex),
		dryRun: context.getNodeParameter('dryRun', itemIndex, false) === true,
		options: callOptions(context, itemIndex),
	};
}

const DRY_RUN_OUTCOMES = { added: 'wouldBeAdded', removed: 'wouldBeRemoved', alreadyPresent: 'alreadyPresent', notPresent: 'notPresent' } as const;

/**
 * Add or Remove Entries over every input item (one entry each): every item is checked first, each cluster's
 * list is read once, and only entries that change are sent, one request each, in item order. After a failed
 * send nothing more is sent: the items say what was done, and a run again sends only what is still missing.
 */
async function changeList(this: IExecuteFunctions, items: INodeExecutionData[], list: PodList, action: 'add' | 'delete'): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const { name } = POD_LISTS[list];
	const wanted: Array<WantedEntry | undefined> = [];
	const output: Array<INodeExecutionData | undefined> = items.map(() => undefined);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			wanted.push(readWanted(this, itemIndex, list, action));
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			wanted.push(undefined);
			output[itemIndex] = errorItem(nodeError, itemIndex);
		}
	}

	// Items grouped by cluster, each cluster's list read once; the cluster of an item is checked before any request.
	const clusters = new Map<string, number[]>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = wanted[itemIndex];
		if (!item) continue;
		try {
			const clusterId = await clusterOf(this, item.clusterId, itemIndex);
			clusters.set(clusterId, [...(clusters.get(clusterId) ?? []), itemIndex]);
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output[itemIndex] = errorItem(nodeError, itemIndex);
		}
	}

	let stopped: { itemIndex: number; error: Error } | undefined;
	let sent = 0;
	for (const [clusterId, indexes] of clusters) {
		if (stopped) {
			for (const itemIndex of indexes) output[itemIndex] = notSent(this, itemIndex, stopped.itemIndex, continueOnFail);
			continue;
		}
		let current: PodEntry[];
		try {
			current = await readList(this, list, clusterId, (wanted[indexes[0]] as WantedEntry).options);
		} catch (error) {
			const nodeError = asNodeError(this, error, indexes[0]);
			if (!continueOnFail) throw nodeError;
			for (const itemIndex of indexes) output[itemIndex] = errorItem(asNodeError(this, error, itemIndex), itemIndex);
			continue;
		}
		const plan = planListChange(current, indexes.map((itemIndex) => (wanted[itemIndex] as WantedEntry).entry), action);
		for (let position = 0; position < indexes.length; position++) {
			const itemIndex = indexes[position];
			const item = wanted[itemIndex] as WantedEntry;
			const planned = plan[position] as PlannedEntry;
			const json: IDataObject = { list: name, clusterId, ...planned.entry };
			if (action === 'delete') delete json.comment;
			const first = planned.sameAsItem === undefined ? undefined : indexes[planned.sameAsItem];
			if (first !== undefined) json.sameAsItem = first;
			if (stopped) {
				output[itemIndex] = notSent(this, itemIndex, stopped.itemIndex, continueOnFail);
				continue;
			}
			// An entry repeated by a later item shares the first one's fate.
			if (first !== undefined && output[first]?.json.error !== undefined) {
				output[itemIndex] = { json: { ...json, ...output[first]?.json }, pairedItem: { item: itemIndex } };
				continue;
			}
			if (item.dryRun) {
				output[itemIndex] = { json: { ...json, result: DRY_RUN_OUTCOMES[planned.outcome], dryRun: true }, pairedItem: { item: itemIndex } };
				continue;
			}
			if (planned.send) {
				try {
					await threatProtectionObject.call(
						this,
						{
							method: 'POST',
							path: ['emailProtection', 'modules', 'spam', list],
							qs: { clusterId },
							body: { action, ...planned.entry, ...(action === 'delete' ? { comment: undefined } : {}) },
							target: listTarget(list, clusterId),
						},
						item.options,
					);
					sent++;
				} catch (error) {
					const nodeError = asNodeError(this, error, itemIndex);
					stopped = { itemIndex, error: nodeError };
					if (!continueOnFail) throw partlyDone(nodeError, itemIndex, sent, name, action);
					output[itemIndex] = errorItem(nodeError, itemIndex);
					continue;
				}
			}
			output[itemIndex] = { json: { ...json, result: planned.outcome, dryRun: false }, pairedItem: { item: itemIndex } };
		}
	}
	return output as INodeExecutionData[];
}

function notSent(context: IExecuteFunctions, itemIndex: number, failedItem: number, continueOnFail: boolean): INodeExecutionData {
	const error = new NodeOperationError(context.getNode(), `Item ${itemIndex}: not sent, because item ${failedItem} failed before it`, {
		itemIndex,
		description: 'Run again once the failure is fixed: entries already changed are found so and not sent twice.',
	});
	if (!continueOnFail) throw error;
	return errorItem(error, itemIndex);
}

/** The error that stops a run mid-way says how many entries were already changed, so nothing is half-applied silently; it keeps its status. */
function partlyDone(error: Error, itemIndex: number, sent: number, name: string, action: 'add' | 'delete'): Error {
	if (sent === 0) return error;
	const done = `${sent} ${sent === 1 ? 'entry was' : 'entries were'} ${action === 'add' ? 'added to' : 'removed from'} the ${name} before it; the rest was not sent`;
	const described = error as Error & { description?: string | null };
	described.message = `${error.message} (item ${itemIndex})`;
	described.description = `${done}. ${described.description ?? ''} Run again once fixed: entries already changed are found so and not sent twice.`.replace(/\s+/g, ' ').trim();
	return described;
}

/** Add Entries or Remove Entries of a list, from items. */
export function changeOperation(list: PodList, action: 'add' | 'delete'): WholeInputOperation {
	const { resource, name } = POD_LISTS[list];
	const operation = action === 'add' ? 'addEntries' : 'removeEntries';
	const option: OperationOption =
		action === 'add'
			? {
					name: 'Add Entries',
					action: `Add entries to the ${name}`,
					description: `Changes the tenant: adds one entry per item to the PoD organization's ${name}, read first so an entry already there is not sent again`,
					tool: `Adds one entry per item to the PoD organization's ${name}: attribute (${POD_ATTRIBUTES.join(', ')}), operator (${POD_OPERATORS[list].join(', ')}), value and a comment of at most ${POD_COMMENT_MAX} characters. One request reads the list, then one request per entry not already there, so repeating it sends nothing; after a failed one the rest is not sent. Each item returns result added or alreadyPresent; Dry Run only reports.`,
					changes: 'unlessDryRun',
				}
			: {
					name: 'Remove Entries',
					action: `Remove entries from the ${name}`,
					description: `Changes the tenant: removes one entry per item from the PoD organization's ${name}; an entry that is not there is not sent`,
					tool: `Removes one entry per item (attribute, operator and value, as Get Entries lists them) from the PoD organization's ${name}. One request reads the list, then one request per entry that is there, so repeating it sends nothing; after a failed one the rest is not sent. Each item returns result removed or notPresent; Dry Run only reports.`,
					changes: 'unlessDryRun',
				};
	return {
		option,
		wholeInput: true,
		description: forOperation(resource, operation, [
			...entryFields(list, action === 'add'),
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: `Whether to only read the ${name} and say what each item would do, sending no change`,
			},
			optionsCollection([clusterOption]),
		]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await changeList.call(this, items, list, action);
		},
	};
}
