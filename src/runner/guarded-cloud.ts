// The cloud as the steps see it: every port call checks the AbortSignal first (an interrupted run stops
// between calls, never inside one) and is retried on transient errors. Creates are retried with the same
// arguments, hence the same ClientToken, so a retry replays, never duplicates.
// The `api-call` events of --verbose are not reported here: the SDK adapters report one per wire request
// (src/cloud/sdk/call.ts), with the wire action name and RequestId, which a port method cannot know (a port
// method may page through several requests, or answer "absent" from an error).
import type { CloudPorts } from '../cloud/ports.js';
import { throwIfAborted } from '../lib/sleep.js';
import type { StepRef } from '../steps/vocabulary.js';
import type { EventSink } from './events.js';
import { withRetries, type RetryEnv } from './retry.js';

export interface GuardEnv extends RetryEnv {
  emit: EventSink;
  step: StepRef;
}

function wrapPort<T extends object>(port: T, env: GuardEnv, retry: boolean): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const once = (): Promise<unknown> => {
          throwIfAborted(env.signal, env.step);
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
        if (!retry) return once();
        return withRetries(
          {
            ...env,
            onRetry: (info) =>
              env.emit({
                type: 'step-retry',
                step: env.step,
                cloudCode: info.cloudCode,
                attempt: info.attempt,
                delayMs: info.delayMs,
              }),
          },
          once,
        );
      };
    },
  });
}

/** The ports with retries and abort checks; `network` only gets abort checks (the test retries on its own). */
export function guardCloud(cloud: CloudPorts, env: GuardEnv): CloudPorts {
  return {
    region: cloud.region,
    functions: wrapPort(cloud.functions, env, true),
    alb: wrapPort(cloud.alb, env, true),
    dns: wrapPort(cloud.dns, env, true),
    identity: wrapPort(cloud.identity, env, true),
    network: wrapPort(cloud.network, env, false),
  };
}
