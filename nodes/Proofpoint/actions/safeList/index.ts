import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import { changeOperation, getEntriesOperation } from '../podLists';

export const operations: ResourceOperations = {
	addEntries: changeOperation('orgSafeList', 'add'),
	getEntries: getEntriesOperation('orgSafeList'),
	removeEntries: changeOperation('orgSafeList', 'delete'),
};

export const description = resourceDescription('safeList', operations, 'getEntries');
