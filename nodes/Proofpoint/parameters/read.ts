import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IPollFunctions } from 'n8n-workflow';

import { describeClamping, fitRange, LAST_UNITS, lastRange, toEpochMs, type FittedRange, type LastUnit, type RangeRules, type TimeRange } from '../helpers/timeRange';
import { checkDomain, checkEmail, checkInteger, checkTapId, checkText, describeValue, toList, type Checked } from '../helpers/validate';
import { DEFAULT_TIMEOUT_MS, type CallOptions } from '../transport/request';

/** What parameter readers need: the node (for errors) and its parameters. A trigger's readers see it as item NO_ITEM. */
export type ParameterContext = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'> & { getTimezone?: () => string };

/** The "item" a trigger's parameters belong to: a trigger has no input items, so errors name none. */
export const NO_ITEM = -1;

/**
 * The error for one item's field: the item, the field, what is wrong and how to fix it. `madeOf`: the
 * fields whose values make this one (a Time Range's Amount, or its Start and End).
 */
export function invalidInput(
	context: ParameterContext,
	itemIndex: number,
	field: string,
	problem: string,
	fix?: string,
	madeOf: string[] = [],
): NodeOperationError {
	if (itemIndex === NO_ITEM) {
		return new NodeOperationError(context.getNode(), `${field} ${problem}`, {
			description: fix ?? `Fix "${field}" in the trigger's parameters; no request was sent.`,
		});
	}
	const error = new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${field} ${problem}`, {
		itemIndex,
		description: fix ?? `Fix "${field}" for item ${itemIndex}; no request was sent for it.`,
	});
	// As an AI tool, the node says which of the tool's inputs this field is (actions/tool.ts).
	Object.assign(error.context, { fields: [field, ...madeOf], problem });
	return error;
}

/** A poll's parameters, read by the same readers as a node's items (as item NO_ITEM). */
export function pollParameters(context: IPollFunctions): ParameterContext {
	return {
		getNode: () => context.getNode(),
		getNodeParameter: ((name: string, _itemIndex: number, fallback?: unknown) => context.getNodeParameter(name, fallback)) as IExecuteFunctions['getNodeParameter'],
	};
}

/** A checked value, or the item's error for the field. */
export function valueOrRefuse<T>(context: ParameterContext, itemIndex: number, field: string, result: Checked<T>, fix?: string): T {
	if ('problem' in result) throw invalidInput(context, itemIndex, field, result.problem, fix);
	return result.value;
}

/** A free-text value of an item's field (from a collection), or the item's error. */
export function readText(context: ParameterContext, itemIndex: number, value: unknown, field: string): string {
	return valueOrRefuse(context, itemIndex, field, checkText(value));
}

/**
 * A parameter's checked value. A picker (resource locator) gives its value whichever mode; a plain
 * string (a workflow saved before the pickers) reads as is.
 */
function read<T>(
	context: ParameterContext,
	itemIndex: number,
	name: string,
	field: string,
	check: (value: unknown) => Checked<T>,
	picker = false,
): T {
	const value = picker ? context.getNodeParameter(name, itemIndex, '', { extractValue: true }) : context.getNodeParameter(name, itemIndex, '');
	return valueOrRefuse(context, itemIndex, field, check(value));
}

export function readDomain(context: ParameterContext, itemIndex: number, name: string, field: string): string {
	return read(context, itemIndex, name, field, checkDomain, true);
}

export function readEmail(context: ParameterContext, itemIndex: number, name: string, field: string): string {
	return read(context, itemIndex, name, field, checkEmail, true);
}

/** Every entry of a list field must be an email address (or a *@domain pattern where allowed). */
export function readEmailList(
	context: ParameterContext,
	itemIndex: number,
	value: unknown,
	field: string,
	allowWildcardDomain = false,
): string[] {
	return toList(value).map((entry) => {
		const wildcard = allowWildcardDomain && entry.startsWith('*@');
		const result = wildcard ? checkDomain(entry.slice(2)) : checkEmail(entry);
		if ('problem' in result) throw invalidInput(context, itemIndex, field, `entry ${result.problem}`);
		return wildcard ? `*@${result.value}` : result.value;
	});
}

export function readInteger(
	context: ParameterContext,
	itemIndex: number,
	name: string,
	field: string,
	min: number,
	max: number,
	fallback?: number,
): number {
	return read(context, itemIndex, name, field, (value) =>
		checkInteger(value === '' && fallback !== undefined ? fallback : value, min, max),
	);
}

/** The item's transport options; a Request Timeout that is not a whole number of at least 1,000 ms is refused. */
export function callOptions(context: ParameterContext, itemIndex: number): CallOptions {
	const timeout = readInteger(context, itemIndex, 'options.requestTimeout', 'Request Timeout', 1000, 3600000, DEFAULT_TIMEOUT_MS);
	return { itemIndex, timeoutMs: timeout };
}

export const MAX_LIMIT = 1000000;

/** Return All → undefined; otherwise the validated Limit. */
export function readLimit(context: ParameterContext, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return readInteger(context, itemIndex, 'limit', 'Limit', 1, MAX_LIMIT, 50);
}

/** n8n's Limit semantics for an API without paging: everything, or the first `limit`. */
export function limitList<T>(list: T[], limit: number | undefined): T[] {
	return limit === undefined ? list : list.slice(0, limit);
}

/** The `domain` parameter every Essentials operation addresses its organization with. */
export function readOrgDomain(this: IExecuteFunctions, itemIndex: number): string {
	return readDomain(this, itemIndex, 'domain', 'Organization Domain');
}

/** Update operations refuse to send a request that would change nothing. */
export function requireChanges(context: IExecuteFunctions, itemIndex: number, changes: IDataObject): void {
	if (Object.keys(changes).length > 0) return;
	throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: Update Fields is empty`, {
		itemIndex,
		description: 'Add at least one field to change under Update Fields.',
	});
}

