// `alb-fc export`: without --out, the document itself (so that `alb-fc export … > main.tf` is the file); with
// --out, what was written and what to do next (docs/teams.md, "Handing a stack to Terraform or ROS").
import type { Style } from './style.js';
import type { CommandOutput } from './types.js';

export interface ExportResult {
  schemaVersion: 1;
  command: 'export';
  status: 'succeeded';
  stack: string;
  region: string;
  format: 'terraform' | 'ros';
  /** The document's file; null when it went to stdout (or, with --json, is in `content`). */
  file: string | null;
  /** Every file written: the document (with --out) and the functions' ZIPs. */
  files: string[];
  resources: Array<{ type: string; name: string; id: string }>;
  /** The document, when it was written to no file (--json without --out). */
  content?: string;
}

export function exportOutput(result: ExportResult, document: string | undefined): CommandOutput {
  return {
    document: { ...result },
    lines: (style) => (document === undefined ? exportLines(result, style) : document.replace(/\n$/, '').split('\n')),
  };
}

function exportLines(result: ExportResult, style: Style): string[] {
  const what = result.format === 'terraform' ? 'Terraform configuration' : 'ROS template';
  const lines = [
    style.bold(`Exported stack ${result.stack} (${result.region}) as a ${what}: ${result.resources.length} resources`),
  ];
  for (const file of result.files) lines.push(`  wrote ${file}`);
  // Terraform addresses are `type.name`; ROS names its resources by logical id, the type beside it.
  const label = (r: ExportResult['resources'][number]) =>
    result.format === 'terraform' ? `${r.type}.${r.name}` : `${r.name} (${r.type})`;
  const width = Math.max(0, ...result.resources.map((r) => label(r).length)) + 2;
  lines.push('');
  for (const r of result.resources) lines.push(`  ${label(r).padEnd(width)}${style.dim(r.id)}`);
  lines.push(
    '',
    result.format === 'terraform'
      ? 'Next: terraform init && terraform plan (the import blocks adopt every resource: the plan creates nothing).'
      : 'Next: upload alb-fc-export/ to OSS, then a ROS resource import with Metadata.alb-fc.ResourcesToImport.',
  );
  return lines;
}
