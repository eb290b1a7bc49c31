import { Command, CommanderError } from 'commander';
import type { CliEnvironment } from './cli/environment.js';
import { registerCommands } from './cli/register.js';
import { asAlbFcError, ExitCode } from './errors.js';
import { packageVersion } from './version.js';

// Builds the program and maps every outcome to its exit code (README.md, "Exit codes"). This is the only catch-all:
// anything that is not an AlbFcError is a bug (exit 1, stack trace with --verbose).

export async function main(argv: readonly string[], env: CliEnvironment): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('alb-fc');
  program
    .description('Put a Function Compute 3.0 function behind an ALB listener with a DNS CNAME, safely and resumably.')
    // bin/alb-fc.js answers a lone `--version` itself, with the same line, before loading any of this.
    .version(packageVersion(), '-V, --version', "print alb-fc's version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => env.stdout.write(text),
      writeErr: (text) => env.stderr.write(text),
    })
    .showSuggestionAfterError(true);
  const reporter = registerCommands(program, env, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0; parse errors were already printed.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const failure = asAlbFcError(error);
    reporter.report(failure, error);
    return failure.exitCode;
  }
}
