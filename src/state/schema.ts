// The state file of one stack (`.alb-fc/<stack>.state.json`), version 2. It holds ids, names, checksums and
// request summaries only: never code, credentials or anything secret. Loaded files are validated against these
// schemas (a file that does not match is "unreadable", exit 7), so the types below are derived from them.
// Version 2 keys step records by instance (src/state/instance-ids.ts): several functions, groups, rules and
// CNAMEs per stack. An alb-fc that reads version 1 refuses it instead of dropping the records it does not know.
import { z } from 'zod';
import { kindOf, type InstanceId } from './instance-ids.js';

export const STATE_SCHEMA_VERSION = 2 as const;

const summaryValue = z.union([z.string(), z.number(), z.boolean()]);

/** What the run was about to create, saved before the create call so that a crash resumes into it. */
export const intentSchema = z.object({
  /** Sent as ClientToken to ALB; recorded (not sent) for FC and Alidns, which have none. */
  clientToken: z.string().min(1).max(64),
  /** The defining request parameters, primitives only (no code, no secrets). */
  request: z.record(z.string(), summaryValue),
  /** ISO time the intent was recorded. */
  at: z.string(),
  /** How many creates this state has issued for the step before this one; part of the ClientToken. */
  seq: z.number().int().nonnegative(),
  /**
   * The cloud refused this create for good, so the next create must use a new token
   * (https://www.alibabacloud.com/help/doc-detail/25693.html).
   */
  refused: z.boolean().optional(),
});
export type Intent = z.infer<typeof intentSchema>;

const recordedErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  cloudCode: z.string().optional(),
  requestId: z.string().optional(),
  at: z.string(),
});
export type RecordedError = z.infer<typeof recordedErrorSchema>;

export const functionOutputsSchema = z.object({
  name: z.string(),
  arn: z.string(),
  /** `existing`: given by --function-arn; alb-fc never changes or deletes it. */
  mode: z.enum(['create', 'existing']),
  runtime: z.string().optional(),
  handler: z.string().optional(),
  memorySize: z.number().optional(),
  timeout: z.number().optional(),
  codeChecksum: z.string().optional(),
  /** Capacity alb-fc was asked for (issue 10); absent when left to FC or to whoever set it. */
  cpu: z.number().optional(),
  instanceConcurrency: z.number().int().optional(),
  reservedConcurrency: z.number().int().optional(),
  provisionedInstances: z.number().int().optional(),
});
export const serverGroupOutputsSchema = z.object({ id: z.string(), name: z.string() });
export const serverOutputsSchema = z.object({ serverGroupId: z.string(), functionArn: z.string() });
export const listenerOutputsSchema = z.object({
  id: z.string(),
  loadBalancerId: z.string(),
  port: z.number().int(),
  serverGroupId: z.string(),
});
/** A forwarding rule of a route: what it matches and where it sends, as created (for status and updates). */
export const ruleOutputsSchema = z.object({
  id: z.string(),
  listenerId: z.string(),
  name: z.string(),
  priority: z.number().int(),
  host: z.string().optional(),
  path: z.string().optional(),
  /** ForwardGroup targets with their weights; empty for the catch-all 404 (a FixedResponse). */
  targets: z.array(z.object({ serverGroupId: z.string(), weight: z.number().int() })),
  fixedStatus: z.number().int().optional(),
});
export const dnsRecordOutputsSchema = z.object({
  recordId: z.string(),
  zone: z.string(),
  rr: z.string(),
  domain: z.string(),
  value: z.string(),
  ttl: z.number().int(),
});
export const lookupOutputsSchema = z.object({
  loadBalancerId: z.string(),
  dnsName: z.string(),
  addressType: z.string(),
  zone: z.string().optional(),
  rr: z.string().optional(),
  domain: z.string().optional(),
  /** `Basic` | `Standard` | `StandardWithWaf`: its rule limits differ (src/routes/limits.ts). */
  edition: z.string().optional(),
  /** The zone and RR of every host that gets a CNAME (the domain's are also in zone/rr above). */
  hosts: z.record(z.string(), z.object({ zone: z.string(), rr: z.string() })).optional(),
});
export const testOutputsSchema = z.object({
  url: z.string(),
  via: z.enum(['dns', 'alb-host-header']).optional(),
  status: z.number().int(),
  ok: z.boolean(),
  at: z.string(),
});

