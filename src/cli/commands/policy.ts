import type { Command } from 'commander';
import type { PolicyScope } from '../../cloud/ram-policy.js';
import type { StackInput } from '../../stack-input.js';
import { commandAction, type CommandContext } from '../command-context.js';
import type { Connected } from '../connect.js';
import { openStack } from '../engine-deps.js';
import type { CliEnvironment } from '../environment.js';
import { withFlowOptions } from '../flow-options.js';

// `alb-fc policy`: the RAM policy for exactly the calls deploy and destroy of this stack make (docs/teams.md,
// "The policy"), from the table of src/cloud/ram-actions.ts. It reads the stack's inputs like `deploy` and asks
// the cloud two read-only questions, each with a fallback: who the account is (STS GetCallerIdentity), and which
// DNS zone holds the domain (Alidns DescribeDomains).

export function registerPolicy(program: Command, env: CliEnvironment, setExit: (code: number) => void): void {
  withFlowOptions(
    program
      .command('policy')
      .description('the least-privilege RAM policy for deploying and destroying this stack (--json: the document)')
      .option('--account-id <ID>', 'the account to scope ARNs to (default: the caller identity of the credentials)'),
  ).action(
    commandAction('policy', env, setExit, async (cmd) => {
      const { connected, input } = await openStack(cmd);
      const notes: string[] = [];
      const scope = await policyScope(cmd, connected, input, notes);
      const { policyRows, ramPolicy } = await import('../../cloud/ram-policy.js');
      const rows = policyRows(scope);
      const ui = await import('../../ui/index.js');
      cmd.renderer.output(
        ui.policyOutput({
          schemaVersion: 1,
          command: 'policy',
          status: 'succeeded',
          stack: input.stack,
          region: input.region,
          policy: ramPolicy(rows),
          actions: rows,
          notes,
        }),
      );
      return 0;
    }),
  );
}

async function policyScope(
  cmd: CommandContext,
  connected: Connected,
  input: StackInput,
  notes: string[],
): Promise<PolicyScope> {
  const { backendsOf, cnameHosts } = await import('../../steps/deploy-graph.js');
  const { splitDomain } = await import('../../steps/dns-names.js');
  const { fc3FunctionName } = await import('../../steps/function-arn.js');
  const given = cmd.options.accountId;
  let accountId = typeof given === 'string' && /^\d{1,32}$/.test(given) ? given : undefined;
  if (accountId === undefined) {
    try {
      accountId = (await connected.cloud.identity.whoami()).accountId;
    } catch (error) {
      accountId = '*';
      notes.push(`account unknown (${(error as Error).message}): ARNs name every account; pass --account-id ID`);
    }
  }

  const functionNames = input.routes
    .flatMap(backendsOf)
    .map(({ backend }) => fc3FunctionName(backend.function))
    .filter((name): name is string => name !== undefined);

  let zones: string[] | undefined;
  const { hosts } = cnameHosts(input);
  if (hosts.length > 0) {
    try {
      const accountZones = await connected.cloud.dns.listZones();
      zones = [];
      for (const host of hosts) {
        const zone = splitDomain(host.replace(/^\*\./, ''), accountZones)?.zone;
        if (!zone) notes.push(`no DNS zone of the account holds ${host}: DNS actions name every zone`);
        zones.push(zone ?? '*');
      }
      zones = zones.includes('*') ? ['*'] : [...new Set(zones)];
    } catch (error) {
      zones = ['*'];
      notes.push(`DNS zones unknown (${(error as Error).message}): DNS actions name every zone of the account`);
    }
  }

  const { ossLocationOf } = await import('../state-store.js');
  const state = ossLocationOf(cmd);
  return {
    stack: input.stack,
    region: input.region,
    accountId,
    loadBalancerIds: [input.loadBalancerId],
    functionNames: [...new Set(functionNames)],
    zones,
    ...(state ? { state: { bucket: state.bucket, prefix: state.prefix } } : {}),
  };
}
