import { Argument, type Command } from 'commander';
import { SHELLS, type Shell } from '../completion/spec.js';
import type { CliEnvironment } from '../environment.js';

// `alb-fc completion bash|zsh|fish`: the shell's completion script on stdout, built from the command table (so it
// is registered last). It reads no config and talks to no cloud.

export function registerCompletion(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  program
    .command('completion')
    .description('print the shell completion script: commands, flags, and values such as regions and runtimes')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      [
        '',
        'Load it:',
        '  bash  source <(alb-fc completion bash)          (in ~/.bashrc to keep it)',
        '  zsh   source <(alb-fc completion zsh)           (in ~/.zshrc, after compinit)',
        '  fish  alb-fc completion fish | source           (or save it in ~/.config/fish/completions/alb-fc.fish)',
      ].join('\n'),
    )
    .action(async (shell: Shell) => {
      const { completionScript } = await import('../completion/index.js');
      env.stdout.write(completionScript(program, shell));
      setExit(0);
    });
}
