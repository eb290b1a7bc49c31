// The five resource steps in the procedure's order, plus the lookup before and the test after: the DAG.
import type { StepId } from '../runner/events.js';
import type { ResourceStepId } from '../state/schema.js';
import { addCname } from './add-cname.js';
import { addServer } from './add-server.js';
import { createFunction } from './create-function.js';
import { createListener } from './create-listener.js';
import { createServerGroup } from './create-server-group.js';
import type { AnyResourceStep } from './step.js';

export const RESOURCE_STEP_MODULES: Record<ResourceStepId, AnyResourceStep> = {
  function: createFunction,
  serverGroup: createServerGroup,
  server: addServer,
  listener: createListener,
  dnsRecord: addCname,
};

export const TEST_NEEDS: readonly StepId[] = ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'];

export { STEP_TITLES } from '../runner/events.js';

/** The deploy graph (docs/architecture.md "A step"). */
export const DEPLOY_GRAPH: readonly { id: StepId; needs: readonly StepId[] }[] = [
  { id: 'lookup', needs: [] },
  ...Object.values(RESOURCE_STEP_MODULES).map((s) => ({ id: s.id as StepId, needs: s.needs })),
  { id: 'test', needs: TEST_NEEDS },
];

/** Teardown order (reverse of creation): what must go before a step's resource can be deleted. */
export const DESTROY_ORDER: readonly ResourceStepId[] = ['dnsRecord', 'listener', 'server', 'serverGroup', 'function'];
