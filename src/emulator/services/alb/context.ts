import type { CallContext, ServiceEnv } from '../../core/service.js';
import { DEFAULT_BEHAVIOUR } from '../../options.js';
import { JobFailures, startJob, type JobSpec } from './jobs.js';
import { seededScope } from './seed.js';
import { emptySlice, scopeKey, type AlbSlice, type JobRecord, type ListenerRecord, type ScopeState } from './state.js';
import { advance } from './transitions.js';

// What every ALB handler works with: the caller's scope (account + region), brought up to date with the
// clock before anything is read or changed, and the service's runtime (options, job failures, data plane).

export interface DataPlaneControl {
  /** Opens (or re-opens) the listener's loopback server; records its port on the listener. */
  open(listener: ListenerRecord): Promise<void>;
  close(listenerId: string): void;
}

export class AlbRuntime {
  env: ServiceEnv | undefined;
  readonly failures = new JobFailures();
  dataPlane: DataPlaneControl = { open: async () => undefined, close: () => undefined };
  /** A load balancer was added after start (admin route): give it its refusing port. */
  loadBalancerAdded: (id: string) => Promise<void> = async () => undefined;

  get options(): ServiceEnv['options'] {
    return this.env?.options ?? DEFAULT_BEHAVIOUR;
  }

  slice(world: ServiceEnv['world']): AlbSlice {
    return world.slice('alb', emptySlice);
  }

  /** The scope of an account in a region; the local cloud's own region gets the seeded load balancer. */
  scope(world: ServiceEnv['world'], accountId: string, region: string, now: number): ScopeState {
    const slice = this.slice(world);
    const key = scopeKey(accountId, region);
    let scope = slice.scopes[key];
    if (!scope) {
      const seeded = region === (this.env?.region ?? region);
      scope = seededScope(accountId, region, now, seeded ? this.options.loadBalancerEdition : undefined);
      slice.scopes[key] = scope;
    }
    return scope;
  }

  /** Finishes due jobs of every scope (for the data plane, DNS answers and the admin state). */
  advanceAll(world: ServiceEnv['world'], now: number): void {
    for (const scope of Object.values(this.slice(world).scopes)) this.advance(scope, now);
  }

  advance(scope: ScopeState, now: number): void {
    advance(scope, now, { listenerGone: (listener) => this.dataPlane.close(listener.id) });
  }
}

export interface AlbCall {
  ctx: CallContext;
  scope: ScopeState;
  now: number;
  runtime: AlbRuntime;
  /** Records an asynchronous job of this call (its duration from the latency profile). */
  job(spec: Omit<JobSpec, 'apiName'>): JobRecord;
}

export function albCall(ctx: CallContext, runtime: AlbRuntime): AlbCall {
  const now = ctx.clock.now();
  const scope = runtime.scope(ctx.world, ctx.account.accountId, ctx.region, now);
  runtime.advance(scope, now);
  return {
    ctx,
    scope,
    now,
    runtime,
    job: (spec) => startJob(scope, now, ctx.latency, runtime.failures, { ...spec, apiName: ctx.action }),
  };
}
