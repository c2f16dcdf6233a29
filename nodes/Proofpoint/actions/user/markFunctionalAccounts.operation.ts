import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { mapWithConcurrency } from '../../helpers/concurrency';
import {
	DEFAULT_GUARD,
	emptyHrListRefusal,
	FUNCTIONAL_ACCOUNT_TYPE,
	planFunctionalAccounts,
	preparePlanOptions,
	readHrRecords,
	type FunctionalAccountsPlan,
	type HrReadResult,
	type PlannedFunctionalAccountChange,
	type PreparedPlanOptions,
} from '../../helpers/functionalAccounts';
import { toList } from '../../helpers/validate';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { callOptions, readEmailList, readInteger, readOrgDomain } from '../../parameters/read';
import { essentialsList, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import type { EssentialsUser } from '../../types';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { userTypeOptions } from './fields';

export const DEFAULT_CONCURRENCY = 10;

// The editor shows the plan's own guard defaults (n8n's lint takes a plain name as a default, not a member).
const { minMatchShare: defaultMinMatchShare, maxChanges: defaultMaxChanges, maxChangeShare: defaultMaxChangeShare } = DEFAULT_GUARD;

/** Gap between the start of each concurrent update worker, larger than the CPU time of one request. */
const STAGGER_MS = 5;

export const option: OperationOption = {
	name: 'Mark Functional Accounts From HR List',
	action: 'Mark functional accounts from an HR list',
	description: 'Users no active employee owns stop consuming licenses: previewable, bounded, idempotent',
	tool: 'Makes users no active employee owns (email and aliases not in the HR list, or an HR status that says they left) functional accounts, out of license billing; Dry Run, on by default, only returns the plan. One Essentials request reads the users, then one PUT request per planned user; users already functional are not sent again. Refuses a plan past its guards (by default 100 users, 10% of those in scope).',
	changes: 'unlessDryRun',
};

export const description: INodeProperties[] = forOperation('user', 'markFunctionalAccounts', [
	{
		displayName:
			'Each input item is one HR record. Users whose email (or any alias) is not in the list, or whose HR status says they left, become functional accounts. Dry Run shows the plan first.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	orgDomainField(),
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description: 'Whether to only output the plan and change nothing. Turn off to apply it.',
	},
	{
		displayName: 'HR List',
		name: 'hrSource',
		type: 'options',
		options: [
			{ name: 'Input Items', value: 'items', description: 'Each input item is one HR record, with its email and status fields' },
			{
				name: 'Emails Entered Here',
				value: 'emails',
				description: 'A list of the active employees\' emails, typed, mapped or filled in by an AI agent',
			},
		],
		default: 'items',
	},
	{
		displayName: 'Active Employee Emails',
		name: 'hrEmails',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. alice@example.com, bob@example.com',
		description: 'Every active employee\'s work email, separated by commas or new lines (or a list from an expression)',
		displayOptions: { show: { hrSource: ['emails'] } },
	},
	{
		displayName: 'HR Email Field',
		name: 'emailField',
		type: 'string',
		required: true,
		default: 'email',
		placeholder: 'e.g. work_email or contact.email',
		description: 'The field of each input item holding the work email (a dotted path reaches nested fields)',
		displayOptions: { show: { hrSource: ['items'] } },
	},
	{
		displayName: 'HR Status Field',
		name: 'statusField',
		type: 'string',
		default: '',
		placeholder: 'e.g. status',
		description: 'Optional field of each input item holding the employment status',
		displayOptions: { show: { hrSource: ['items'] } },
	},
	{
		displayName: 'Left Statuses',
		name: 'leftStatuses',
		type: 'string',
		default: 'terminated',
		placeholder: 'e.g. terminated, resigned',
		description: 'Comma-separated status values that mean the person has left (case-insensitive)',
		displayOptions: { show: { hrSource: ['items'] }, hide: { statusField: [''] } },
	},
	{
		displayName: 'User Types',
		name: 'userTypes',
		type: 'multiOptions',
		options: userTypeOptions.filter((option) => option.value !== FUNCTIONAL_ACCOUNT_TYPE),
		default: ['end_user'],
		description: 'Only users of these types may be changed; admins are never touched unless chosen here',
	},
	{
		displayName: 'Restore Returning Employees',
		name: 'restoreReturning',
		type: 'boolean',
		default: false,
		description:
			'Whether a functional account whose email or alias is back in the HR list, with a status that is not a left one, becomes an end user again (reason "back in HR"). Shared mailboxes, never in HR, are never touched.',
	},
	{
		displayName: 'Never Change',
		name: 'exclusions',
		type: 'string',
		default: '',
		placeholder: 'e.g. ceo@example.com, *@board.example.com',
		description: 'Comma-separated emails or *@domain patterns that are never changed',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per User', value: 'perUser', description: 'Each planned user with its reason and status' },
			{ name: 'One Summary Item', value: 'summary', description: 'Counts, the lists and the guard figures' },
		],
		default: 'perUser',
	},
	optionsCollection([
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: DEFAULT_CONCURRENCY,
			typeOptions: { minValue: 1, maxValue: 32 },
			description: 'How many users are updated at the same time',
		},
		{
			displayName: 'Maximum Change Share',
			name: 'maxChangeShare',
			type: 'number',
			default: defaultMaxChangeShare,
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			description:
				'Refuse when the plan would change more than this share (0–1) of the in-scope users; 0 turns the check off',
		},
		{
			displayName: 'Maximum Changes',
			name: 'maxChanges',
			type: 'number',
			default: defaultMaxChanges,
			typeOptions: { minValue: 0 },
			description: 'Refuse when the plan would change more users than this; 0 turns the check off',
		},
		{
			displayName: 'Minimum Match Share',
			name: 'minMatchShare',
			type: 'number',
			default: defaultMinMatchShare,
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			description:
				'Refuse when fewer than this share (0–1) of the in-scope users are found in the HR list at all, the sign of a wrong email field; 0 turns the check off',
		},
	]),
]);

