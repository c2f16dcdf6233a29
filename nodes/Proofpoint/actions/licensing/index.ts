import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as get from './get.operation';
import * as getUsage from './getUsage.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { get, getUsage, update };

export const description = resourceDescription('licensing', operations, 'get');
