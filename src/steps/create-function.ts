// Step 1: the FC 3.0 function (or, with --function-arn, an existing FC 3.0 / 2.0 function: step 1 is skipped).
// FC takes no ClientToken: a resumed create finds the function by name and adopts it when its tags (set by
// CreateFunction itself) name this stack (`@alicloud/fc20230330 CreateFunctionInput`, tags).
import { hasCloudCode } from '../cloud/errors.js';
import type { FunctionInfo, FunctionUpdate } from '../cloud/ports.js';
import type { FunctionOutputs } from '../state/schema.js';
import { stackTags, type FunctionCapacity } from '../stack-input.js';
import { capacityReads, decideCapacity, type CapacityDecision } from './capacity-decision.js';
import {
  capacityDrift,
  deleteFunction,
  functionOutputs,
  provisionedReadiness,
  readCapacity,
  writeCapacity,
} from './function-capacity.js';
import { decideFunction, functionChanges, type FunctionDecision, type FunctionDesired } from './function-decision.js';
import { packagedCode, type CodePackage } from './function-code.js';
import { fc2HttpTriggerProblem, fc3NameOfFc2 } from './fc2-http-trigger.js';
import { parseFunctionArn, unqualifiedArn, validateExistingFunctionArn } from './function-arn.js';
import { isOurs } from './ownership.js';
import type { Inspection, ResourceStep, DeployContext, StepContext, StepPlan } from './step.js';
import type { ResourceAction } from './vocabulary.js';

export interface FunctionPlan extends StepPlan<FunctionOutputs> {
  decision?: FunctionDecision;
  /** Reserved concurrency and provisioned instances to write after the function itself (issue 10). */
  capacity?: CapacityDecision;
  desired?: FunctionDesired;
  /** The function found by name, when there is one. */
  found?: FunctionInfo;
  /** --function-arn: the outputs to record; nothing is created. */
  existing?: FunctionOutputs;
}

export { functionOutputs };

function isReady(info: FunctionInfo): boolean {
  return info.state === 'Active' && info.lastUpdateStatus === 'Successful';
}

async function code(ctx: DeployContext): Promise<CodePackage> {
  const fn = ctx.input.function;
  if (fn.mode !== 'create') throw new Error('code is only packaged for a function alb-fc creates');
  return packagedCode(ctx, fn.code);
}

function desiredOf(ctx: DeployContext, pkg: CodePackage): FunctionDesired {
  const fn = ctx.input.function;
  if (fn.mode !== 'create') throw new Error('no desired function in existing mode');
  return {
    name: fn.name,
    runtime: fn.runtime,
    handler: fn.handler,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    ...(fn.cpu === undefined ? {} : { cpu: fn.cpu }),
    ...(fn.instanceConcurrency === undefined ? {} : { instanceConcurrency: fn.instanceConcurrency }),
    codeChecksum: pkg.checksum,
  };
}

/** The capacity the stack's input asks for (issue 10). */
function capacityOf(ctx: DeployContext): FunctionCapacity {
  const fn = ctx.input.function;
  if (fn.mode !== 'create') return {};
  const { cpu, instanceConcurrency, reservedConcurrency, provisionedInstances } = fn;
  return { cpu, instanceConcurrency, reservedConcurrency, provisionedInstances };
}

/** Reserved concurrency and provisioned instances: read only what is asked for, or was set by alb-fc before. */
async function planCapacity(
  ctx: DeployContext,
  desired: FunctionDesired,
  found: FunctionInfo | undefined,
): Promise<CapacityDecision> {
  const wanted = capacityOf(ctx);
  const before = ctx.session.record('function')?.outputs;
  const recorded = before?.mode === 'create' && before.name === desired.name ? before : {};
  const live = found ? await readCapacity(ctx, found.name, capacityReads(wanted, recorded)) : {};
  return decideCapacity({ desired: wanted, live, recorded });
}

function updateOf(desired: FunctionDesired, pkg: CodePackage): FunctionUpdate {
  return {
    runtime: desired.runtime,
    handler: desired.handler,
    zipFile: pkg.zip,
    memorySize: desired.memorySize,
    timeout: desired.timeout,
    ...(desired.cpu === undefined ? {} : { cpu: desired.cpu }),
    ...(desired.instanceConcurrency === undefined ? {} : { instanceConcurrency: desired.instanceConcurrency }),
  };
}

/**
 * A function given by --function-arn, read through FC 3.0: a qualified ARN names the function without its
 * qualifier, and an FC 2.0 function shows under its FC 3.0 name (src/steps/fc2-http-trigger.ts).
 */
