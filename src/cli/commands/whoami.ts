import type { Command } from 'commander';
import { commandAction } from '../command-context.js';
import type { CliEnvironment } from '../environment.js';

// `alb-fc whoami`: which credentials, account, region and profile a command would use — shown before
// anything is changed, as `wrangler whoami` does for Cloudflare. The account id is masked.

export function registerWhoami(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  program
    .command('whoami')
    .description('resolved credentials source, account (masked), region and profile')
    .action(
      commandAction('whoami', env, setExit, async (cmd) => {
        const connected = await cmd.connect();
        const { identityLines, identityOf } = await import('../identity.js');
        const who = await identityOf({ ...connected, identity: connected.cloud.identity });
        if (cmd.flags.json) {
          const document = { schemaVersion: 1, command: 'whoami', status: 'succeeded', ...who };
          env.stdout.write(JSON.stringify(document) + '\n');
        } else env.stdout.write(identityLines(who).join('\n') + '\n');
        return 0;
      }),
    );
}
