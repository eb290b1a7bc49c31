import { allCommands, globalOptions, valueOptions, type CommandSpec, type OptionSpec } from './spec.js';

// The bash script: `_alb_fc` walks the words typed so far to the subcommand they name (skipping the values of options
// that take one), then offers that command's subcommands and options, the global ones too, or the values of the
// option just typed. Loaded with `source <(alb-fc completion bash)`.

function words(options: readonly OptionSpec[]): string[] {
  return options.flatMap((o) => (o.short ? [o.long, o.short] : [o.long]));
}

/** Single-quoted for the shell. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function bashScript(spec: CommandSpec): string {
  const valued = valueOptions(spec);
  const takesValue = words(valued).join(' ');
  const names = (option: OptionSpec): string => [option.long, ...(option.short ? [option.short] : [])].join('|');
  const valueCases = valued
    .filter((option) => option.values === 'files' || (option.values?.length ?? 0) > 0)
    .map((option) =>
      option.values === 'files'
        ? `    ${names(option)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`
        : `    ${names(option)}) COMPREPLY=($(compgen -W ${quote((option.values as readonly string[]).join(' '))} -- "$cur")); return ;;`,
    );
  // Any other value (an id, a name, a number): nothing to suggest, and not a subcommand either.
  valueCases.push('    *) COMPREPLY=(); return ;;');
  const pathCases = allCommands(spec).map((command) => {
    const offered = [
      ...command.commands.map((sub) => sub.path[sub.path.length - 1]!),
      ...(command.argument ?? []),
      ...words(command.options),
    ];
    return `    ${quote(command.path.join(' '))}) offered=${quote(offered.join(' '))} ;;`;
  });
  return `# alb-fc completion for bash. Load it with: source <(alb-fc completion bash)
_alb_fc() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local takes_value=${quote(` ${takesValue} `)}
  local path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$takes_value" == *" $word "* ]]; then ((i++)); continue; fi
    [[ "$word" == -* ]] && continue
    path="\${path:+$path }$word"
  done
  if [[ "$takes_value" == *" $prev "* ]]; then
    case "$prev" in
${valueCases.join('\n')}
    esac
  fi
  local offered=""
  case "$path" in
${pathCases.join('\n')}
  esac
  [[ -n "$path" ]] && offered="$offered ${words(globalOptions(spec)).join(' ')}"
  COMPREPLY=($(compgen -W "$offered" -- "$cur"))
}
complete -F _alb_fc alb-fc
`;
}
