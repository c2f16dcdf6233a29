import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: ResourceOperations = { get, getAll };

export const description = resourceDescription('incident', operations, 'getAll');
