// The environment a function instance runs with: the function's own variables and the ones FC sets for every
// instance (`FC_FUNCTION_NAME`, `FC_REGION`, …), never the emulator's own environment, which may hold the
// caller's credentials. The same for every language's runtime.
import path from 'node:path';
import { uuid } from '../core/ids.js';
import type { FunctionConfig, Placement } from './types.js';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function fcInstanceEnv(
  fn: FunctionConfig,
  where: Placement,
  codeDir: string,
  instancePath: string | undefined,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: instancePath ?? DEFAULT_PATH,
    ...(fn.environmentVariables ?? {}),
    FC_FUNCTION_NAME: fn.name,
    FC_FUNCTION_HANDLER: fn.handler,
    FC_REGION: where.region,
    FC_ACCOUNT_ID: where.accountId,
    FC_INSTANCE_ID: uuid(),
    FC_FUNC_CODE_PATH: codeDir + path.sep,
  };
  if (fn.memorySize !== undefined) env.FC_FUNCTION_MEMORY_SIZE = String(fn.memorySize);
  return env;
}
