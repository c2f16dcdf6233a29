import { resourceDescription } from '../descriptions';
import type { ResourceOperations } from '../operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as updatePackage from './updatePackage.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, update, updatePackage };

export const description = resourceDescription('organization', operations, 'get');
