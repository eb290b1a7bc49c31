import type { World } from '../../core/world.js';

// The FC service's slice of the world: plain JSON, persisted after every write (core/world.ts). Code bytes
// never live here: a function keeps the sha256 key of its ZIP in `world.blobs`.

/** What a function runs (CreateFunctionInput, Function); a published version freezes a copy. */
export interface FunctionSettings {
  runtime: string;
  handler: string;
  description: string;
  timeout: number;
  memorySize: number;
  cpu: number;
  diskSize: number;
  internetAccess: boolean;
  environmentVariables: Record<string, string>;
  role: string;
  instanceConcurrency?: number;
  layers: string[];
  /** Configuration blocks echoed as given (logConfig, vpcConfig, customContainerConfig, ...). */
  extra: Record<string, unknown>;
  codeChecksum: string;
  codeSize: number;
  /** sha256 of the ZIP in `world.blobs`; '' when the function has no code package (custom-container). */
  blobKey: string;
}

/** An in-between state still to be shown (lifecycle.ts: at least one read sees it). */
export interface Transition {
  kind: 'create' | 'update';
  /** ms since epoch when the work is done (latency profile `function.create` / `function.update`). */
  until: number;
  /** GetFunction reads that still see the in-between state. */
  readsLeft: number;
}

export interface StoredVersion {
  versionId: string;
  description: string;
  createdTime: number;
  settings: FunctionSettings;
}

export interface StoredAlias {
  aliasName: string;
  versionId: string;
  description: string;
  additionalVersionWeight: Record<string, number>;
  createdTime: number;
  lastModifiedTime: number;
}

export interface StoredTrigger {
  triggerName: string;
  triggerId: string;
  triggerType: string;
  triggerConfig: string;
  qualifier: string;
  description: string;
  sourceArn: string;
  invocationRole: string;
  createdTime: number;
  lastModifiedTime: number;
}

export interface StoredFunction {
  functionName: string;
  functionId: string;
  createdTime: number;
  lastModifiedTime: number;
  settings: FunctionSettings;
  tags: Record<string, string>;
  transition?: Transition;
  versions: StoredVersion[];
  nextVersion: number;
  aliases: Record<string, StoredAlias>;
  triggers: Record<string, StoredTrigger>;
  /** PutConcurrencyConfig: the most instances the function may use; absent when none is set. */
  reservedConcurrency?: number;
  /** PutProvisionConfig targets by qualifier (`LATEST`, a version, an alias); absent or 0 when none. */
  provision?: Record<string, number>;
}

/** A Function Compute 2.0 function, seeded through the admin API (the FC 3.0 API cannot create one). */
export interface StoredFc2Function {
  serviceName: string;
  functionName: string;
  functionId: string;
  /** Service versions/aliases that exist besides LATEST. */
  qualifiers: string[];
  handlerType: 'event' | 'http';
  httpTrigger: boolean;
  createdTime: number;
  settings: FunctionSettings;
}

/** One account in one region. */
export interface Scope {
  functions: Record<string, StoredFunction>;
  fc2Functions: Record<string, StoredFc2Function>;
}

interface FcState {
  scopes: Record<string, Scope>;
}

export function fcState(world: World): FcState {
  return world.slice<FcState>('fc', () => ({ scopes: {} }));
}

export function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}

export function scopeOf(world: World, accountId: string, region: string): Scope {
  const state = fcState(world);
  const key = scopeKey(accountId, region);
  let scope = state.scopes[key];
  if (!scope) state.scopes[key] = scope = { functions: {}, fc2Functions: {} };
  return scope;
}

/** Every scope with its account and region, for the snapshot and the directory. */
export function allScopes(world: World): Array<{ accountId: string; region: string; scope: Scope }> {
  return Object.entries(fcState(world).scopes).map(([key, scope]) => {
    const slash = key.indexOf('/');
    return { accountId: key.slice(0, slash), region: key.slice(slash + 1), scope };
  });
}
