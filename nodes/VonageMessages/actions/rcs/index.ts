import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common/fields';
import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [operationProperty('rcs'), ...send.description];