export type FunctionOutputs = z.infer<typeof functionOutputsSchema>;
export type ServerGroupOutputs = z.infer<typeof serverGroupOutputsSchema>;
export type ServerOutputs = z.infer<typeof serverOutputsSchema>;
export type ListenerOutputs = z.infer<typeof listenerOutputsSchema>;
export type RuleOutputs = z.infer<typeof ruleOutputsSchema>;
export type DnsRecordOutputs = z.infer<typeof dnsRecordOutputsSchema>;
export type LookupOutputs = z.infer<typeof lookupOutputsSchema>;
export type TestOutputs = z.infer<typeof testOutputsSchema>;

/** The outputs recorded for each step that owns a resource (the steps of src/steps/vocabulary.ts). */
export interface StepOutputs {
  function: FunctionOutputs;
  serverGroup: ServerGroupOutputs;
  server: ServerOutputs;
  listener: ListenerOutputs;
  rule: RuleOutputs;
  dnsRecord: DnsRecordOutputs;
}

function recordSchema<T extends z.ZodType>(outputs: T) {
  return z.object({
    /** `pending`: intent saved, outcome unknown; `created`: outputs saved, not yet ready; `ready`: verified. */
    status: z.enum(['pending', 'created', 'ready']),
    /** True when this stack created the resource; false when it found and adopted one it did not create. */
    owned: z.boolean(),
    intent: intentSchema.optional(),
    outputs: outputs.optional(),
    /** Resources this step replaced (old listener port, old domain, renamed function), still to be deleted. */
    retired: z.array(outputs).optional(),
    /** Number of creates issued so far in this state's epoch (the next create's seq). */
    creates: z.number().int().nonnegative().optional(),
    lastError: recordedErrorSchema.optional(),
    updatedAt: z.string(),
  });
}

export const stepRecordSchemas = {
  function: recordSchema(functionOutputsSchema),
  serverGroup: recordSchema(serverGroupOutputsSchema),
  server: recordSchema(serverOutputsSchema),
  listener: recordSchema(listenerOutputsSchema),
  rule: recordSchema(ruleOutputsSchema),
  dnsRecord: recordSchema(dnsRecordOutputsSchema),
};

/** A record of any kind; its key says which (src/state/instance-ids.ts). */
export type AnyStepRecord = { [K in keyof StepOutputs]: StepRecord<StepOutputs[K]> }[keyof StepOutputs];

/** The step records keyed by instance, each validated by the schema of its kind. */
const stepRecordsSchema = z.record(z.string(), z.unknown()).transform((records, ctx) => {
  const out: Record<string, unknown> = {};
  for (const [id, record] of Object.entries(records)) {
    const kind = kindOf(id);
    const schema = (stepRecordSchemas as Record<string, z.ZodType | undefined>)[kind];
    if (!schema) {
      ctx.addIssue({ code: 'custom', path: [id], message: `unknown step ${JSON.stringify(kind)}` });
      continue;
    }
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [id, ...issue.path] } as never);
      continue;
    }
    out[id] = parsed.data;
  }
  return out;
});

export interface StepRecord<O> {
  status: 'pending' | 'created' | 'ready';
  owned: boolean;
  intent?: Intent | undefined;
  outputs?: O | undefined;
  retired?: O[] | undefined;
  creates?: number | undefined;
  lastError?: RecordedError | undefined;
  updatedAt: string;
}

/** The intent of a create whose outcome is unknown (pending, not refused): a resumed run repeats it. */
export function resumableIntent(record: StepRecord<unknown> | undefined): Intent | undefined {
  const intent = record?.intent;
  return record?.status === 'pending' && intent && !intent.refused ? intent : undefined;
}

export const stackStateSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  stack: z.string(),
  region: z.string(),
  /**
   * Minted when the state is created. Part of every ClientToken, so that a token never outlives the state that
   * issued it: after `destroy` (which removes the file), a new deploy must not replay the deleted resource's id.
   */
  epoch: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lookup: z.object({ outputs: lookupOutputsSchema, updatedAt: z.string() }).optional(),
  steps: stepRecordsSchema,
  lastTest: testOutputsSchema.optional(),
});

export type StackState = Omit<z.infer<typeof stackStateSchema>, 'steps'> & {
  /** The single function's records by their bare kind, typed; a route's by instance id. */
  steps: { [K in keyof StepOutputs]?: StepRecord<StepOutputs[K]> } & { [id: InstanceId]: AnyStepRecord | undefined };
};

/** The record of instance `id`, typed by its kind. */
export function recordOf<K extends keyof StepOutputs>(
  state: StackState,
  id: InstanceId<K>,
): StepRecord<StepOutputs[K]> | undefined {
  return state.steps[id] as StepRecord<StepOutputs[K]> | undefined;
}

export function emptyState(stack: string, region: string, epoch: string, nowIso: string): StackState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    stack,
    region,
    epoch,
    createdAt: nowIso,
    updatedAt: nowIso,
    steps: {},
  };
}