async function inspectExisting(ctx: StepContext, arn: string): Promise<Inspection> {
  const parsed = parseFunctionArn(arn);
  if (!parsed) return { state: 'drifted', details: [`${arn} is not a function ARN`] };
  const name = parsed.version === 3 ? parsed.name : fc3NameOfFc2(parsed);
  const info = await ctx.cloud.functions.get(name);
  if (!info) return { state: 'missing', details: [`function ${name} (${arn}) does not exist`] };
  const details: string[] = [];
  const expected = unqualifiedArn(parsed);
  if (info.arn !== expected) details.push(`its ARN is ${info.arn}, expected ${expected}`);
  if (parsed.version === 2) {
    const problem = await fc2HttpTriggerProblem(ctx, parsed);
    if (problem) details.push(...problem.reasons);
  }
  if (info.state === 'Failed') details.push('FC reports the function Failed');
  return { state: details.length > 0 ? 'drifted' : 'present', status: info.state, details };
}

/** The function itself: kept, adopted, updated or created (FC has no ClientToken: see the top of this file). */
async function applySettings(
  ctx: DeployContext,
  plan: FunctionPlan,
  decision: FunctionDecision,
  desired: FunctionDesired,
): Promise<{ action: ResourceAction; info: FunctionInfo }> {
  const { session } = ctx;
  const pkg = await code(ctx);
  if (decision.action === 'unchanged' || decision.action === 'adopt' || decision.action === 'update') {
    const found = plan.found as FunctionInfo;
    if (decision.action === 'unchanged') return { action: 'unchanged', info: found };
    await session.adopt('function', plan.known ?? functionOutputs(found), decision.owned);
    if (decision.action === 'adopt') return { action: 'adopted', info: found };
    return { action: 'updated', info: await ctx.cloud.functions.update(desired.name, updateOf(desired, pkg)) };
  }
  const request = {
    name: desired.name,
    runtime: desired.runtime,
    handler: desired.handler,
    memorySize: desired.memorySize,
    timeout: desired.timeout,
    codeChecksum: desired.codeChecksum,
  };
  await session.beginCreate('function', request);
  const update = updateOf(desired, pkg);
  let created: FunctionInfo;
  try {
    created = await ctx.cloud.functions.create({
      ...update,
      name: desired.name,
      description: `alb-fc stack ${ctx.stack}`,
      tags: stackTags(ctx.stack),
    });
  } catch (error) {
    // A retried create whose first attempt reached FC: the function is there, with our tags.
    const found = hasCloudCode(error, 'FunctionAlreadyExists')
      ? await ctx.cloud.functions.get(desired.name)
      : undefined;
    if (!found || !isOurs(found.tags, ctx.stack)) {
      await session.createFailed('function', error);
      throw error;
    }
    await session.createSucceeded('function', functionOutputs(found));
    created =
      functionChanges(desired, found).length > 0 ? await ctx.cloud.functions.update(desired.name, update) : found;
  }
  await session.createSucceeded('function', functionOutputs(created));
  return { action: 'created', info: created };
}