interface Settings {
	domain: string;
	dryRun: boolean;
	summary: boolean;
	concurrency: number;
	options: CallOptions;
}

function refuse(context: IExecuteFunctions, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { description });
}

/** The HR records: one per input item (email and status fields), or one per entered email, all active; entered emails may not be none. */
function readHr(context: IExecuteFunctions, items: INodeExecutionData[]): { hr: HrReadResult; emailField: string; statusField?: string } {
	if (context.getNodeParameter('hrSource', 0, 'items') === 'emails') {
		const emailField = 'Active Employee Emails';
		const emails = readEmailList(context, 0, context.getNodeParameter('hrEmails', 0, ''), emailField);
		if (emails.length === 0) {
			refuse(
				context,
				`The HR list has no emails: ${emailField} is empty`,
				"Nothing was requested or changed. An empty list would mark every user: enter or map the active employees' emails.",
			);
		}
		return { hr: { records: emails.map((email) => ({ email, status: '', itemIndex: 0 })), blank: [] }, emailField };
	}
	const emailField = String(context.getNodeParameter('emailField', 0, 'email')).trim();
	if (!emailField) refuse(context, 'HR Email Field is empty', 'Enter the name of the input field that holds the work email, e.g. email.');
	const statusField = String(context.getNodeParameter('statusField', 0, '')).trim() || undefined;
	return { hr: readHrRecords(items, { emailField, statusField }), emailField, statusField };
}

/** Everything the run needs, read and checked once, before the first request. */
function readRun(context: IExecuteFunctions, items: INodeExecutionData[]) {
	const settings: Settings = {
		concurrency: readInteger(context, 0, 'options.concurrency', 'Concurrency', 1, 32, DEFAULT_CONCURRENCY),
		domain: readOrgDomain.call(context, 0),
		dryRun: context.getNodeParameter('dryRun', 0, true) as boolean,
		summary: context.getNodeParameter('output', 0, 'perUser') === 'summary',
		options: callOptions(context, 0),
	};
	const { hr, emailField, statusField } = readHr(context, items);
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const userTypes = context.getNodeParameter('userTypes', 0, ['end_user']) as string[];
	if (!Array.isArray(userTypes) || userTypes.length === 0) {
		refuse(context, 'User Types is empty', 'Choose at least one user type that may be changed, usually End User.');
	}
	const leftStatuses = statusField ? toList(context.getNodeParameter('leftStatuses', 0, 'terminated')).map((s) => s.toLowerCase()) : [];
	const exclusions = readEmailList(context, 0, context.getNodeParameter('exclusions', 0, ''), 'Never Change', true);
	let planOptions: PreparedPlanOptions;
	try {
		planOptions = preparePlanOptions({
			leftStatuses,
			userTypes,
			exclusions,
			guard: {
				minMatchShare: options.minMatchShare as number | undefined,
				maxChanges: options.maxChanges as number | undefined,
				maxChangeShare: options.maxChangeShare as number | undefined,
			},
			blankHrRecords: hr.blank.length,
			emailField,
			restoreReturning: context.getNodeParameter('restoreReturning', 0, false) === true,
		});
	} catch (error) {
		refuse(context, (error as Error).message, 'Fix the option under Options; no request was sent.');
	}
	if (hr.records.length === 0) {
		const empty = emptyHrListRefusal(hr.blank.length, emailField);
		refuse(context, empty.message, `${empty.hint} Nothing was requested or changed.`);
	}
	return { hr, planOptions, settings };
}

