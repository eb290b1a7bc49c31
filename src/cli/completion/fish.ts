import { allCommands, type CommandSpec, type OptionSpec } from './spec.js';

// The fish script: one `complete` line per command and option, each under the condition that the words typed so far
// lead to its command (`__fish_seen_subcommand_from`). Load it with `alb-fc completion fish | source`, or save it as
// ~/.config/fish/completions/alb-fc.fish.

/** Single-quoted for fish (backslash and quote escaped). */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function describe(text: string): string {
  return quote(text.replace(/\s+/g, ' ').trim());
}

/** The condition that the words typed lead to `path` (every word of it seen) and, for a group, no deeper. */
function condition(command: CommandSpec): string {
  if (command.path.length === 0) return '__fish_use_subcommand';
  const seen = command.path.map((word) => `__fish_seen_subcommand_from ${word}`);
  const subs = command.commands.map((sub) => sub.path[sub.path.length - 1]!);
  if (subs.length > 0) seen.push(`not __fish_seen_subcommand_from ${subs.join(' ')}`);
  return seen.join('; and ');
}

function optionLine(option: OptionSpec, when?: string): string {
  const parts = ['complete -c alb-fc'];
  if (when !== undefined) parts.push('-n', quote(when));
  parts.push('-l', option.long.replace(/^--/, ''));
  if (option.short) parts.push('-s', option.short.replace(/^-/, ''));
  if (option.values === 'files') parts.push('-r', '-F');
  else if (option.values !== undefined) {
    parts.push('-x');
    if (option.values.length > 0) parts.push('-a', quote(option.values.join(' ')));
  }
  parts.push('-d', describe(option.description));
  return parts.join(' ');
}

export function fishScript(spec: CommandSpec): string {
  const lines = [
    '# alb-fc completion for fish. Load it with: alb-fc completion fish | source',
    'complete -c alb-fc -f',
  ];
  for (const option of spec.options) lines.push(optionLine(option));
  for (const command of allCommands(spec)) {
    const when = condition(command);
    for (const sub of command.commands) {
      lines.push(
        `complete -c alb-fc -n ${quote(when)} -a ${sub.path[sub.path.length - 1]!} -d ${describe(sub.description)}`,
      );
    }
    for (const value of command.argument ?? []) lines.push(`complete -c alb-fc -n ${quote(when)} -a ${value}`);
    if (command.path.length === 0) continue;
    const leaf = command.path.map((word) => `__fish_seen_subcommand_from ${word}`).join('; and ');
    for (const option of command.options) lines.push(optionLine(option, leaf));
  }
  return lines.join('\n') + '\n';
}