/** The item's Time Range, fitted to what the API serves (see fitRange) or refused, before any request. */
export function readTimeRange(context: ParameterContext, itemIndex: number, rules: RangeRules, now = Date.now()): FittedRange {
	const mode = context.getNodeParameter('timeRange', itemIndex, 'last');
	let range: TimeRange;
	if (mode === 'last') {
		const amount = readInteger(context, itemIndex, 'lastAmount', 'Amount', 1, 1000000, 1);
		const unit = context.getNodeParameter('lastUnit', itemIndex, 'hours') as LastUnit;
		if (!Object.prototype.hasOwnProperty.call(LAST_UNITS, unit)) {
			throw invalidInput(context, itemIndex, 'Unit', `"${String(unit)}" is not a unit`, 'Choose Minutes, Hours or Days.');
		}
		range = lastRange(amount, unit, now);
	} else if (mode === 'between') {
		range = { start: readInstant(context, itemIndex, 'startTime', 'Start'), end: readInstant(context, itemIndex, 'endTime', 'End') };
	} else {
		throw invalidInput(context, itemIndex, 'Time Range', `"${String(mode)}" is not a time range`, 'Choose Last N Minutes, Hours or Days, or Between Two Instants.');
	}
	const fitted = fitRange(range, now, rules);
	if ('problem' in fitted) {
		const asked = `${new Date(range.start).toISOString()} to ${new Date(range.end).toISOString()}`;
		const madeOf = mode === 'last' ? ['Amount'] : ['Start', 'End'];
		throw invalidInput(context, itemIndex, 'Time Range', `(${asked}) ${fitted.problem}`, `Change the Time Range of item ${itemIndex}; no request was sent.`, madeOf);
	}
	return fitted;
}

const hinted = new WeakMap<object, Set<string>>();

/** Says in the run's output what the node changed in an item's Time Range (once per run for the same words). */
export function hintClamping(context: IExecuteFunctions, itemIndex: number, fitted: FittedRange, rules: RangeRules): void {
	const said = describeClamping(fitted, rules);
	if (!said) return;
	const message = `Time Range${itemIndex > 0 ? ` of item ${itemIndex}` : ''}: ${said}.`;
	const seen = hinted.get(context) ?? new Set<string>();
	hinted.set(context, seen);
	if (seen.has(message)) return;
	seen.add(message);
	context.addExecutionHints({ message, type: 'info', location: 'outputPane' });
}

function readInstant(context: ParameterContext, itemIndex: number, name: string, field: string): number {
	const value = context.getNodeParameter(name, itemIndex, '');
	const ms = toEpochMs(value, typeof context.getTimezone === 'function' ? context.getTimezone() : 'UTC');
	if (ms === undefined) {
		throw invalidInput(context, itemIndex, field, `must be a date and time such as 2026-06-05T06:00:00Z, but it is ${describeValue(value)}`);
	}
	return ms;
}

export const THREAT_ID_EXAMPLE = "a SIEM event's threatID (64 hex characters)";
export const CAMPAIGN_ID_EXAMPLE = "a SIEM event's campaignID (a UUID)";

/** A threat or campaign id parameter, checked before it goes into a URL. */
export function readTapId(context: ParameterContext, itemIndex: number, name: string, field: string, example: string): string {
	return read(context, itemIndex, name, field, (value) => checkTapId(value, example));
}

/** Sender-list entries (addresses, domains or *@domain patterns), from a comma-separated list or an expression's array. */
export function readSenderEntries(context: ParameterContext, itemIndex: number, value: unknown, field: string): string[] {
	const entries = toList(value);
	for (const entry of entries) {
		if (/[\s/?#]/.test(entry) || entry.length > 254) {
			throw invalidInput(context, itemIndex, field, `entry "${entry.slice(0, 60)}" is not an address, domain or *@domain pattern`);
		}
	}
	return entries;
}
