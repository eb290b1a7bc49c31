import type { World } from '../../core/world.js';
import { storeCode } from './code-package.js';
import { fcErrors } from './errors.js';
import {
  DEFAULTS,
  checkCpu,
  checkDescription,
  checkDiskSize,
  checkEnvironmentVariables,
  checkHandler,
  checkInstanceConcurrency,
  checkMemorySize,
  checkRole,
  checkRuntime,
  checkTimeout,
  defaultCpu,
} from './settings-rules.js';
import type { FunctionSettings } from './state.js';

// CreateFunctionInput → settings with the service's defaults; UpdateFunctionInput merged over them.
// UpdateFunction is a partial update: omitted fields keep their value (§A.2: devsapp/fc3 sends explicit
// "empty" values to clear online configuration, so omission cannot mean "reset").

/** Configuration blocks the emulator does not act on but echoes back in the Function object. */
const ECHOED = [
  'customContainerConfig',
  'customDNS',
  'customRuntimeConfig',
  'gpuConfig',
  'instanceLifecycleConfig',
  'logConfig',
  'nasConfig',
  'ossMountConfig',
  'tracingConfig',
  'vpcConfig',
  'resourceGroupId',
] as const;

type Body = Record<string, unknown>;

function num(body: Body, field: string): number | undefined {
  const value = body[field];
  return typeof value === 'number' ? value : undefined;
}

function str(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fcErrors.invalidArgument(`${field} must be a string`);
  return value;
}

function echoed(body: Body, base: Record<string, unknown> = {}): Record<string, unknown> {
  const extra = { ...base };
  for (const field of ECHOED) if (body[field] !== undefined && body[field] !== null) extra[field] = body[field];
  return extra;
}

function layers(body: Body, current: string[]): string[] {
  const value = body.layers;
  if (value === undefined || value === null) return current;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw fcErrors.invalidArgument('layers must be a list of layer ARNs');
  }
  return value as string[];
}

function checkContainer(runtime: string, extra: Record<string, unknown>): void {
  const image = (extra.customContainerConfig as { image?: unknown } | undefined)?.image;
  if (runtime === 'custom-container' && (typeof image !== 'string' || image === '')) {
    throw fcErrors.invalidArgument('customContainerConfig.image is required for runtime custom-container');
  }
}

export async function settingsForCreate(world: World, body: Body): Promise<FunctionSettings> {
  const runtime = checkRuntime(body.runtime);
  const handler = checkHandler(body.handler, runtime);
  const extra = echoed(body);
  checkContainer(runtime, extra);
  // "Configure either code or customContainerConfig" (CreateFunctionInput.d.ts).
  const code =
    runtime === 'custom-container' && body.code === undefined
      ? { blobKey: '', codeChecksum: '', codeSize: 0 }
      : await storeCode(world, body.code ?? {});
  const memorySize = checkMemorySize(num(body, 'memorySize') ?? DEFAULTS.memorySize);
  const cpu = checkCpu(num(body, 'cpu') ?? defaultCpu(memorySize), memorySize);
  const instanceConcurrency = num(body, 'instanceConcurrency');
  return {
    runtime,
    handler,
    description: checkDescription(str(body, 'description') ?? DEFAULTS.description),
    timeout: checkTimeout(num(body, 'timeout') ?? DEFAULTS.timeout),
    memorySize,
    cpu,
    diskSize: checkDiskSize(num(body, 'diskSize') ?? DEFAULTS.diskSize),
    internetAccess: typeof body.internetAccess === 'boolean' ? body.internetAccess : DEFAULTS.internetAccess,
    environmentVariables: checkEnvironmentVariables((body.environmentVariables as Record<string, unknown>) ?? {}),
    role: checkRole(str(body, 'role') ?? ''),
    ...(instanceConcurrency === undefined
      ? {}
      : { instanceConcurrency: checkInstanceConcurrency(instanceConcurrency, runtime) }),
    layers: layers(body, []),
    extra,
    ...code,
  };
}

export async function settingsForUpdate(
  world: World,
  current: FunctionSettings,
  body: Body,
): Promise<FunctionSettings> {
  const runtime = body.runtime === undefined ? current.runtime : checkRuntime(body.runtime);
  const handler = checkHandler(body.handler ?? current.handler, runtime);
  const extra = echoed(body, current.extra);
  checkContainer(runtime, extra);
  const code = body.code === undefined ? {} : await storeCode(world, body.code);
  const memorySize = checkMemorySize(num(body, 'memorySize') ?? current.memorySize);
  const requestedCpu = num(body, 'cpu');
  let cpu = requestedCpu ?? current.cpu;
  // A new memory size without a cpu keeps the old cpu when the ratio still holds, else gets the default one
  // (assumption: the service's own pairing rather than an error for a field the caller did not send).
  if (requestedCpu === undefined) {
    const ratio = memorySize / 1024 / cpu;
    if (ratio < 1 || ratio > 4) cpu = defaultCpu(memorySize);
  }
  const instanceConcurrency = num(body, 'instanceConcurrency') ?? current.instanceConcurrency;
  const next: FunctionSettings = {
    ...current,
    ...code,
    runtime,
    handler,
    description: checkDescription(str(body, 'description') ?? current.description),
    timeout: checkTimeout(num(body, 'timeout') ?? current.timeout),
    memorySize,
    cpu: checkCpu(cpu, memorySize),
    diskSize: checkDiskSize(num(body, 'diskSize') ?? current.diskSize),
    internetAccess: typeof body.internetAccess === 'boolean' ? body.internetAccess : current.internetAccess,
    environmentVariables:
      body.environmentVariables === undefined || body.environmentVariables === null
        ? current.environmentVariables
        : checkEnvironmentVariables(body.environmentVariables as Record<string, unknown>),
    role: checkRole(str(body, 'role') ?? current.role),
    layers: layers(body, current.layers),
    extra,
  };
  delete next.instanceConcurrency;
  if (instanceConcurrency !== undefined) {
    next.instanceConcurrency = checkInstanceConcurrency(instanceConcurrency, runtime);
  }
  if (runtime !== 'custom-container' && next.blobKey === '') {
    throw fcErrors.invalidArgument(`code.zipFile is required to change the runtime to ${runtime}`);
  }
  return next;
}
