import { FC_NAME } from '../../core/function-arn.js';
import { fcErrors } from './errors.js';

// What CreateFunction/UpdateFunction accept, from the FC 3.0 SDK's own documentation of CreateFunctionInput
// (`@alicloud/fc20230330` CreateFunctionInput). The metadata
// (fc-2023-03-30.json) only knows types and a 128-char name limit; these are the documented rules on top.

/**
 * `runtime` values the SDK documents, plus `nodejs22` and `python3.12` (assumption: FC 3.0 added them after SDK
 * 4.7.6; FC 3.0's runtime list names both).
 */
export const RUNTIMES = [
  'nodejs8',
  'nodejs10',
  'nodejs12',
  'nodejs14',
  'nodejs16',
  'nodejs18',
  'nodejs20',
  'nodejs22',
  'go1',
  'python3',
  'python3.9',
  'python3.10',
  'python3.12',
  'java8',
  'java11',
  'php7.2',
  'dotnetcore3.1',
  'custom',
  'custom.debian10',
  'custom-container',
] as const;

/** "1 to 64 characters, letters, digits, `_` and `-`, cannot begin with a digit or a hyphen" (CreateFunctionInput). */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/**
 * Trigger names: the same alphabet, 1 to 128 characters (CreateTriggerInput.d.ts); alias names: 1 to 128
 * characters (metadata CreateAliasInput), alphabet as for triggers (assumption).
 */
export const TRIGGER_NAME = FC_NAME;
export const ALIAS_NAME = FC_NAME;

/** Defaults the service fills in (CreateFunctionInput): timeout 3 and internetAccess true are documented. */
export const DEFAULTS = {
  timeout: 3,
  // Not documented for FC 3.0; devsapp/fc3 sends 512 when unset and the SDK example is 512.
  // FC 2.0 documented 128. Assumption: 512.
  memorySize: 512,
  // Smallest of the two documented values (512 | 10240). Assumption.
  diskSize: 512,
  internetAccess: true,
  description: '',
} as const;

export function checkFunctionName(name: unknown): string {
  if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
    throw fcErrors.invalidArgument(
      `invalid function name '${String(name)}': it must be 1 to 64 characters of letters, digits, underscores and ` +
        'hyphens, and cannot begin with a digit or a hyphen',
    );
  }
  return name;
}

export function checkRuntime(runtime: unknown): string {
  if (typeof runtime !== 'string' || !(RUNTIMES as readonly string[]).includes(runtime)) {
    throw fcErrors.invalidArgument(
      `runtime '${String(runtime)}' is not supported; valid values: ${RUNTIMES.join(', ')}`,
    );
  }
  return runtime;
}

/**
 * The handler's format "is related to the runtime" (CreateFunctionInput): `file.export` for Node.js, Python and PHP
 * (FC's "Request handlers" pages), `package.Class::method` for Java, `Assembly::Namespace.Class::Method` for .NET; Go
 * and custom runtimes take any non-empty string (assumption where the SDK gives no format).
 */
export function checkHandler(handler: unknown, runtime: string): string {
  if (typeof handler !== 'string' || handler.trim() === '' || handler.length > 128) {
    throw fcErrors.invalidArgument('handler is required and must be 1 to 128 characters');
  }
  let valid = true;
  if (/^(nodejs|python|php)/.test(runtime)) {
    const dot = handler.lastIndexOf('.');
    const file = handler.slice(0, dot);
    valid =
      dot > 0 &&
      /^[A-Za-z_$][\w$]*$/.test(handler.slice(dot + 1)) &&
      !file.startsWith('/') &&
      file.split('/').every((segment) => segment !== '' && segment !== '..');
  } else if (runtime.startsWith('java')) {
    valid = /^[\w$.]+::[\w$]+$/.test(handler);
  } else if (runtime.startsWith('dotnetcore')) {
    valid = /^[\w.]+::[\w.]+::[\w]+$/.test(handler);
  }
  if (!valid) {
    throw fcErrors.invalidArgument(`handler '${handler}' is not in the format the runtime ${runtime} expects`);
  }
  return handler;
}

