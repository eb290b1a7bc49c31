import { join } from 'node:path';
import type { CliEnvironment } from './environment.js';

/** The per-project folder of state files, the local cloud's record, data and log. */
export function baseDirOf(env: Pick<CliEnvironment, 'cwd'>): string {
  return join(env.cwd, '.alb-fc');
}
