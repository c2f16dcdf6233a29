import { describeValue, hasControl, type Checked } from './validate';

/** The PoD organizational lists, by their names in the API's path. */
export type PodList = 'orgBlockList' | 'orgSafeList';

/** What an entry matches on [P: the Threat Protection peers]: envelope and header sender, IP, host, HELO, recipient. */
export const POD_ATTRIBUTES = ['$from', '$hfrom', '$ip', '$host', '$helo', '$rcpt'] as const;

// The peers disagree on the safe list: this follows the TP mock server and the CTR pack (equal, contain, is_in_list), not the TP pack's yml.
export const POD_OPERATORS: Record<PodList, readonly string[]> = {
	orgBlockList: ['equal', 'not_equal', 'contain', 'not_contain'],
	orgSafeList: ['equal', 'contain', 'is_in_list'],
};

export const POD_COMMENT_MAX = 150;

// The API's value length is not public [?]: 320 fits any address (64 + 1 + 255) and any host.
export const POD_VALUE_MAX = 320;

export interface PodEntry {
	attribute: string;
	operator: string;
	value: string;
	comment: string;
}

/** Two entries are the same when attribute, operator and value agree; the value without case (addresses and hosts have none). */
export const entryKey = (entry: Pick<PodEntry, 'attribute' | 'operator' | 'value'>): string =>
	`${entry.attribute}\u0000${entry.operator}\u0000${entry.value.trim().toLowerCase()}`;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i;

/** An entry's value: trimmed text without control characters; for an IP that must equal, an IPv4 or IPv6 address or CIDR range. */
export function checkEntryValue(value: unknown, attribute: string, operator: string): Checked<string> {
	if (typeof value !== 'string' && typeof value !== 'number') return { problem: `must be text, but it is ${describeValue(value)}` };
	const text = String(value).trim();
	if (text === '') return { problem: 'is empty: enter an address, domain, host or IP' };
	if (hasControl(text)) return { problem: `${describeValue(text)} contains a line break or another control character` };
	if (text.length > POD_VALUE_MAX) return { problem: `is ${text.length} characters long, more than the ${POD_VALUE_MAX} an entry may hold` };
	if (attribute === '$ip' && (operator === 'equal' || operator === 'not_equal') && !IPV4.test(text) && !IPV6.test(text)) {
		return { problem: `${describeValue(text)} is not an IP address or range such as 203.0.113.7 or 203.0.113.0/24` };
	}
	return { value: text };
}

/** An entry's comment: at most 150 characters, no control characters. */
export function checkComment(value: unknown): Checked<string> {
	if (value === undefined || value === null) return { value: '' };
	if (typeof value !== 'string' && typeof value !== 'number') return { problem: `must be text, but it is ${describeValue(value)}` };
	const text = String(value).trim();
	if (hasControl(text)) return { problem: 'contains a line break or another control character' };
	if (text.length > POD_COMMENT_MAX) return { problem: `is ${text.length} characters long; Proofpoint keeps at most ${POD_COMMENT_MAX}` };
	return { value: text };
}

export type EntryOutcome = 'added' | 'alreadyPresent' | 'removed' | 'notPresent';

/** One item's place in a change of a list: what it would do, and whether a request must be sent for it. */
export interface PlannedEntry {
	entry: PodEntry;
	outcome: EntryOutcome;
	send: boolean;
	/** The earlier item asking for the same entry, when this one repeats it. */
	sameAsItem?: number;
}

/**
 * Which entries an Add or Remove must send, from the list as read once: an entry already there is not added again,
 * an absent one is not deleted, and an entry asked for twice is sent once.
 */
export function planListChange(current: readonly PodEntry[], wanted: ReadonlyArray<PodEntry | undefined>, action: 'add' | 'delete'): Array<PlannedEntry | undefined> {
	const present = new Set(current.map(entryKey));
	const firstAsker = new Map<string, number>();
	return wanted.map((entry, index) => {
		if (!entry) return undefined;
		const key = entryKey(entry);
		const earlier = firstAsker.get(key);
		if (earlier !== undefined) {
			return { entry, outcome: action === 'add' ? 'alreadyPresent' : 'notPresent', send: false, sameAsItem: earlier };
		}
		firstAsker.set(key, index);
		const there = present.has(key);
		if (action === 'add') return { entry, outcome: there ? 'alreadyPresent' : 'added', send: !there };
		return { entry, outcome: there ? 'removed' : 'notPresent', send: there };
	});
}
