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
        const identity = await connected.cloud.identity.whoami();
        const credential = await connected.describeCredential();
        const account = maskAccount(identity.accountId);
        const document = {
          schemaVersion: 1,
          command: 'whoami',
          status: 'succeeded',
          account,
          identityType: identity.identityType,
          region: connected.region,
          profile: connected.profile ?? null,
          credentialSource: credential.source,
          accessKeyId: credential.accessKeyId,
          endpoint: connected.endpoint ?? null,
          localCloud: connected.local !== undefined,
        };
        if (cmd.flags.json) env.stdout.write(JSON.stringify(document) + '\n');
        else {
          env.stdout.write(
            [
              `account     ${account} (${identity.identityType})`,
              `region      ${connected.region}`,
              `profile     ${connected.profile ?? '-'}`,
              `credentials ${credential.source}, AccessKey ${credential.accessKeyId}`,
              connected.endpoint ? `endpoint    ${connected.endpoint}${connected.local ? ' (local cloud)' : ''}` : '',
            ]
              .filter(Boolean)
              .join('\n') + '\n',
          );
        }
        return 0;
      }),
    );
}

export function maskAccount(accountId: string): string {
  return accountId.length > 8 ? `${accountId.slice(0, 4)}****${accountId.slice(-4)}` : '****';
}
