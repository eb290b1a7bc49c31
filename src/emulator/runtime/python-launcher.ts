// How a Python instance starts: the interpreter found on this machine, the bootstrap (python-bootstrap-source.ts)
// written once into the work dir, the handler's `<file>.py` found in the code, and a child spawned with only the
// function's own environment and FC's reserved variables (instance-env.ts).
//
// The interpreter: the one the runtime names when it is installed (`python3.10` for runtime python3.10), else any
// `python3` — as Node.js runtimes run on the local Node.js, the version in the name is not reproduced (an
// assumption of the local cloud, docs/emulator.md). Without Python 3 the function answers a clear error.
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { writeBootstrap } from './bootstrap-file.js';
import type { HandlerSpec } from './handler-spec.js';
import { fcInstanceEnv } from './instance-env.js';
import { Instance } from './instance.js';
import type { Launcher, Prepared } from './launcher.js';
import { PYTHON_BOOTSTRAP_SOURCE } from './python-bootstrap-source.js';
import { RuntimeError } from './runtime-error.js';
import type { FunctionConfig, FunctionErrorBody, Placement } from './types.js';

export interface PythonLauncherOptions {
  workDir: string;
  /** `PATH` inside instances. */
  instancePath?: string;
  startTimeoutMs: number;
  /** The interpreter to use for every Python runtime, instead of looking for one. */
  pythonCommand?: string;
}

const PROBE_TIMEOUT_MS = 10_000;

/** The interpreter names tried for a runtime, best first. */
export function pythonCandidates(runtime: string): string[] {
  return /^python3\.\d+$/.test(runtime) ? [runtime, 'python3'] : ['python3'];
}

/** The real executable behind `command` when it is a working Python 3 (version managers' shims resolve here). */
function probe(command: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['-c', 'import sys; sys.stdout.write(sys.executable if sys.version_info[0] == 3 else "")'],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true },
      (error, stdout) => resolve(error || stdout.trim() === '' ? undefined : stdout.trim()),
    );
  });
}

/** The Python 3 this machine offers for `runtime`, or undefined. Cached: looking costs a process per name. */
const found = new Map<string, Promise<string | undefined>>();
export function findPython(runtime: string, override?: string): Promise<string | undefined> {
  const candidates = override ? [override] : pythonCandidates(runtime);
  const key = candidates.join(' ');
  let lookup = found.get(key);
  if (lookup === undefined) {
    lookup = (async () => {
      for (const candidate of candidates) {
        const executable = await probe(candidate);
        if (executable !== undefined) return executable;
      }
      return undefined;
    })();
    found.set(key, lookup);
  }
  return lookup;
}

interface PythonPrepared extends Prepared {
  interpreter: string;
}

export class PythonLauncher implements Launcher {
  private bootstrap: Promise<string> | undefined;

  constructor(private readonly options: PythonLauncherOptions) {}

  async prepare(fn: FunctionConfig, codeDir: string, spec: HandlerSpec): Promise<Prepared> {
    const interpreter = await findPython(fn.runtime, this.options.pythonCommand);
    if (interpreter === undefined) {
      const tried = this.options.pythonCommand ? [this.options.pythonCommand] : pythonCandidates(fn.runtime);
      throw new RuntimeError(
        'RuntimeUnavailable',
        `runtime '${fn.runtime}' needs Python 3 on the machine running the local cloud, and none was found ` +
          `(tried ${tried.join(', ')}): install Python 3 to run this function locally`,
      );
    }
    this.bootstrap ??= writeBootstrap(this.options.workDir, PYTHON_BOOTSTRAP_SOURCE, '.py');
    const candidate = path.join(codeDir, ...spec.modulePath.split('/')) + '.py';
    const [bootstrapFile, handlerFile] = await Promise.all([
      this.bootstrap,
      access(candidate).then(
        () => candidate,
        () => undefined,
      ),
    ]);
    const prepared: PythonPrepared = { bootstrapFile, handlerFile, spec, interpreter };
    return prepared;
  }

  /** FC's Python runtime cannot import the handler's module (the error type is an assumption). */
  missingModule(prepared: Prepared): FunctionErrorBody {
    return {
      errorMessage: `Unable to import module '${prepared.spec.modulePath}': no ${prepared.spec.modulePath}.py in the code`,
      errorType: 'ImportModuleError',
    };
  }

  start(fn: FunctionConfig, where: Placement, codeDir: string, prepared: Prepared | undefined): Instance {
    if (prepared?.handlerFile === undefined) throw new Error('instance started before its code was prepared');
    const { interpreter } = prepared as PythonPrepared;
    return new Instance({
      // -u: unbuffered, so output reaches the log as it is written; -B: no __pycache__ in the code directory.
      command: interpreter,
      args: ['-u', '-B', prepared.bootstrapFile],
      serialization: 'json',
      codeDir,
      handlerFile: prepared.handlerFile,
      exportName: prepared.spec.exportName,
      env: fcInstanceEnv(fn, where, codeDir, this.options.instancePath),
      fn: { name: fn.name, handler: fn.handler, memory: fn.memorySize ?? 0, timeout: fn.timeoutSeconds },
      startTimeoutMs: this.options.startTimeoutMs,
    });
  }
}
