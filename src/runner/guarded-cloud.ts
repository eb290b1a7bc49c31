// The cloud as the steps see it: every port call checks the AbortSignal first (an interrupted run stops
// between calls, never inside one), is retried on transient errors, and is reported as an `api-call` event.
// Creates are retried with the same arguments, hence the same ClientToken, so a retry replays, never duplicates.
import type { CloudPorts } from '../cloud/ports.js';
import { isCloudError } from '../cloud/errors.js';
import type { EventSink, StepId } from './events.js';
import { throwIfAborted, withRetries, type RetryEnv } from './retry.js';

export interface GuardEnv extends RetryEnv {
  emit: EventSink;
  step: StepId;
}

function wrapPort<T extends object>(port: T, service: string, env: GuardEnv, retry: boolean): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const action = String(property);
      return (...args: unknown[]) => {
        const once = async (): Promise<unknown> => {
          throwIfAborted(env.signal, env.step);
          const started = env.clock.now();
          try {
            const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            env.emit({ type: 'api-call', service, action, ms: env.clock.now() - started });
            return result;
          } catch (error) {
            env.emit({
              type: 'api-call',
              service,
              action,
              ms: env.clock.now() - started,
              ...(isCloudError(error)
                ? { cloudCode: error.cloudCode, requestId: error.requestId, status: error.httpStatus }
                : {}),
            });
            throw error;
          }
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
    functions: wrapPort(cloud.functions, 'fc', env, true),
    alb: wrapPort(cloud.alb, 'alb', env, true),
    dns: wrapPort(cloud.dns, 'alidns', env, true),
    identity: wrapPort(cloud.identity, 'sts', env, true),
    network: wrapPort(cloud.network, 'network', env, false),
  };
}
