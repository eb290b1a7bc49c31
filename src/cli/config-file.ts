import { writeFile } from 'node:fs/promises';
import { INPUTS, type InputName } from './input-definitions.js';
import type { ResolvedInputs } from './input-sources.js';

// What `init` leaves behind: alb-fc.yaml with the flow's values (so `alb-fc deploy` reproduces the
// wizard, as `sam deploy --guided` leaves samconfig.toml), and the same run as one non-interactive command line
// for CI.

/** Values worth writing: given or chosen (defaults nobody chose have no source and are left out). */
function chosen(inputs: ResolvedInputs): Array<[InputName, unknown]> {
  return (Object.keys(inputs.values) as InputName[])
    .filter((name) => INPUTS[name].flow && inputs.sources[name] !== undefined)
    .map((name) => [name, inputs.values[name]]);
}

export async function writeConfigFile(path: string, inputs: ResolvedInputs): Promise<void> {
  const document: Record<string, unknown> = {};
  for (const [name, value] of chosen(inputs)) document[INPUTS[name].key] = value;
  const { stringify } = await import('yaml');
  const header = '# Written by `alb-fc init`. `alb-fc deploy` reads it; flags and ALB_FC_* env vars override it.\n';
  await writeFile(path, header + stringify(document), { mode: 0o644 });
}

export function equivalentCommandLine(
  inputs: ResolvedInputs,
  context: { local: boolean; endpoint?: string; stack?: string; region?: string },
): string {
  const parts = ['alb-fc', 'deploy'];
  if (context.local) parts.push('--local');
  else if (context.endpoint) parts.push('--endpoint', context.endpoint);
  if (context.region && !context.local) parts.push('--region', context.region);
  if (context.stack && context.stack !== 'default') parts.push('--stack', context.stack);
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

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
