import type { Command } from 'commander';
import type { InputName } from './input-definitions.js';
import { inputOption } from './register.js';

/** The flow inputs of the contract, accepted by every command that builds a StackInput. */
export const FLOW_INPUTS: InputName[] = [
  'functionName',
  'runtime',
  'handler',
  'code',
  'memory',
  'timeout',
  'functionArn',
  'serverGroupName',
  'healthCheck',
  'albId',
  'listenerPort',
  'domain',
  'ttl',
  'forceDns',
  'skipDns',
  'dnsTimeout',
];

export function withFlowOptions(command: Command, names: InputName[] = FLOW_INPUTS): Command {
  for (const name of names) command.addOption(inputOption(name));
  return command;
}
