// How an instance of one language starts: its code prepared once per pool (the bootstrap written, the handler's
// file found), then one child process per instance. Node.js (node-launcher.ts) and Python (python-launcher.ts).
import type { HandlerSpec } from './handler-spec.js';
import type { Instance } from './instance.js';
import type { FunctionConfig, FunctionErrorBody, Placement } from './types.js';

/** What the code of one pool needs before its instances start. */
export interface Prepared {
  bootstrapFile: string;
  /** undefined: no file for the handler in the code. */
  handlerFile: string | undefined;
  spec: HandlerSpec;
}

export interface Launcher {
  /** Rejects with a RuntimeError when the language itself cannot run here (e.g. no Python installed). */
  prepare(fn: FunctionConfig, codeDir: string, spec: HandlerSpec): Promise<Prepared>;
  /** The error the language's runtime answers when the handler's file is not in the code. */
  missingModule(prepared: Prepared): FunctionErrorBody;
  start(fn: FunctionConfig, where: Placement, codeDir: string, prepared: Prepared | undefined): Instance;
}
