// The runtime's time limits: how long one invocation may run (the function's `timeout`, FC's default when it has
// none), and how long closing the runtime may wait for its instances to exit.
import type { FunctionConfig } from './types.js';

/** FC's default function timeout (`@alicloud/fc20230330` CreateFunctionInput `timeout`: default 3). */
const DEFAULT_TIMEOUT_SECONDS = 3;

export const CLOSE_DEADLINE_MS = 5_000;

export function invocationTimeoutSeconds(fn: FunctionConfig): number {
  return fn.timeoutSeconds > 0 ? fn.timeoutSeconds : DEFAULT_TIMEOUT_SECONDS;
}

/** Waits for `work`, but no longer than `ms`. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([work.then(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