export const createFunction: ResourceStep<'function', FunctionPlan> = {
  id: 'function',

  async plan(ctx) {
    const fn = ctx.input.function;
    const record = ctx.session.record('function');
    if (fn.mode === 'existing') {
      const parsed = validateExistingFunctionArn(fn.arn, ctx.input.region);
      const existing: FunctionOutputs = { name: parsed.name, arn: parsed.arn, mode: 'existing' };
      const recorded = record?.outputs?.mode === 'existing' && record.outputs.arn === fn.arn;
      if (parsed.version === 2 && !recorded) {
        const problem = await fc2HttpTriggerProblem(ctx, parsed);
        if (problem) return { step: 'function', detail: `${fn.arn} (FC 2.0, existing)`, ...problem };
      }
      if (parsed.version === 3 && !recorded) {
        const found = await ctx.cloud.functions.get(parsed.name);
        if (!found) {
          return {
            step: 'function',
            action: 'conflict',
            detail: parsed.name,
            reasons: [`function ${parsed.name} (from --function-arn) does not exist in ${ctx.input.region}`],
            hint: 'Check the ARN, or omit --function-arn to let alb-fc create the function.',
          };
        }
      }
      return {
        step: 'function',
        action: recorded ? 'unchanged' : 'adopt',
        detail: `${fn.arn} (FC ${parsed.version}.0, existing)`,
        reasons: recorded
          ? []
          : [`uses the existing FC ${parsed.version}.0 function: step 1 is skipped, nothing is created`],
        known: existing,
        ready: true,
        existing,
      };
    }
    const pkg = await code(ctx);
    const desired = desiredOf(ctx, pkg);
    const found = await ctx.cloud.functions.get(desired.name);
    const decision = decideFunction({ stack: ctx.stack, desired, found, record });
    const keep =
      found && (decision.action === 'unchanged' || decision.action === 'adopt' || decision.action === 'update');
    const capacity = decision.action === 'conflict' ? undefined : await planCapacity(ctx, desired, found);
    const capacityChanges = capacity?.changes ?? [];
    const action = decision.action === 'unchanged' && capacityChanges.length > 0 ? 'update' : decision.action;
    return {
      step: 'function',
      action,
      reasons: [...decision.reasons, ...capacityChanges],
      ...(decision.hint ? { hint: decision.hint } : {}),
      detail: `${desired.name} (${desired.runtime}, ${pkg.description})`,
      decision,
      desired,
      ...(capacity ? { capacity } : {}),
      ...(found ? { found } : {}),
      ...(keep && found
        ? { known: functionOutputs(found, record?.outputs?.name === found.name ? record.outputs : {}) }
        : {}),
      ready: found !== undefined && isReady(found) && action !== 'update',
    };
  },

  async apply(ctx, plan) {
    const { session } = ctx;
    if (plan.existing) {
      if (plan.action === 'unchanged') return { action: 'unchanged', outputs: plan.existing };
      // Another function (or a function of ours) may have been recorded before: keep it for cleanup.
      const before = session.record('function');
      if (before?.outputs && before.outputs.arn !== plan.existing.arn && before.outputs.mode === 'create') {
        await session.retire('function');
      }
      await session.adopt('function', plan.existing, false);
      return { action: 'adopted', outputs: plan.existing };
    }
    const { decision, desired } = plan;
    if (!decision || !desired) throw new Error('function plan without a decision');
    if (decision.retire) await session.retire('function');
    const { action, info } = await applySettings(ctx, plan, decision, desired);
    const writes = plan.capacity?.writes ?? [];
    await writeCapacity(ctx, desired.name, writes);
    const { cpu, instanceConcurrency } = capacityOf(ctx);
    const outputs = functionOutputs(info, { cpu, instanceConcurrency, ...plan.capacity?.managed });
    if (JSON.stringify(session.record('function')?.outputs) !== JSON.stringify(outputs)) {
      await session.setOutputs('function', outputs);
    }
    return { action: action === 'unchanged' && writes.length > 0 ? 'updated' : action, outputs };
  },

  async verify(ctx, outputs) {
    if (outputs.mode === 'existing') return { kind: 'ready', status: 'existing' };
    const info = await ctx.cloud.functions.get(outputs.name);
    if (!info) return { kind: 'gone' };
    if (info.state === 'Failed' || info.lastUpdateStatus === 'Failed') {
      return {
        kind: 'failed',
        status: `${info.state}/${info.lastUpdateStatus}`,
        message: 'FC reports the function failed',
        code: 'FUNCTION_FAILED',
      };
    }
    if (!isReady(info)) return { kind: 'pending', status: `${info.state}/${info.lastUpdateStatus}` };
    return (await provisionedReadiness(ctx, outputs)) ?? { kind: 'ready', status: 'Active' };
  },

  async remove(ctx, outputs) {
    if (outputs.mode === 'existing') return 'absent';
    return deleteFunction(ctx, outputs);
  },

  async locate(ctx, record) {
    const name = record.intent?.request['name'];
    if (typeof name !== 'string') return undefined;
    const found = await ctx.cloud.functions.get(name);
    return found && isOurs(found.tags, ctx.stack) ? functionOutputs(found) : undefined;
  },

  async inspect(ctx, outputs) {
    if (outputs.mode === 'existing') return inspectExisting(ctx, outputs.arn);
    const info = await ctx.cloud.functions.get(outputs.name);
    if (!info) return { state: 'missing', details: [`function ${outputs.name} does not exist`] };
    const details: string[] = [];
    if (info.arn !== outputs.arn) details.push(`its ARN is ${info.arn}, the state says ${outputs.arn}`);
    if (outputs.mode === 'create') {
      if (outputs.codeChecksum && info.codeChecksum !== outputs.codeChecksum) {
        details.push(`code checksum ${info.codeChecksum}, deployed ${outputs.codeChecksum}`);
      }
      if (outputs.runtime && info.runtime !== outputs.runtime)
        details.push(`runtime ${info.runtime}, deployed ${outputs.runtime}`);
      if (outputs.handler && info.handler !== outputs.handler)
        details.push(`handler ${info.handler}, deployed ${outputs.handler}`);
      if (outputs.memorySize !== undefined && info.memorySize !== outputs.memorySize) {
        details.push(`memory ${info.memorySize} MB, deployed ${outputs.memorySize} MB`);
      }
      if (outputs.timeout !== undefined && info.timeout !== outputs.timeout) {
        details.push(`timeout ${info.timeout}s, deployed ${outputs.timeout}s`);
      }
      details.push(...(await capacityDrift(ctx, outputs, info)));
    }
    if (info.state === 'Failed') details.push('FC reports the function Failed');
    return { state: details.length > 0 ? 'drifted' : 'present', status: info.state, details };
  },

  resourceId: (outputs) => outputs.arn,
  describe: (outputs) => (outputs.mode === 'existing' ? `${outputs.arn} (existing)` : outputs.name),
};
