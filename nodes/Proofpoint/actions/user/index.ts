import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as addSenders from './addSenders.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as markFunctionalAccounts from './markFunctionalAccounts.operation';
import * as removeSenders from './removeSenders.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { addSenders, create, delete: del, get, getAll, markFunctionalAccounts, removeSenders, update };

export const description = resourceDescription('user', operations, 'get');
