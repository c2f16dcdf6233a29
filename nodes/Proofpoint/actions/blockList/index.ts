import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import { changeOperation, getEntriesOperation } from '../podLists';

export const operations: ResourceOperations = {
	addEntries: changeOperation('orgBlockList', 'add'),
	getEntries: getEntriesOperation('orgBlockList'),
	removeEntries: changeOperation('orgBlockList', 'delete'),
};

export const description = resourceDescription('blockList', operations, 'getEntries');
