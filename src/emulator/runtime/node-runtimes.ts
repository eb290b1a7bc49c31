// FC runtime names this emulator can run. The SDK lists nodejs8..nodejs20 (CreateFunctionInput `runtime`) and FC
// has added newer majors since; the local cloud runs nodejs12..nodejs22. Every one of them runs on the Node.js
// that runs the emulator: the version in the name is not reproduced (assumption, documented in docs/emulator.md).
import { RuntimeError } from './runtime-error.js';

const NODE_RUNTIME = /^nodejs(\d+)$/;
const MIN_MAJOR = 12;
const MAX_MAJOR = 22;

export function isSupportedRuntime(runtime: string): boolean {
  const major = Number(NODE_RUNTIME.exec(runtime)?.[1]);
  return Number.isInteger(major) && major >= MIN_MAJOR && major <= MAX_MAJOR && major % 2 === 0;
}

export function assertSupportedRuntime(runtime: string): void {
  if (!isSupportedRuntime(runtime)) {
    throw new RuntimeError(
      'UnsupportedRuntime',
      `runtime '${runtime}' is not supported by the local cloud (Node.js runtimes nodejs${MIN_MAJOR}..nodejs${MAX_MAJOR} only)`,
    );
  }
}
