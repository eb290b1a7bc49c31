import type { Params } from '../../api/params.js';
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
// UpdateFunction is a partial update: omitted fields keep their value (devsapp/fc3 src/default/config.ts sends explicit
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

function echoed(body: Params, base: Record<string, unknown> = {}): Record<string, unknown> {
  const extra = { ...base };
  for (const field of ECHOED) if (body.has(field)) extra[field] = body.value(field);
  return extra;
}

/** Layer ARNs (strings, the metadata's `layers` items); absent keeps `current`. */
function layers(body: Params, current: string[]): string[] {
  return body.strings('layers') ?? current;
}

function checkContainer(runtime: string, extra: Record<string, unknown>): void {
  const config = extra.customContainerConfig;
  const image = typeof config === 'object' && config !== null && 'image' in config ? config.image : undefined;
  if (runtime === 'custom-container' && (typeof image !== 'string' || image === '')) {
    throw fcErrors.invalidArgument('customContainerConfig.image is required for runtime custom-container');
  }
}

export async function settingsForCreate(world: World, body: Params): Promise<FunctionSettings> {
  const runtime = checkRuntime(body.string('runtime'));
  const handler = checkHandler(body.string('handler'), runtime);
  const extra = echoed(body);
  checkContainer(runtime, extra);
  // "Configure either code or customContainerConfig" (CreateFunctionInput.d.ts).
  const code =
    runtime === 'custom-container' && !body.has('code')
      ? { blobKey: '', codeChecksum: '', codeSize: 0 }
      : await storeCode(world, body.value('code') ?? {});
  const memorySize = checkMemorySize(body.number('memorySize') ?? DEFAULTS.memorySize);
  const cpu = checkCpu(body.number('cpu') ?? defaultCpu(memorySize), memorySize);
  const instanceConcurrency = body.number('instanceConcurrency');
  return {
    runtime,
    handler,
    description: checkDescription(body.string('description') ?? DEFAULTS.description),
    timeout: checkTimeout(body.number('timeout') ?? DEFAULTS.timeout),
    memorySize,
    cpu,
    diskSize: checkDiskSize(body.number('diskSize') ?? DEFAULTS.diskSize),
    internetAccess: body.boolean('internetAccess') ?? DEFAULTS.internetAccess,
    environmentVariables: checkEnvironmentVariables(body.record('environmentVariables') ?? {}),
    role: checkRole(body.string('role') ?? ''),
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
  body: Params,
): Promise<FunctionSettings> {
  const runtime = body.has('runtime') ? checkRuntime(body.string('runtime')) : current.runtime;
  const handler = checkHandler(body.string('handler') ?? current.handler, runtime);
  const extra = echoed(body, current.extra);
  checkContainer(runtime, extra);
  const code = body.has('code') ? await storeCode(world, body.value('code')) : {};
  const memorySize = checkMemorySize(body.number('memorySize') ?? current.memorySize);
  const requestedCpu = body.number('cpu');
  let cpu = requestedCpu ?? current.cpu;
  // A new memory size without a cpu keeps the old cpu when the ratio still holds, else gets the default one
  // (assumption: the service's own pairing rather than an error for a field the caller did not send).
  if (requestedCpu === undefined) {
    const ratio = memorySize / 1024 / cpu;
    if (ratio < 1 || ratio > 4) cpu = defaultCpu(memorySize);
  }
  const instanceConcurrency = body.number('instanceConcurrency') ?? current.instanceConcurrency;
  const next: FunctionSettings = {
    ...current,
    ...code,
    runtime,
    handler,
    description: checkDescription(body.string('description') ?? current.description),
    timeout: checkTimeout(body.number('timeout') ?? current.timeout),
    memorySize,
    cpu: checkCpu(cpu, memorySize),
    diskSize: checkDiskSize(body.number('diskSize') ?? current.diskSize),
    internetAccess: body.boolean('internetAccess') ?? current.internetAccess,
    environmentVariables: body.has('environmentVariables')
      ? checkEnvironmentVariables(body.record('environmentVariables') ?? {})
      : current.environmentVariables,
    role: checkRole(body.string('role') ?? current.role),
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
