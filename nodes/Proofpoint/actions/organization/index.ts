import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as addSenders from './addSenders.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getFeatures from './getFeatures.operation';
import * as getMailStats from './getMailStats.operation';
import * as getSenderLists from './getSenderLists.operation';
import * as removeSenders from './removeSenders.operation';
import * as update from './update.operation';
import * as updateFeatures from './updateFeatures.operation';
import * as updatePackage from './updatePackage.operation';

export const operations: ResourceOperations = {
	addSenders,
	create,
	delete: del,
	get,
	getAll,
	getFeatures,
	getMailStats,
	getSenderLists,
	removeSenders,
	update,
	updateFeatures,
	updatePackage,
};

export const description = resourceDescription('organization', operations, 'get');
