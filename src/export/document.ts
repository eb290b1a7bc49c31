// The exported document in the format asked for, with the code packages it refers to.
import { stringify } from 'yaml';
import { codeFileOf, type ExportModel } from './model.js';
import type { ExportedResource } from './resources.js';
import { rosExport } from './ros.js';
import { terraformExport } from './terraform.js';

export const EXPORT_FORMATS = ['terraform', 'ros'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportDocument {
  text: string;
  resources: ExportedResource[];
  /** The ZIP each managed function's resource refers to, relative to the document. */
  codeFiles: Array<{ functionName: string; path: string }>;
}

/** ROS takes templates in JSON or YAML: YAML when the file asked for says so (`.yml`, `.yaml`). */
export function rosWantsYaml(file: string | undefined): boolean {
  return file !== undefined && /\.ya?ml$/i.test(file);
}

export function exportDocument(model: ExportModel, format: ExportFormat, file: string | undefined): ExportDocument {
  const codeFiles = model.functions
    .filter((fn) => fn.managed)
    .map((fn) => ({ functionName: fn.name, path: codeFileOf(fn) }));
  if (format === 'terraform') {
    const { text, resources } = terraformExport(model);
    return { text, resources, codeFiles };
  }
  const { template, resources } = rosExport(model);
  // YAML 1.1, as ROS's examples are read: strings such as `2015-09-01` or `on` are quoted, never dates or booleans.
  const text = rosWantsYaml(file) ? stringify(template, { version: '1.1' }) : `${JSON.stringify(template, null, 2)}\n`;
  return { text, resources, codeFiles };
}
