import { readFileSync } from 'node:fs';

// How long calls and asynchronous transitions take. `none` (the default for tests) makes every transition
// immediate but still visible to one read; `realistic` is docs/emulator.md's profile ("Latency"); a FILE
// is a JSON document of the same shape, merged over `none`.

export interface LatencyProfile {
  /** Added to every API call. */
  baseMs: number;
  /** Added to specific actions, on top of `baseMs`. */
  actionMs: Record<string, number>;
  /** Durations of asynchronous transitions, by name (see TRANSITIONS). */
  transitionMs: Record<string, number>;
}

/** Transition names the services use. Deletes take as long as the matching create (docs/emulator.md). */
export const TRANSITIONS = {
  serverGroupCreate: 'serverGroup.create',
  serverGroupDelete: 'serverGroup.delete',
  serversAdd: 'servers.add',
  serversRemove: 'servers.remove',
  listenerCreate: 'listener.create',
  listenerDelete: 'listener.delete',
  listenerUpdate: 'listener.update',
  serverGroupUpdate: 'serverGroup.update',
  /** What a cold start costs a request: the wait before a new, not provisioned, instance serves it. */
  functionColdStart: 'function.coldStart',
} as const;

const NO_LATENCY: LatencyProfile = { baseMs: 0, actionMs: {}, transitionMs: {} };

const REALISTIC_LATENCY: LatencyProfile = {
  baseMs: 50,
  actionMs: { CreateFunction: 1000, UpdateFunction: 1000, AddDomainRecord: 200, UpdateDomainRecord: 200 },
  transitionMs: {
    [TRANSITIONS.serverGroupCreate]: 2000,
    [TRANSITIONS.serverGroupDelete]: 2000,
    [TRANSITIONS.serversAdd]: 3000,
    [TRANSITIONS.serversRemove]: 3000,
    [TRANSITIONS.listenerCreate]: 6000,
    [TRANSITIONS.listenerDelete]: 6000,
    [TRANSITIONS.listenerUpdate]: 6000,
    [TRANSITIONS.serverGroupUpdate]: 2000,
    // A few hundred ms is what FC's Node.js and Python cold starts commonly cost; not a documented figure (design).
    [TRANSITIONS.functionColdStart]: 300,
  },
};

export function loadLatency(spec: 'none' | 'realistic' | string | LatencyProfile): LatencyProfile {
  if (typeof spec !== 'string') return spec;
  if (spec === 'none') return NO_LATENCY;
  if (spec === 'realistic') return REALISTIC_LATENCY;
  const parsed = JSON.parse(readFileSync(spec, 'utf8')) as Partial<LatencyProfile>;
  return {
    baseMs: parsed.baseMs ?? 0,
    actionMs: { ...parsed.actionMs },
    transitionMs: { ...parsed.transitionMs },
  };
}

export function callDelay(profile: LatencyProfile, action: string): number {
  return profile.baseMs + (profile.actionMs[action] ?? 0);
}

export function transitionDelay(profile: LatencyProfile, name: string): number {
  return profile.transitionMs[name] ?? 0;
}
