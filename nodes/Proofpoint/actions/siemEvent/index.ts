import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as getAll from './getAll.operation';

export const operations: ResourceOperations = { getAll };

export const description = resourceDescription('siemEvent', operations, 'getAll');
