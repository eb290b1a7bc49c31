// The crash points of a run: every API call it makes (named by port method and occurrence, which stays the
// same when concurrent steps interleave differently over real sockets) times the three boundaries.
import type { EngineDeps } from '../../../src/runner/engine.js';
import { BOUNDARIES, type Boundary } from '../../support/interrupt.js';
import { LocalStack } from './local-stack.js';

export interface NamedPoint {
  method: string;
  occurrence: number;
  boundary: Boundary;
  label: string;
}

/** Runs `prepare` then `body` once on a fresh local cloud, uninterrupted, and lists the points of `body`. */
export async function crashPoints(
  body: (stack: LocalStack, deps: EngineDeps) => Promise<unknown>,
  prepare?: (stack: LocalStack) => Promise<void>,
): Promise<NamedPoint[]> {
  const stack = await LocalStack.start();
  try {
    await prepare?.(stack);
    const { sw } = await stack.process((deps) => body(stack, deps));
    return sw.calls.flatMap((call) =>
      BOUNDARIES.map((boundary) => ({
        method: `${call.port}.${call.method}`,
        occurrence: call.occurrence,
        boundary,
        label: `${call.port}.${call.method}#${call.occurrence} ${boundary}`,
      })),
    );
  } finally {
    await stack.close();
  }
}
