import { writeFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { INPUTS, type InputName } from './input-definitions.js';
import { ROUTES_KEY, type ResolvedInputs } from './input-sources.js';

// What `init` leaves behind: alb-fc.yaml with the flow's values (so `alb-fc deploy` reproduces the
// wizard, as `sam deploy --guided` leaves samconfig.toml), and the same run as one non-interactive command line
// for CI. Routes have no flags: with routes, the file holds them (as src/cli/route-config.ts reads them) and the
// command line names the file.

/** Values worth writing: given or chosen (defaults nobody chose have no source and are left out). */
function chosen(inputs: ResolvedInputs): Array<[InputName, unknown]> {
  return (Object.keys(inputs.values) as InputName[])
    .filter((name) => INPUTS[name].flow && inputs.sources[name] !== undefined)
    .map((name) => [name, inputs.values[name]]);
}

export async function writeConfigFile(path: string, inputs: ResolvedInputs): Promise<void> {
  const document: Record<string, unknown> = {};
  for (const [name, value] of chosen(inputs)) document[INPUTS[name].key] = value;
  if (inputs.routes !== undefined) document[ROUTES_KEY] = inputs.routes;
  const { stringify } = await import('yaml');
  const header = '# Written by `alb-fc init`. `alb-fc deploy` reads it; flags and ALB_FC_* env vars override it.\n';
  await writeFile(path, header + stringify(document), { mode: 0o644 });
}

export function equivalentCommandLine(
  inputs: ResolvedInputs,
  context: { local: boolean; endpoint?: string; stack?: string; region?: string; configFile?: string; cwd?: string },
): string {
  const parts = ['alb-fc', 'deploy'];
  if (context.local) parts.push('--local');
  else if (context.endpoint) parts.push('--endpoint', context.endpoint);
  if (context.region && !context.local) parts.push('--region', context.region);
  if (context.stack && context.stack !== 'default') parts.push('--stack', context.stack);
  if (inputs.routes !== undefined && context.configFile !== undefined) {
    // The routes are in the file, and so is everything else: one source, nothing for a flag to override.
    parts.push('--config', shellQuote(displayPath(context.configFile, context.cwd)), '--yes');
    return parts.join(' ');
  }
  for (const [name, value] of chosen(inputs)) {
    if (name === 'region') continue;
    const flag = `--${INPUTS[name].key}`;
    if (typeof value === 'boolean') {
      if (value) parts.push(flag);
    } else parts.push(flag, shellQuote(String(value)));
  }
  parts.push('--yes');
  return parts.join(' ');
}

/** `alb-fc.yaml` for the file in the working directory; else the path as given. */
function displayPath(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const path = relative(cwd, file);
  return path.startsWith('..') || isAbsolute(path) ? file : path;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
