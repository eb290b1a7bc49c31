// Old state files are upgraded in memory when loaded (and written back in the new shape at the next save).
// Each migration is a pure function from one version to the next; `migrateState` chains them.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { STATE_SCHEMA_VERSION, stackStateSchema, type StackState, type StepRecord } from './schema.js';

/**
 * Version 0: the walking skeleton's flat file (issue 2): the outputs of finished steps only, no intents, no
 * ownership (it only ever recorded what it had created itself).
 */
export const stateV0Schema = z.object({
  version: z.literal(0),
  stack: z.string(),
  region: z.string(),
  updatedAt: z.string().optional(),
  loadBalancerId: z.string().optional(),
  albDnsName: z.string().optional(),
  functionName: z.string().optional(),
  functionArn: z.string().optional(),
  serverGroupId: z.string().optional(),
  serverGroupName: z.string().optional(),
  serverAdded: z.boolean().optional(),
  listenerId: z.string().optional(),
  listenerPort: z.number().int().optional(),
  domain: z.string().optional(),
  zone: z.string().optional(),
  rr: z.string().optional(),
  recordId: z.string().optional(),
  ttl: z.number().int().optional(),
});
export type StateV0 = z.infer<typeof stateV0Schema>;

export class StateVersionError extends Error {
  constructor(
    message: string,
    readonly newer: boolean,
  ) {
    super(message);
  }
}

function ready<O>(outputs: O, at: string): StepRecord<O> {
  return { status: 'ready', owned: true, outputs, updatedAt: at };
}

/** Version 1: the single-function stack, its records keyed by step (`function`, `listener`, …). */
const stateV1Schema = z.object({ schemaVersion: z.literal(1) }).passthrough();

/**
 * Version 1 → 2: the step records are already keyed as version 2 keys the single-function stack (the bare step
 * names, src/state/instance-ids.ts), so only the version changes: the cloud is not read or touched.
 */
export function migrateV1ToV2(v1: z.infer<typeof stateV1Schema>): unknown {
  return { ...v1, schemaVersion: 2 };
}

export function migrateV0ToV1(v0: StateV0): StackState {
  const at = v0.updatedAt ?? '1970-01-01T00:00:00.000Z';
  // A v0 file never issued ClientTokens, so any stable epoch is safe; derive it so the migration stays pure.
  const epoch = 'v0-' + createHash('sha256').update(`${v0.stack}\n${v0.region}\n${at}`).digest('hex').slice(0, 16);
  const state: StackState = {
    schemaVersion: STATE_SCHEMA_VERSION,
    stack: v0.stack,
    region: v0.region,
    epoch,
    createdAt: at,
    updatedAt: at,
    steps: {},
  };
  if (v0.loadBalancerId && v0.albDnsName) {
    state.lookup = {
      outputs: {
        loadBalancerId: v0.loadBalancerId,
        dnsName: v0.albDnsName,
        addressType: 'Internet',
        zone: v0.zone,
        rr: v0.rr,
        domain: v0.domain,
      },
      updatedAt: at,
    };
  }
  if (v0.functionName && v0.functionArn) {
    state.steps.function = ready({ name: v0.functionName, arn: v0.functionArn, mode: 'create' }, at);
  }
  if (v0.serverGroupId) {
    state.steps.serverGroup = ready({ id: v0.serverGroupId, name: v0.serverGroupName ?? v0.serverGroupId }, at);
  }
  if (v0.serverAdded && v0.serverGroupId && v0.functionArn) {
    state.steps.server = ready({ serverGroupId: v0.serverGroupId, functionArn: v0.functionArn }, at);
  }
  if (v0.listenerId && v0.listenerPort !== undefined && v0.loadBalancerId && v0.serverGroupId) {
    state.steps.listener = ready(
      {
        id: v0.listenerId,
        loadBalancerId: v0.loadBalancerId,
        port: v0.listenerPort,
        serverGroupId: v0.serverGroupId,
      },
      at,
    );
  }
  if (v0.recordId && v0.domain && v0.zone && v0.rr && v0.albDnsName) {
    state.steps.dnsRecord = ready(
      { recordId: v0.recordId, zone: v0.zone, rr: v0.rr, domain: v0.domain, value: v0.albDnsName, ttl: v0.ttl ?? 600 },
      at,
    );
  }
  return state;
}

function versionOf(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  if (typeof record['schemaVersion'] === 'number') return record['schemaVersion'];
  if (typeof record['version'] === 'number') return record['version'];
  return undefined;
}

/**
 * Parsed JSON of any known version → the current schema. Throws StateVersionError for a file from a newer
 * alb-fc, and a zod error for a file that does not match its version's schema.
 */
export function migrateState(raw: unknown): { state: StackState; migratedFrom?: number } {
  const version = versionOf(raw);
  if (version === undefined) throw new StateVersionError('the file has no schemaVersion', false);
  if (version > STATE_SCHEMA_VERSION) {
    throw new StateVersionError(
      `the file has schemaVersion ${version}, written by a newer alb-fc (this one reads up to ${STATE_SCHEMA_VERSION})`,
      true,
    );
  }
  if (version === 0) {
    const v2 = migrateV0ToV1(stateV0Schema.parse(raw));
    return { state: stackStateSchema.parse(v2) as StackState, migratedFrom: 0 };
  }
  if (version === 1) {
    return { state: stackStateSchema.parse(migrateV1ToV2(stateV1Schema.parse(raw))) as StackState, migratedFrom: 1 };
  }
  if (version !== STATE_SCHEMA_VERSION) throw new StateVersionError(`unknown schemaVersion ${version}`, false);
  return { state: stackStateSchema.parse(raw) as StackState };
}