interface Result {
	change: PlannedFunctionalAccountChange;
	status: 'planned' | 'updated' | 'failed';
	error?: string;
}

async function apply(context: IExecuteFunctions, plan: FunctionalAccountsPlan, settings: Settings): Promise<Result[]> {
	if (settings.dryRun) return plan.changes.map((change) => ({ change, status: 'planned' }));
	return await mapWithConcurrency(plan.changes, settings.concurrency, async (change): Promise<Result> => {
		try {
			await essentialsRequest.call(
				context,
				{
					method: 'PUT',
					path: ['orgs', settings.domain, 'users', change.email],
					body: { ...change.user, type: change.newType },
					target: { org: settings.domain, user: change.email, throttleAdvice: 'For Mark Functional Accounts, also lower its Concurrency option.' },
				},
				{ ...settings.options, itemIndex: change.sourceItemIndex ?? 0 },
			);
			return { change, status: 'updated' };
		} catch (error) {
			return { change, status: 'failed', error: (error as Error).message };
		}
	}, { startGapMs: STAGGER_MS, wait: sleep });
}

function userItem({ change, status, error }: Result): INodeExecutionData {
	const json: IDataObject = {
		email: change.email,
		uid: change.uid,
		reason: change.reason,
		previousType: change.previousType,
		newType: change.newType,
		status,
	};
	if (error) json.error = error;
	return { json, pairedItem: { item: change.sourceItemIndex ?? 0 } };
}

function summaryItem(results: Result[], plan: FunctionalAccountsPlan, settings: Settings): INodeExecutionData {
	const emailsWith = (status: Result['status']) => results.filter((r) => r.status === status).map((r) => r.change.email);
	const failed = results.filter((r) => r.status === 'failed');
	const done = results.filter((r) => r.status === (settings.dryRun ? 'planned' : 'updated'));
	return {
		json: {
			domain: settings.domain,
			dryRun: settings.dryRun,
			planned: results.length,
			updated: emailsWith('updated').length,
			failed: failed.length,
			plannedEmails: results.map((r) => r.change.email),
			updatedEmails: emailsWith('updated'),
			failures: failed.map((r) => ({ email: r.change.email, error: r.error ?? '' })),
			// Licences freed: billable users made functional accounts (in a dry run, those that would be).
			billableTakenOutOfBilling: done.filter((r) => r.change.newType === FUNCTIONAL_ACCOUNT_TYPE && r.change.wasBillable).length,
			restoredToEndUser: done.filter((r) => r.change.newType !== FUNCTIONAL_ACCOUNT_TYPE).length,
			figures: { ...plan.figures },
		},
		pairedItem: { item: 0 },
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { hr, planOptions, settings } = readRun(this, items);
	const users = await essentialsList.call(
		this,
		{ method: 'GET', path: ['orgs', settings.domain, 'users'], target: { org: settings.domain } },
		'users',
		settings.options,
	);
	const plan = planFunctionalAccounts(hr.records, users as EssentialsUser[], planOptions);
	if (plan.refusal) refuse(this, plan.refusal.message, `${plan.refusal.hint} Nothing was changed.`);
	const results = await apply(this, plan, settings);
	return settings.summary ? [summaryItem(results, plan, settings)] : results.map(userItem);
}

export const wholeInput = true;
