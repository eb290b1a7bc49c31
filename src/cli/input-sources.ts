import { readFile } from 'node:fs/promises';
import { usageError } from '../errors.js';
import { INPUTS, flagOf, parseInput, type InputName, type InputValues } from './input-definitions.js';

// Flags beat the environment, the environment beats alb-fc.yaml (README.md, "Commands"). Every bad
// value is reported at once, each naming its flag, env var or config key, before anything is changed.

export type InputSource = 'flag' | 'env' | 'config' | 'prompt' | 'local cloud';

export interface ResolvedInputs {
  values: InputValues;
  sources: Partial<Record<InputName, InputSource>>;
  configFile?: string;
  /** `routes:` of alb-fc.yaml as written (src/cli/route-config.ts parses and checks it). */
  routes?: unknown;
}

/** The key of alb-fc.yaml that holds the routes (not a flag: a list is written in the file). */
export const ROUTES_KEY = 'routes';

export interface RawSources {
  flags: Record<string, unknown>;
  env: Record<string, string | undefined>;
  config?: { file: string; values: Record<string, unknown> };
}

const NAMES = Object.keys(INPUTS) as InputName[];

export function mergeInputs(sources: RawSources): ResolvedInputs {
  const values: Record<string, unknown> = {};
  const origin: Partial<Record<InputName, InputSource>> = {};
  const problems: string[] = [];

  if (sources.config) {
    const known = new Map(NAMES.map((name) => [INPUTS[name].key, name]));
    for (const [key, raw] of Object.entries(sources.config.values)) {
      if (key === ROUTES_KEY) continue;
      const name = known.get(key);
      if (!name) {
        const keys = [...known.keys(), ROUTES_KEY].join(', ');
        problems.push(`${sources.config.file}: unknown key "${key}" (known: ${keys})`);
        continue;
      }
      if (raw === null || raw === undefined) continue;
      take(name, raw, 'config', `${sources.config.file}: ${key}`);
    }
  }
  for (const name of NAMES) {
    const env = (INPUTS[name] as { env?: string }).env;
    const raw = env ? sources.env[env] : undefined;
    if (raw !== undefined && raw !== '') take(name, raw, 'env', env!);
  }
  for (const name of NAMES) {
    const raw = sources.flags[name];
    if (raw !== undefined) take(name, raw, 'flag', flagOf(name));
  }

  if (problems.length > 0) {
    throw usageError(
      'INVALID_VALUE',
      problems.length === 1 ? problems[0]! : `invalid input:\n  - ${problems.join('\n  - ')}`,
      'Fix the value and run the command again; nothing was changed.',
    );
  }
  const routes = sources.config?.values[ROUTES_KEY];
  return {
    values: values as InputValues,
    sources: origin,
    configFile: sources.config?.file,
    ...(routes !== undefined && routes !== null ? { routes } : {}),
  };

  function take(name: InputName, raw: unknown, source: InputSource, where: string): void {
    const parsed = parseInput(name, raw);
    if (parsed.error) {
      problems.push(`${where} ${JSON.stringify(raw)} ${parsed.error}`);
      return;
    }
    values[name] = parsed.value;
    origin[name] = source;
  }
}

/** Reads alb-fc.yaml (or --config FILE); absent default file → undefined, absent explicit file → usage error. */
export async function readConfigFile(
  path: string,
  explicit: boolean,
): Promise<{ file: string; values: Record<string, unknown> } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return undefined;
    throw usageError(
      'CONFIG_UNREADABLE',
      `cannot read the config file ${path}: ${(error as Error).message}`,
      'Check --config / ALB_FC_CONFIG.',
    );
  }
  // yaml is loaded on demand: `alb-fc --help` stays fast.
  const { parse: parseYaml } = await import('yaml');
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw usageError(
      'CONFIG_INVALID',
      `${path} is not valid YAML: ${(error as Error).message}`,
      'Fix the file; nothing was changed.',
    );
  }
  if (parsed === null || parsed === undefined) return { file: path, values: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw usageError('CONFIG_INVALID', `${path} must be a mapping of keys like "domain: api.example.com"`);
  }
  return { file: path, values: parsed as Record<string, unknown> };
}

/** Records a value the run chose (a prompt answer, a local-cloud default), so alb-fc.yaml repeats it. */
export function setInput(
  inputs: ResolvedInputs,
  name: InputName,
  value: unknown,
  source: 'prompt' | 'local cloud',
): void {
  (inputs.values as Record<string, unknown>)[name] = value;
  inputs.sources[name] = source;
}
