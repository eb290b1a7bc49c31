import { allCommands, globalOptions, valueOptions, type CommandSpec, type OptionSpec } from './spec.js';

// The zsh script: the same walk as the bash one (bash.ts), in zsh, offering each candidate with its description
// (`_describe`). Load it with `source <(alb-fc completion zsh)` after `compinit`, or save it as `_alb-fc` in a
// directory of `$fpath`.

/** Single-quoted for zsh. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `name:description` entries for `_describe` (a colon in the name is escaped). */
function entry(name: string, description: string): string {
  return quote(`${name.replace(/:/g, '\\:')}:${description.replace(/\s+/g, ' ').trim()}`);
}

function optionEntries(options: readonly OptionSpec[]): string[] {
  return options.map((o) => entry(o.long, o.description));
}

export function zshScript(spec: CommandSpec): string {
  const valued = valueOptions(spec);
  const takesValue = valued.flatMap((o) => (o.short ? [o.long, o.short] : [o.long])).join(' ');
  const names = (option: OptionSpec): string => [option.long, ...(option.short ? [option.short] : [])].join('|');
  const valueCases = valued
    .filter((option) => option.values === 'files' || (option.values?.length ?? 0) > 0)
    .map((option) =>
      option.values === 'files'
        ? `    (${names(option)}) _files; return ;;`
        : `    (${names(option)}) compadd -- ${(option.values as readonly string[]).map(quote).join(' ')}; return ;;`,
    );
  // Any other value (an id, a name, a number): nothing to suggest, and not a subcommand either.
  valueCases.push("    (*) _message 'value'; return ;;");
  const pathCases = allCommands(spec).map((command) => {
    const items = [
      ...command.commands.map((sub) => entry(sub.path[sub.path.length - 1]!, sub.description)),
      ...(command.argument ?? []).map((value) => entry(value, value)),
      ...optionEntries(command.options),
    ];
    return `    (${quote(command.path.join(' '))}) items=(${items.join(' ')}) ;;`;
  });
  return `#compdef alb-fc
# alb-fc completion for zsh. Load it with: source <(alb-fc completion zsh)   (after compinit)
_alb_fc() {
  local takes_value=${quote(` ${takesValue} `)}
  local -a path_words items
  local i=2 word prev="\${words[CURRENT-1]}"
  while (( i < CURRENT )); do
    word="\${words[i]}"
    if [[ "$takes_value" == *" $word "* ]]; then (( i += 2 )); continue; fi
    [[ "$word" == -* ]] || path_words+=("$word")
    (( i++ ))
  done
  if [[ "$takes_value" == *" $prev "* ]]; then
    case "$prev" in
${valueCases.join('\n')}
    esac
  fi
  case "\${(j: :)path_words}" in
${pathCases.join('\n')}
  esac
  (( \${#path_words} > 0 )) && items+=(${optionEntries(globalOptions(spec)).join(' ')})
  _describe -t alb-fc 'alb-fc' items
}
if [[ "\${funcstack[1]}" == "_alb_fc" ]]; then
  _alb_fc "$@"
else
  compdef _alb_fc alb-fc
fi
`;
}
