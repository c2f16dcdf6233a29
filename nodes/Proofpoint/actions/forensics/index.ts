import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as get from './get.operation';

export const operations: ResourceOperations = { get };

export const description = resourceDescription('forensics', operations, 'get');
