// The function step's capacity work (issue 10), kept beside create-function.ts: reading the live reserved
// concurrency and provisioned instances, writing what capacity-decision.ts decided, waiting for provisioned
// instances, and the teardown FC requires before DeleteFunction.
import { hasCloudCode } from '../cloud/errors.js';
import type { FunctionInfo } from '../cloud/ports.js';
import type { FunctionCapacity } from '../stack-input.js';
import type { FunctionOutputs } from '../state/schema.js';
import type { CapacityLive, CapacityWrite } from './capacity-decision.js';
import type { CapacityFacts } from './load-advice.js';
import type { Readiness, StepContext } from './step.js';

export async function readCapacity(
  ctx: StepContext,
  name: string,
  reads: { reserved: boolean; provisioned: boolean },
): Promise<CapacityLive> {
  const [reservedConcurrency, provisioned] = await Promise.all([
    reads.reserved ? ctx.cloud.functions.getReservedConcurrency(name) : undefined,
    reads.provisioned ? ctx.cloud.functions.getProvisioned(name) : undefined,
  ]);
  return { reservedConcurrency, provisionedInstances: provisioned?.target };
}

export async function writeCapacity(ctx: StepContext, name: string, writes: readonly CapacityWrite[]): Promise<void> {
  const fc = ctx.cloud.functions;
  for (const write of writes) {
    switch (write.kind) {
      case 'set-reserved':
        await fc.setReservedConcurrency(name, write.value);
        break;
      case 'clear-reserved':
        await fc.clearReservedConcurrency(name);
        break;
      case 'set-provisioned':
        await fc.setProvisioned(name, write.target);
        break;
      case 'clear-provisioned':
        await fc.clearProvisioned(name);
        break;
    }
  }
}

const CAPACITY_KEYS = ['cpu', 'instanceConcurrency', 'reservedConcurrency', 'provisionedInstances'] as const;

/** The state's record of a function: its settings as FC reports them, and the capacity alb-fc manages. */
export function functionOutputs(info: FunctionInfo, managed: FunctionCapacity = {}): FunctionOutputs {
  const outputs: FunctionOutputs = {
    name: info.name,
    arn: info.arn,
    mode: 'create',
    runtime: info.runtime,
    handler: info.handler,
    memorySize: info.memorySize,
    timeout: info.timeout,
    codeChecksum: info.codeChecksum,
  };
  for (const key of CAPACITY_KEYS) {
    const value = managed[key];
    if (value !== undefined) outputs[key] = value;
  }
  return outputs;
}

/** Ready once the provisioned instances alb-fc asked for are started (GetProvisionConfig `current`). */
export async function provisionedReadiness(ctx: StepContext, outputs: FunctionOutputs): Promise<Readiness | undefined> {
  const target = outputs.provisionedInstances ?? 0;
  if (target === 0) return undefined;
  const live = await ctx.cloud.functions.getProvisioned(outputs.name);
  if (!live) return { kind: 'gone' };
  if (live.current >= live.target) return undefined;
  const status = `provisioned instances ${live.current}/${live.target}${live.error ? ` (${live.error})` : ''}`;
  return { kind: 'pending', status };
}

/** What differs from the capacity alb-fc set, for `status`. */
export async function capacityDrift(ctx: StepContext, outputs: FunctionOutputs, info: FunctionInfo): Promise<string[]> {
  const details: string[] = [];
  if (outputs.cpu !== undefined && info.cpu !== undefined && Math.abs(info.cpu - outputs.cpu) > 1e-9) {
    details.push(`cpu ${info.cpu} vCPU, deployed ${outputs.cpu}`);
  }
  const concurrency = info.instanceConcurrency ?? 1;
  if (outputs.instanceConcurrency !== undefined && concurrency !== outputs.instanceConcurrency) {
    details.push(`instance concurrency ${concurrency}, deployed ${outputs.instanceConcurrency}`);
  }
  const live = await readCapacity(ctx, outputs.name, {
    reserved: outputs.reservedConcurrency !== undefined,
    provisioned: outputs.provisionedInstances !== undefined,
  });
  if (outputs.reservedConcurrency !== undefined && live.reservedConcurrency !== outputs.reservedConcurrency) {
    details.push(`reserved concurrency ${live.reservedConcurrency ?? 'none'}, deployed ${outputs.reservedConcurrency}`);
  }
  if (outputs.provisionedInstances !== undefined && (live.provisionedInstances ?? 0) !== outputs.provisionedInstances) {
    details.push(`provisioned instances ${live.provisionedInstances ?? 0}, deployed ${outputs.provisionedInstances}`);
  }
  return details;
}

/**
 * DeleteFunction, after what FC wants gone first. FC refuses to delete a function that still has provisioned
 * instances (`ProvisionConfigExist`), so they are released and waited for until none runs — as devsapp/fc3 does
 * (src/subCommands/remove/index.ts: DeleteProvisionConfig, poll GetProvisionConfig until `current` is 0, then
 * DeleteConcurrencyConfig, then DeleteFunction, retried on ProvisionConfigExist). A configuration set by hand is
 * found that way too.
 */
export async function deleteFunction(ctx: StepContext, outputs: FunctionOutputs): Promise<'deleted' | 'absent'> {
  const fc = ctx.cloud.functions;
  if ((outputs.provisionedInstances ?? 0) > 0) await releaseProvisioned(ctx, outputs.name);
  if (outputs.reservedConcurrency !== undefined) await fc.clearReservedConcurrency(outputs.name);
  try {
    return await fc.delete(outputs.name);
  } catch (error) {
    if (!hasCloudCode(error, 'ProvisionConfigExist')) throw error;
    await releaseProvisioned(ctx, outputs.name);
    return fc.delete(outputs.name);
  }
}

async function releaseProvisioned(ctx: StepContext, name: string): Promise<void> {
  if ((await ctx.cloud.functions.clearProvisioned(name)) === 'absent') return;
  await ctx.wait(`the provisioned instances of ${name} to stop`, async () => {
    const live = await ctx.cloud.functions.getProvisioned(name);
    if (!live || live.current === 0) return { kind: 'ready', status: 'none' };
    return { kind: 'pending', status: `provisioned instances ${live.current} still running` };
  });
}

/** What a load test's advice needs to know of the function, read live; undefined when it cannot be read. */
export async function capacityFacts(ctx: StepContext, name: string | undefined): Promise<CapacityFacts | undefined> {
  if (name === undefined) return undefined;
  try {
    const fc = ctx.cloud.functions;
    const [info, reservedConcurrency, provisioned] = await Promise.all([
      fc.get(name),
      fc.getReservedConcurrency(name),
      fc.getProvisioned(name),
    ]);
    if (!info) return undefined;
    return {
      functionName: name,
      runtime: info.runtime,
      instanceConcurrency: info.instanceConcurrency ?? 1,
      ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
      ...(provisioned && provisioned.target > 0 ? { provisionedInstances: provisioned.target } : {}),
    };
  } catch {
    // The advice then speaks of the limits in general: a read refused (permissions) must not fail the test.
    return undefined;
  }
}
