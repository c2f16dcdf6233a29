/** A sender list after adding or removing entries: other entries kept, comparisons case-insensitive. */
export interface SenderListChange {
	list: string[];
	/** The entries that were added or removed. */
	changed: string[];
	/** Entries that were already there (add) or not there (remove): nothing to do for them. */
	unchanged: string[];
}

const key = (entry: string) => entry.trim().toLowerCase();

export function changeSenders(current: readonly unknown[] | undefined, entries: readonly string[], action: 'add' | 'remove'): SenderListChange {
	const list = (current ?? []).filter((entry): entry is string => typeof entry === 'string');
	const present = new Set(list.map(key));
	const changed: string[] = [];
	const unchanged: string[] = [];
	const wanted = new Set<string>();
	for (const entry of entries) {
		if (wanted.has(key(entry))) continue;
		wanted.add(key(entry));
		(present.has(key(entry)) === (action === 'add') ? unchanged : changed).push(entry);
	}
	if (action === 'add') return { list: [...list, ...changed], changed, unchanged };
	const removed = new Set(changed.map(key));
	return { list: list.filter((entry) => !removed.has(key(entry))), changed, unchanged };
}
