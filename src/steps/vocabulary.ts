// The steps' vocabulary, defined once: which steps there are, what each is called, what each needs from the
// others (the DAG), the orders derived from those needs, and the words of plans, outcomes and live states.
// The runner, the state schema, the renderers and the subcommands all read them from here.
import { topologicalOrder } from '../lib/dag.js';
import { keyOf, kindOf, type InstanceId } from '../state/instance-ids.js';

/**
 * The steps that own a cloud resource, in the order of Alibaba Cloud's procedure (step 1 … step 5), "Specify a
 * function from Function Compute as a backend server of ALB":
 * https://www.alibabacloud.com/help/en/slb/application-load-balancer/use-cases/specify-a-function-from-function-compute-as-a-backend-server-of-alb
 */
export const RESOURCE_STEPS = ['function', 'serverGroup', 'server', 'listener', 'rule', 'dnsRecord'] as const;
export type ResourceStepId = (typeof RESOURCE_STEPS)[number];

/**
 * The procedure's step each kind belongs to (its step 4 is the listener and what forwards on it: the forwarding
 * rules of routes, https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/manage-forwarding-rules).
 */
export const PROCEDURE_STEP: Readonly<Record<ResourceStepId, number>> = {
  function: 1,
  serverGroup: 2,
  server: 3,
  listener: 4,
  rule: 4,
  dnsRecord: 5,
};
export const PROCEDURE_LENGTH = 5;

/** Every step: the read-only lookup (preflight) before the procedure, the connectivity test after it. */
export const STEPS = ['lookup', ...RESOURCE_STEPS, 'test'] as const;
export type StepId = (typeof STEPS)[number];

/** How every step is named, in the plan, the progress and the summaries. */
export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  lookup: 'Lookup',
  function: 'FC function',
  serverGroup: 'Server group',
  server: 'Add backend',
  listener: 'Listener',
  rule: 'Forwarding rule',
  dnsRecord: 'DNS CNAME',
  test: 'Connectivity test',
};

/**
 * What each step reads from the others. The function, the server group and the CNAME need only the lookup (the
 * ALB and its DNS name), so they run concurrently; the backend needs the function's ARN and the group; the
 * listener forwards to the group; the test needs everything.
 */
export const STEP_NEEDS: Readonly<Record<StepId, readonly StepId[]>> = {
  lookup: [],
  function: ['lookup'],
  serverGroup: ['lookup'],
  server: ['function', 'serverGroup'],
  listener: ['lookup', 'serverGroup'],
  // A rule goes live once its functions are in their groups: no window in which its requests meet an empty group.
  rule: ['listener', 'server'],
  dnsRecord: ['lookup'],
  test: RESOURCE_STEPS,
};

/** The deploy graph: every step with what it needs. */
export const DEPLOY_GRAPH: readonly { id: StepId; needs: readonly StepId[] }[] = STEPS.map((id) => ({
  id,
  needs: STEP_NEEDS[id],
}));

/**
 * A step of one run: a kind, and for the resources a stack has several of (a function per route, a CNAME per
 * host) the instance's key — `function:users`, `dnsRecord:api.example.com` (src/state/instance-ids.ts).
 */
export type StepRef = StepId | InstanceId<ResourceStepId>;

/** The kind of a step of a run. */
export function stepKind(ref: StepRef | string): StepId {
  return kindOf(ref) as StepId;
}

/** `FC function` for the single function, `FC function users` for a route's. */
export function stepTitle(ref: StepRef | string): string {
  const key = keyOf(ref);
  const title = STEP_TITLES[stepKind(ref)] ?? ref;
  return key === undefined ? title : `${title} ${key}`;
}

export function isResourceStep(id: string): id is ResourceStepId {
  return (RESOURCE_STEPS as readonly string[]).includes(id);
}

/** Teardown order: the reverse of the creation order, so everything that needs a resource goes before it. */
export const DESTROY_ORDER: readonly ResourceStepId[] = topologicalOrder(
  RESOURCE_STEPS.map((id) => ({ id, needs: STEP_NEEDS[id].filter(isResourceStep) })),
).reverse();

/** A step's decision in a plan. */
export type StepAction = 'create' | 'adopt' | 'update' | 'unchanged' | 'conflict' | 'delete' | 'skip';

/** The plan actions that change something in the cloud (and so need approval). */
export const CHANGING_ACTIONS: ReadonlySet<StepAction> = new Set<StepAction>(['create', 'adopt', 'update', 'delete']);

export function isChanging(action: StepAction): boolean {
  return CHANGING_ACTIONS.has(action);
}

/** What a finished step did to its resource, in the words of the `--json` document. */
export type ResourceAction = 'created' | 'adopted' | 'updated' | 'unchanged' | 'deleted' | 'skipped' | 'absent';

/** A resource read live against what the state recorded (a step's `inspect`). */
export type LiveState = 'present' | 'missing' | 'drifted';

/** A resource in `alb-fc status`: read live, or only recorded (a create to resume, a replaced one to delete). */
export type ResourceState = LiveState | 'pending' | 'retired';
