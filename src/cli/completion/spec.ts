import type { Command, Option } from 'commander';

// The command tree as completion scripts need it, read from the commander program itself, so a new command or flag
// completes without touching the scripts. Values are offered where they are cheap to know: regions, runtimes, the
// local cloud's latency profiles, shells; paths where an option takes a file or directory.

/** Region ids with an ALB endpoint (the `endpoints` of ALB's API metadata, `src/emulator/metadata`). */
export const REGIONS = [
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-wulanchabu',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-shenzhen',
  'cn-chengdu',
  'cn-hongkong',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'us-east-1',
  'us-west-1',
  'eu-west-1',
  'eu-central-1',
  'ap-south-1',
  'ap-northeast-2',
  'cn-guangzhou',
  'cn-nanjing',
  'ap-southeast-7',
  'ap-southeast-6',
  'cn-fuzhou',
  'cn-shanghai-finance-1',
  'cn-shenzhen-finance-1',
  'cn-beijing-finance-1',
  'me-central-1',
  'cn-wuhan-lr',
  'cn-hangzhou-finance',
  'cn-heyuan',
] as const;

/** FC 3.0 runtimes (`@alicloud/fc20230330 CreateFunctionInput` runtime, and nodejs22), newest first per language. */
export const RUNTIMES = [
  'nodejs22',
  'nodejs20',
  'nodejs18',
  'nodejs16',
  'nodejs14',
  'nodejs12',
  'python3.10',
  'python3.9',
  'python3',
  'go1',
  'java11',
  'java8',
  'php7.2',
  'dotnetcore3.1',
  'custom.debian10',
  'custom',
  'custom-container',
] as const;

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Values an option takes, by its long flag; `files` completes paths. */
const VALUES: Record<string, readonly string[] | 'files'> = {
  '--region': REGIONS,
  '--runtime': RUNTIMES,
  '--latency': ['none', 'realistic'],
  '--code': 'files',
  '--config': 'files',
  '--data-dir': 'files',
  '--accounts': 'files',
  '--behaviour': 'files',
};

export interface OptionSpec {
  long: string;
  short?: string;
  description: string;
  /** `undefined`: a switch; `[]`: a value nothing can suggest; `'files'`: a path. */
  values?: readonly string[] | 'files';
}

export interface CommandSpec {
  /** The words that lead to it, e.g. `['function', 'invoke']`; `[]` for alb-fc itself. */
  path: string[];
  description: string;
  options: OptionSpec[];
  commands: CommandSpec[];
  /** Values of its first argument (`completion bash|zsh|fish`). */
  argument?: readonly string[];
}

function optionSpec(option: Option): OptionSpec | undefined {
  if (!option.long || option.hidden) return undefined;
  const takesValue = option.required || option.optional;
  const listed = VALUES[option.long];
  return {
    long: option.long,
    ...(option.short ? { short: option.short } : {}),
    description: option.description,
    ...(takesValue ? { values: listed ?? option.argChoices ?? [] } : {}),
  };
}

/** The tree under `command`; options are each command's own (the program's are global: `spec.options`). */
export function completionSpec(command: Command, path: string[] = []): CommandSpec {
  const options = command.options.map(optionSpec).filter((o): o is OptionSpec => o !== undefined);
  if (path.length === 0) options.push({ long: '--help', short: '-h', description: 'show help' });
  const argument = command.registeredArguments[0]?.argChoices;
  return {
    path,
    description: command.description(),
    options,
    commands: command.commands.map((sub) => completionSpec(sub, [...path, sub.name()])),
    ...(argument ? { argument } : {}),
  };
}

/** Every command of the tree, the root first. */
export function allCommands(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.commands.flatMap(allCommands)];
}

/** Every option that takes a value, anywhere in the tree (its argument is not a subcommand). */
export function valueOptions(spec: CommandSpec): OptionSpec[] {
  const seen = new Map<string, OptionSpec>();
  for (const command of allCommands(spec)) {
    for (const option of command.options) if (option.values !== undefined) seen.set(option.long, option);
  }
  return [...seen.values()];
}

/** The program's options a subcommand accepts too (all but `--version`, which only alb-fc itself takes). */
export function globalOptions(spec: CommandSpec): OptionSpec[] {
  return spec.options.filter((option) => option.long !== '--version');
}
