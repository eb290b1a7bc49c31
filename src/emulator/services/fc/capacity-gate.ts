import type { World } from '../../core/world.js';
import { scopeKey, scopeOf } from './state.js';

// FC's capacity limits, as the local cloud models them (docs/emulator.md, "Function Compute 3.0: capacity"):
// - one instance serves at most its instance concurrency at once (1 for built-in runtimes);
// - a function uses at most its reserved concurrency in instances, provisioned and on-demand together
//   (`@alicloud/fc20230330 PutConcurrencyInput`: "the reserved concurrency includes the total concurrency of
//   provisioned instances and on-demand instances"); 0 blocks every invocation;
// - an account runs at most `accountInstanceLimit` instances per region, provisioned ones included (default 100:
//   "Specify the maximum number of instances",
//   https://help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/overview-of-configuring-the-maximum-number-of-on-demand-instances).
// A request over a limit is refused at once, never queued: FC answers a synchronous invocation over its
// concurrency limit with `ResourceExhausted` (429) (FC error codes, https://www.alibabacloud.com/help/en/functioncompute/error-codes).
// On-demand instances count while they serve a request; provisioned ones always.

export interface Demand {
  /** `<account>/<region>`: what the account limit counts over. */
  scope: string;
  /** `<account>/<region>/<name>`: what the reserved concurrency counts over (every version of the function). */
  functionKey: string;
  functionName: string;
  region: string;
  reservedConcurrency: number | undefined;
  instanceConcurrency: number;
  /** Provisioned instances of every function of the scope, by function key. */
  provisioned: Record<string, number>;
}

export interface Refusal {
  limit: 'reserved concurrency' | 'account instance limit';
  message: string;
}

interface Usage {
  scope: string;
  inFlight: number;
  instanceConcurrency: number;
}

/** What an invocation of `name` counts against, from the FC slice of the world. */
export function demandOf(world: World, accountId: string, region: string, name: string): Demand {
  const scope = scopeOf(world, accountId, region);
  const provisioned: Record<string, number> = {};
  for (const fn of Object.values(scope.functions)) {
    const total = Object.values(fn.provision ?? {}).reduce((sum, target) => sum + target, 0);
    if (total > 0) provisioned[functionKeyOf(accountId, region, fn.functionName)] = total;
  }
  const fn = scope.functions[name];
  const settings = fn?.settings ?? scope.fc2Functions[name]?.settings;
  return {
    scope: scopeKey(accountId, region),
    functionKey: functionKeyOf(accountId, region, name),
    functionName: name,
    region,
    reservedConcurrency: fn?.reservedConcurrency,
    instanceConcurrency: Math.max(1, settings?.instanceConcurrency ?? 1),
    provisioned,
  };
}

export function functionKeyOf(accountId: string, region: string, name: string): string {
  return `${scopeKey(accountId, region)}/${name}`;
}

export class CapacityGate {
  private readonly usage = new Map<string, Usage>();

  /** Admits one request (call the answer when it is done), or says which limit refuses it. */
  admit(demand: Demand, accountInstanceLimit: number): (() => void) | Refusal {
    const mine = this.usage.get(demand.functionKey);
    const inFlight = mine?.inFlight ?? 0;
    const ic = demand.instanceConcurrency;
    const busyAfter = Math.ceil((inFlight + 1) / ic);
    if (demand.reservedConcurrency !== undefined && busyAfter > demand.reservedConcurrency) {
      const reserved = demand.reservedConcurrency;
      return {
        limit: 'reserved concurrency',
        message:
          reserved === 0
            ? `function '${demand.functionName}' cannot be invoked: its reserved concurrency is 0`
            : `function '${demand.functionName}' is throttled: its reserved concurrency allows ${reserved} instance(s) ` +
              `serving ${ic} request(s) each, and all are busy`,
      };
    }
    const provisionedHere = demand.provisioned[demand.functionKey] ?? 0;
    const usedBefore = this.scopeUsage(demand);
    const usedAfter =
      usedBefore - Math.max(Math.ceil(inFlight / ic), provisionedHere) + Math.max(busyAfter, provisionedHere);
    if (usedAfter > accountInstanceLimit) {
      return {
        limit: 'account instance limit',
        message:
          `function '${demand.functionName}' is throttled: the account's ${accountInstanceLimit} instances in ` +
          `${demand.region} are all in use`,
      };
    }
    this.usage.set(demand.functionKey, { scope: demand.scope, inFlight: inFlight + 1, instanceConcurrency: ic });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const entry = this.usage.get(demand.functionKey);
      if (!entry) return;
      entry.inFlight -= 1;
      if (entry.inFlight <= 0) this.usage.delete(demand.functionKey);
    };
  }

  /** Instances the scope uses: each function's busy instances, or its provisioned ones when more. */
  private scopeUsage(demand: Demand): number {
    const keys = new Set(Object.keys(demand.provisioned));
    for (const [key, entry] of this.usage) if (entry.scope === demand.scope) keys.add(key);
    let used = 0;
    for (const key of keys) {
      const entry = this.usage.get(key);
      const busy = entry ? Math.ceil(entry.inFlight / entry.instanceConcurrency) : 0;
      used += Math.max(busy, demand.provisioned[key] ?? 0);
    }
    return used;
  }
}
