import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { get, update };

export const description = resourceDescription('licensing', operations, 'get');
