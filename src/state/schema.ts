// The state file of one stack (`.alb-fc/<stack>.state.json`), version 1. It holds ids, names, checksums and
// request summaries only: never code, credentials or anything secret. Loaded files are validated against these
// schemas (a file that does not match is "unreadable", exit 7), so the types below are derived from them.
import { z } from 'zod';

export const STATE_SCHEMA_VERSION = 1 as const;

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
export type DnsRecordOutputs = z.infer<typeof dnsRecordOutputsSchema>;
export type LookupOutputs = z.infer<typeof lookupOutputsSchema>;
export type TestOutputs = z.infer<typeof testOutputsSchema>;

/** The outputs recorded for each step that owns a resource (the steps of src/steps/vocabulary.ts). */
export interface StepOutputs {
  function: FunctionOutputs;
  serverGroup: ServerGroupOutputs;
  server: ServerOutputs;
  listener: ListenerOutputs;
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
  dnsRecord: recordSchema(dnsRecordOutputsSchema),
};

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
  steps: z.object({
    function: stepRecordSchemas.function.optional(),
    serverGroup: stepRecordSchemas.serverGroup.optional(),
    server: stepRecordSchemas.server.optional(),
    listener: stepRecordSchemas.listener.optional(),
    dnsRecord: stepRecordSchemas.dnsRecord.optional(),
  }),
  lastTest: testOutputsSchema.optional(),
});

export type StackState = Omit<z.infer<typeof stackStateSchema>, 'steps'> & {
  steps: { [K in keyof StepOutputs]?: StepRecord<StepOutputs[K]> };
};

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
