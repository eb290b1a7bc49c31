import type { Command } from 'commander';
import { commandAction, type CommandContext } from '../command-context.js';
import type { CliEnvironment } from '../environment.js';

// `alb-fc export --format terraform|ros [--out FILE]` (docs/teams.md, "Handing a stack to Terraform or ROS"): the
// deployed stack, from its state (wherever it lives, --state), as a Terraform configuration with import blocks or a
// ROS template, and each created function's deployed code (FC GetFunctionCode) as a ZIP beside it. Read-only: it
// reads the state without its lock and the cloud with Get calls; it changes neither. The export modules are loaded
// inside the action, so that `alb-fc --help` loads none of them.

export function registerExportCommand(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  program
    .command('export')
    .description('the deployed stack as a Terraform configuration (with import blocks) or a ROS template')
    .option('--format <FORMAT>', 'terraform or ros')
    .option('--out <FILE>', 'write the document to FILE (ROS: YAML when it ends in .yml/.yaml) instead of stdout')
    .action(commandAction('export', env, setExit, exportStack));
}

async function exportStack(cmd: CommandContext): Promise<number> {
  const { usageError } = await import('../../errors.js');
  const { EXPORT_FORMATS, exportDocument } = await import('../../export/document.js');
  const format = EXPORT_FORMATS.find((f) => f === cmd.options.format);
  if (!format) {
    const given = cmd.options.format as string | undefined;
    throw usageError(
      'MISSING_VALUE',
      given === undefined ? '--format is required' : `--format must be terraform or ros, not ${given}`,
      'alb-fc export --format terraform (or --format ros) [--out FILE]',
    );
  }
  const out = cmd.options.out as string | undefined;
  const { stackOf } = await import('../stack-input-builder.js');
  const stack = stackOf(cmd.inputs.values);
  const connected = await cmd.connect();
  const { openStateStore } = await import('../state-store.js');
  const store = await openStateStore(cmd, connected);
  const state = (await store.load(stack))?.state;
  const { buildExportModel, hasResources } = await import('../../export/model.js');
  const { readLiveFacts } = await import('../../export/live-reads.js');
  const nothing = usageError(
    'NOTHING_DEPLOYED',
    `stack ${stack} has nothing deployed to export (state: ${store.describe(stack)})`,
    'run alb-fc deploy first, or name the stack (--stack) and where its state lives (--state)',
  );
  if (!state) throw nothing;
  if (state.region !== connected.region) {
    throw usageError(
      'REGION_MISMATCH',
      `stack ${stack} is in ${state.region}, not in ${connected.region}`,
      `add --region ${state.region}`,
    );
  }
  const { NOT_FOUND_BODY } = await import('../../steps/add-rule.js');
  const draft = buildExportModel(state, {}, { notFoundBody: NOT_FOUND_BODY });
  if (!hasResources(draft)) throw nothing;
  const live = await readLiveFacts(connected.cloud, draft);
  const model = buildExportModel(state, live.facts, { notFoundBody: NOT_FOUND_BODY });
  const document = exportDocument(model, format, out);
  const files = await writeExport(cmd, out, document.text, document.codeFiles, live.code);

  const ui = await import('../../ui/index.js');
  cmd.renderer.output(
    ui.exportOutput(
      {
        schemaVersion: 1,
        command: 'export',
        status: 'succeeded',
        stack,
        region: state.region,
        format,
        file: out ?? null,
        files,
        resources: document.resources,
        ...(out === undefined && cmd.flags.json ? { content: document.text } : {}),
      },
      out === undefined && !cmd.flags.json ? document.text : undefined,
    ),
  );
  return 0;
}

/** Writes the document (with --out) and the ZIPs beside it; returns the paths written, as given or relative. */
async function writeExport(
  cmd: CommandContext,
  out: string | undefined,
  text: string,
  codeFiles: Array<{ functionName: string; path: string }>,
  code: Map<string, Buffer>,
): Promise<string[]> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { dirname, join, relative, resolve } = await import('node:path');
  const base = out === undefined ? cmd.env.cwd : dirname(resolve(cmd.env.cwd, out));
  const written: string[] = [];
  for (const file of codeFiles) {
    const zip = code.get(file.functionName);
    if (!zip) continue;
    const target = join(base, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, zip);
    written.push(relative(cmd.env.cwd, target));
  }
  if (out !== undefined) {
    const target = resolve(cmd.env.cwd, out);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    written.unshift(out);
  }
  return written;
}
