import { Option, type Command } from 'commander';
import { INPUTS, type InputName } from './input-definitions.js';

/** The flow inputs (README.md, "Commands"), accepted by every command that builds a StackInput. */
export const FLOW_INPUTS: InputName[] = [
  'functionName',
  'runtime',
  'handler',
  'code',
  'memory',
  'cpu',
  'instanceConcurrency',
  'reservedConcurrency',
  'provisionedInstances',
  'timeout',
  'functionArn',
  'serverGroupName',
  'healthCheck',
  'albId',
  'listenerPort',
  'listenerProtocol',
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

/** A commander option for one input of the table, e.g. `--listener-port <PORT>`. */
export function inputOption(name: InputName): Option {
  const definition = INPUTS[name];
  const flag = `--${definition.key}`;
  const env = (definition as { env?: string }).env;
  const description = env ? `${definition.description} (env ${env})` : definition.description;
  if (definition.kind === 'boolean') return new Option(flag, description);
  return new Option(`${flag} <${(definition as { valueName?: string }).valueName ?? 'VALUE'}>`, description);
}
