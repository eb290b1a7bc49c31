// FC handler strings are `file.export` (FC's "Request handlers" page for Node.js,
// https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/request-handlers: `index.handler` runs
// `exports.handler` of index.js or `export const handler` of index.mjs). The file may sit in a folder (`src/app.main`);
// the last dot splits.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { RuntimeError } from './runtime-error.js';

export interface HandlerSpec {
  /** Path of the module without extension, relative to the code root, `/`-separated. */
  modulePath: string;
  exportName: string;
}

const EXPORT_NAME = /^[A-Za-z_$][\w$]*$/;
/** Order in which FC's Node.js runtime is assumed to look for the module (assumption: not documented by FC). */
export const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;

export function parseHandler(handler: string): HandlerSpec {
  const dot = handler.lastIndexOf('.');
  const modulePath = dot > 0 ? handler.slice(0, dot) : '';
  const exportName = dot > 0 ? handler.slice(dot + 1) : '';
  const segments = modulePath.split('/');
  const unsafe =
    modulePath.startsWith('/') || modulePath.includes('\\') || segments.some((s) => s === '' || s === '..');
  if (!EXPORT_NAME.test(exportName) || unsafe) {
    throw new RuntimeError(
      'InvalidHandler',
      `handler '${handler}' is not of the form file.export (for example index.handler)`,
    );
  }
  return { modulePath, exportName };
}

/** The module file for the handler inside `codeDir`, or undefined when none of the extensions exists. */
export async function resolveHandlerFile(codeDir: string, spec: HandlerSpec): Promise<string | undefined> {
  for (const extension of MODULE_EXTENSIONS) {
    const candidate = path.join(codeDir, ...spec.modulePath.split('/')) + extension;
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next extension
    }
  }
  return undefined;
}
