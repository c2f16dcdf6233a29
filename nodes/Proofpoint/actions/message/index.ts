import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as get from './get.operation';
import * as search from './search.operation';

export const operations: ResourceOperations = { get, search };

export const description = resourceDescription('message', operations, 'search');
