// How a Node.js instance starts: the bootstrap written once into the work dir (bootstrap-file.ts), the handler's
// module found in the extracted code (handler-spec.ts), and a child `node` spawned with only the function's own
// environment and FC's reserved variables (instance-env.ts). Another language's runtime is another launcher.
import { writeBootstrap } from './bootstrap-file.js';
import { CHILD_BOOTSTRAP_SOURCE } from './child-bootstrap-source.js';
import { MODULE_EXTENSIONS, resolveHandlerFile, type HandlerSpec } from './handler-spec.js';
import { fcInstanceEnv } from './instance-env.js';
import { Instance } from './instance.js';
import type { Launcher, Prepared } from './launcher.js';
import type { FunctionConfig, FunctionErrorBody, Placement } from './types.js';

export interface NodeLauncherOptions {
  workDir: string;
  /** The `node` binary for instances. Default: the one running the emulator. */
  nodePath?: string;
  /** `PATH` inside instances. */
  instancePath?: string;
  /** Deadline for an instance to start and load the module. */
  startTimeoutMs: number;
}

export class NodeLauncher implements Launcher {
  private bootstrap: Promise<string> | undefined;

  constructor(private readonly options: NodeLauncherOptions) {}

  async prepare(_fn: FunctionConfig, codeDir: string, spec: HandlerSpec): Promise<Prepared> {
    this.bootstrap ??= writeBootstrap(this.options.workDir, CHILD_BOOTSTRAP_SOURCE, '.cjs');
    const [bootstrapFile, handlerFile] = await Promise.all([this.bootstrap, resolveHandlerFile(codeDir, spec)]);
    return { bootstrapFile, handlerFile, spec };
  }

  /** The error FC's Node.js runtime answers when the handler's module is not in the code. */
  missingModule(prepared: Prepared): FunctionErrorBody {
    const tried = MODULE_EXTENSIONS.map((extension) => prepared.spec.modulePath + extension).join(', ');
    return {
      errorMessage: `Cannot find module '${prepared.spec.modulePath}' (looked for ${tried})`,
      errorType: 'Error',
    };
  }

  start(fn: FunctionConfig, where: Placement, codeDir: string, prepared: Prepared | undefined): Instance {
    if (prepared?.handlerFile === undefined) throw new Error('instance started before its code was prepared');
    const args: string[] = [];
    // FC `memorySize` bounds the V8 heap of the instance.
    if (fn.memorySize !== undefined && fn.memorySize > 0) {
      args.push(`--max-old-space-size=${Math.max(64, Math.floor(fn.memorySize))}`);
    }
    args.push(prepared.bootstrapFile);
    return new Instance({
      command: this.options.nodePath ?? process.execPath,
      args,
      serialization: 'advanced',
      codeDir,
      handlerFile: prepared.handlerFile,
      exportName: prepared.spec.exportName,
      env: fcInstanceEnv(fn, where, codeDir, this.options.instancePath),
      fn: {
        name: fn.name,
        handler: fn.handler,
        memory: fn.memorySize ?? 0,
        timeout: fn.timeoutSeconds,
      },
      startTimeoutMs: this.options.startTimeoutMs,
    });
  }
}
