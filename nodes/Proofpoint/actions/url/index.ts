import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as decode from './decode.operation';

export const operations: ResourceOperations = { decode };

export const description = resourceDescription('url', operations, 'decode');
