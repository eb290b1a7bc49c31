// FC runtime names this emulator can run, and in which language. The SDK lists nodejs8..nodejs20 and python3,
// python3.9, python3.10 (CreateFunctionInput `runtime`); FC has added nodejs22 and python3.12 since (FC 3.0's
// runtime list). The local cloud runs nodejs12..nodejs22 on the Node.js that runs it, and the Python runtimes on
// the machine's Python 3 (python-launcher.ts): the version in the name is not reproduced (assumption, documented
// in docs/emulator.md).
import { RuntimeError } from './runtime-error.js';

export type Language = 'nodejs' | 'python';

const NODE_RUNTIME = /^nodejs(\d+)$/;
const MIN_NODE_MAJOR = 12;
const MAX_NODE_MAJOR = 22;
export const PYTHON_RUNTIMES: readonly string[] = ['python3', 'python3.9', 'python3.10', 'python3.12'];

export function languageOf(runtime: string): Language | undefined {
  const major = Number(NODE_RUNTIME.exec(runtime)?.[1]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR && major <= MAX_NODE_MAJOR && major % 2 === 0) {
    return 'nodejs';
  }
  return PYTHON_RUNTIMES.includes(runtime) ? 'python' : undefined;
}

export function isSupportedRuntime(runtime: string): boolean {
  return languageOf(runtime) !== undefined;
}

export function assertSupportedRuntime(runtime: string): Language {
  const language = languageOf(runtime);
  if (language === undefined) {
    throw new RuntimeError(
      'UnsupportedRuntime',
      `runtime '${runtime}' is not supported by the local cloud (Node.js runtimes nodejs${MIN_NODE_MAJOR}..nodejs${MAX_NODE_MAJOR} and ${PYTHON_RUNTIMES.join(', ')} only)`,
    );
  }
  return language;
}