/** "1 to 86400" seconds (CreateFunctionInput). */
export function checkTimeout(timeout: number): number {
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 86400) {
    throw fcErrors.invalidArgument(`timeout ${timeout} is out of range: it must be an integer from 1 to 86400 seconds`);
  }
  return timeout;
}

/** "multiple of 64, minimum 128 MB, maximum 32 GB" (CreateFunctionInput). */
export function checkMemorySize(memorySize: number): number {
  if (!Number.isInteger(memorySize) || memorySize % 64 !== 0 || memorySize < 128 || memorySize > 32768) {
    throw fcErrors.invalidArgument(
      `memorySize ${memorySize} is invalid: it must be a multiple of 64 MB from 128 MB to 32768 MB`,
    );
  }
  return memorySize;
}

/** "Valid values: 512 and 10240" (CreateFunctionInput). */
export function checkDiskSize(diskSize: number): number {
  if (diskSize !== 512 && diskSize !== 10240) {
    throw fcErrors.invalidArgument(`diskSize ${diskSize} is invalid: valid values are 512 and 10240`);
  }
  return diskSize;
}

/** "multiple of 0.05, from 0.05 to 16", and cpu : memory(GB) from 1:1 to 1:4 (CreateFunctionInput). */
export function checkCpu(cpu: number, memorySize: number): number {
  const steps = cpu / 0.05;
  if (cpu < 0.05 || cpu > 16 || Math.abs(steps - Math.round(steps)) > 1e-9) {
    throw fcErrors.invalidArgument(`cpu ${cpu} is invalid: it must be a multiple of 0.05 vCPU from 0.05 to 16`);
  }
  const ratio = memorySize / 1024 / cpu;
  if (ratio < 1 - 1e-9 || ratio > 4 + 1e-9) {
    throw fcErrors.invalidArgument(
      `the ratio of cpu (${cpu} vCPU) to memorySize (${memorySize} MB) must be from 1:1 to 1:4 (vCPU : GB)`,
    );
  }
  return cpu;
}

/**
 * cpu when the caller gives none: 0.7 vCPU per GB rounded to 0.05, so 512 MB gets 0.35 vCPU (the FC 3.0
 * console's default pairing; assumption) and every memory size stays within the 1:1..1:4 ratio.
 */
export function defaultCpu(memorySize: number): number {
  const cpu = Math.round(((memorySize / 1024) * 0.7) / 0.05) * 0.05;
  return Math.min(16, Math.max(0.05, Number(cpu.toFixed(2))));
}

/**
 * FC 3.0 built-in runtimes no longer support instance concurrency; custom runtimes do (FC 3.0's feature-update
 * notes, "Feature updates in Function Compute 3.0"). Range 1..200 for custom runtimes is an assumption.
 */
export function checkInstanceConcurrency(value: number, runtime: string): number {
  const custom = runtime.startsWith('custom');
  if (!Number.isInteger(value) || value < 1 || value > (custom ? 200 : 1)) {
    throw fcErrors.invalidArgument(
      custom
        ? `instanceConcurrency ${value} is invalid: it must be an integer from 1 to 200`
        : `instanceConcurrency ${value} is not supported by runtime ${runtime}: only custom runtimes run several requests per instance`,
    );
  }
  return value;
}

/** `acs:ram::{account}:role/{name}` (CreateFunctionInput). */
export function checkRole(role: string): string {
  if (role !== '' && !/^acs:ram::\d+:role\/[\w.@-]+$/i.test(role)) {
    throw fcErrors.invalidArgument(`role '${role}' is not a RAM role ARN (acs:ram::<account-id>:role/<name>)`);
  }
  return role;
}

/** Description length: 256 characters (assumption; the SDK states no limit). */
export function checkDescription(description: string): string {
  if (description.length > 256) throw fcErrors.invalidArgument('description must be at most 256 characters');
  return description;
}

/** Variable names as shells accept them (assumption); values are strings (metadata). */
export function checkEnvironmentVariables(vars: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw fcErrors.invalidArgument(`environment variable name '${key}' is invalid`);
    }
    if (typeof value !== 'string') throw fcErrors.invalidArgument(`environment variable '${key}' must be a string`);
    out[key] = value;
  }
  return out;
}
