import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as getAll from './getAll.operation';
import * as getRun from './getRun.operation';
import * as run from './run.operation';

export const operations: ResourceOperations = { getAll, getRun, run };

export const description = resourceDescription('workflow', operations, 'getAll');
