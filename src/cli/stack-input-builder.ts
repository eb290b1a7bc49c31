import { resolve } from 'node:path';
import { usageError } from '../errors.js';
import { DEFAULT_WAIT_TIMEOUT_MS, type CodeSource, type NewFunctionInput, type StackInput } from '../stack-input.js';
import { capacityProblems, type CapacityField } from '../steps/capacity-rules.js';
import type { Prompter } from '../ui/index.js';
import type { Connected } from './connect.js';
import { INPUTS, parseInput, type InputName, type InputValues } from './input-definitions.js';
import { setInput, type ResolvedInputs } from './input-sources.js';

// From merged inputs to the StackInput the engine runs. Values nobody gave take their defaults — from the
// local cloud when there is one (its ALB, a host in its zone), so `init --local --yes` needs no input.
// The ALB and the domain have no default against Alibaba Cloud: they are asked for (TTY) or named in the
// error (non-interactive).

export const DEFAULTS = {
  runtime: 'nodejs20',
  handler: 'index.handler',
  memory: 128,
  timeout: 10,
  listenerPort: 80,
  ttl: 600,
  dnsTimeoutMs: 2 * 60_000,
} as const;

export const defaultStack = 'default';

export function stackOf(values: InputValues): string {
  return values.stack ?? defaultStack;
}

/** Questions for values nobody gave; `ask` decides whether defaulted values are asked too (the wizard). */
export interface Completion {
  prompter: Prompter;
  /** Ask for every flow value not given (the `init` wizard without --yes), not only those without default. */
  askAll: boolean;
}

export async function buildStackInput(
  inputs: ResolvedInputs,
  connected: Connected,
  cwd: string,
  completion: Completion,
): Promise<StackInput> {
  const v = inputs.values;
  const stack = stackOf(v);
  const local = connected.local;
  const ask = async (name: InputName, message: string, fallback: string | undefined): Promise<string | undefined> => {
    const given = v[name];
    if (given !== undefined) return String(given);
    if (fallback !== undefined && !completion.askAll) return fallback;
    const answer = await completion.prompter.text({
      message,
      flag: `--${INPUTS[name].key}`,
      env: (INPUTS[name] as { env?: string }).env,
      default: fallback,
      validate: (text) =>
        text === '' && fallback === undefined ? 'a value is required' : (parseInput(name, text).error ?? true),
    });
    const parsed = parseInput(name, answer === '' ? fallback : answer);
    setInput(inputs, name, parsed.value, 'prompt');
    return parsed.value === undefined ? undefined : String(parsed.value);
  };

  let fn: StackInput['function'];
  if (v.functionArn) {
    refuseCapacityOfExisting(inputs);
    fn = { mode: 'existing', arn: v.functionArn };
  } else {
    const name = (await ask('functionName', 'Function name', `alb-fc-${stack}`))!;
    // With an alb-fc.yaml that names no code, the sample was chosen before: do not ask again.
    const code =
      v.code ?? (completion.askAll && !inputs.configFile ? await askCode(completion.prompter, inputs) : undefined);
    fn = {
      mode: 'create',
      name,
      runtime: v.runtime ?? DEFAULTS.runtime,
      handler: v.handler ?? DEFAULTS.handler,
      code: code === undefined ? { kind: 'sample' } : codeSource(resolve(cwd, code)),
      memorySize: v.memory ?? DEFAULTS.memory,
      timeout: v.timeout ?? DEFAULTS.timeout,
      ...(v.cpu === undefined ? {} : { cpu: v.cpu }),
      ...(v.instanceConcurrency === undefined ? {} : { instanceConcurrency: v.instanceConcurrency }),
      ...(v.reservedConcurrency === undefined ? {} : { reservedConcurrency: v.reservedConcurrency }),
      ...(v.provisionedInstances === undefined ? {} : { provisionedInstances: v.provisionedInstances }),
    };
    checkCapacity(fn, inputs);
  }

  const loadBalancerId = v.albId ?? (await chooseLoadBalancer(connected, completion, inputs));
  if (inputs.sources.albId === undefined) setInput(inputs, 'albId', loadBalancerId, 'local cloud');
  const port = Number(await ask('listenerPort', 'Listener port (HTTP)', String(DEFAULTS.listenerPort)));
  let dns: StackInput['dns'];
  if (!v.skipDns) {
    const zone = local?.domains[0];
    const domain = (await ask(
      'domain',
      'Custom domain (its DNS zone must be in the account)',
      zone ? `hello.${zone}` : undefined,
    ))!;
    if (inputs.sources.domain === undefined) setInput(inputs, 'domain', domain, 'local cloud');
    dns = { domain, ttl: v.ttl ?? DEFAULTS.ttl, force: v.forceDns ?? false };
  }

  return {
    stack,
    region: connected.region,
    function: fn,
    serverGroup: { name: v.serverGroupName ?? `alb-fc-${stack}`, healthCheck: v.healthCheck ?? false },
    loadBalancerId,
    listener: { port, protocol: 'HTTP' },
    dns,
    waitTimeoutMs: v.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_MS,
    dnsTimeoutMs: v.dnsTimeout ?? DEFAULTS.dnsTimeoutMs,
  };
}

/** The input each capacity field comes from, to name it in an error (flag, env variable or config key). */
const CAPACITY_INPUTS: Record<CapacityField, InputName> = {
  memorySize: 'memory',
  cpu: 'cpu',
  instanceConcurrency: 'instanceConcurrency',
  reservedConcurrency: 'reservedConcurrency',
  provisionedInstances: 'provisionedInstances',
};

/**
 * alb-fc never changes a function it was given by --function-arn, so capacity asked for with one would silently
 * not happen: it is refused instead.
 */
function refuseCapacityOfExisting(inputs: ResolvedInputs): void {
  const given = (['cpu', 'instanceConcurrency', 'reservedConcurrency', 'provisionedInstances'] as const).filter(
    (name) => inputs.values[name] !== undefined,
  );
  if (given.length === 0) return;
  throw usageError(
    'INVALID_VALUE',
    `${given.map((name) => `--${INPUTS[name].key}`).join(', ')} cannot be used with --function-arn: alb-fc never changes a function it did not create`,
    'Set the capacity of that function in Function Compute, or let alb-fc create the function (omit --function-arn).',
  );
}

/** Values each fine alone can still clash (cpu against memory, instance concurrency against the runtime). */
function checkCapacity(fn: NewFunctionInput, inputs: ResolvedInputs): void {
  const problems = capacityProblems(fn).map((problem) => {
    const name = CAPACITY_INPUTS[problem.field];
    const source = inputs.sources[name];
    const where =
      source === 'env'
        ? (INPUTS[name] as { env?: string }).env
        : source === 'config'
          ? INPUTS[name].key
          : `--${INPUTS[name].key}`;
    return `${where} ${String(inputs.values[name] ?? fn[problem.field])} ${problem.message}`;
  });
  if (problems.length === 0) return;
  throw usageError(
    'INVALID_VALUE',
    problems.length === 1 ? problems[0]! : `invalid input:\n  - ${problems.join('\n  - ')}`,
    'Fix the value and run the command again; nothing was changed.',
  );
}

function codeSource(path: string): CodeSource {
  return path.toLowerCase().endsWith('.zip') ? { kind: 'zip', path } : { kind: 'dir', path };
}

async function askCode(prompter: Prompter, inputs: ResolvedInputs): Promise<string | undefined> {
  const answer = await prompter.text({
    message: 'Function code: a directory or .zip (empty: the built-in hello-world sample)',
    flag: '--code',
    env: INPUTS.code.env,
    default: '',
    validate: (text) => (text === '' ? true : (parseInput('code', text).error ?? true)),
  });
  if (answer === '') return undefined;
  setInput(inputs, 'code', answer, 'prompt');
  return answer;
}

/** The local cloud's ALB; else a choice among the account's Active ALBs (internet-facing first); else the error. */
async function chooseLoadBalancer(
  connected: Connected,
  completion: Completion,
  inputs: ResolvedInputs,
): Promise<string> {
  const seeded = connected.local?.loadBalancers[0]?.id;
  if (seeded && !completion.askAll) return seeded;
  if (completion.prompter.interactive) {
    const all = await connected.cloud.alb.listLoadBalancers();
    const usable = all
      .filter((lb) => lb.status === 'Active')
      .sort((a, b) => Number(b.addressType === 'Internet') - Number(a.addressType === 'Internet'));
    if (usable.length > 0) {
      const id = await completion.prompter.select({
        message: 'ALB instance',
        flag: '--alb-id',
        env: INPUTS.albId.env,
        choices: usable.map((lb) => ({ value: lb.id, name: `${lb.id} ${lb.name} (${lb.addressType}, ${lb.dnsName})` })),
        default: seeded ?? usable[0]!.id,
      });
      setInput(inputs, 'albId', id, 'prompt');
      return id;
    }
  }
  // Non-interactive, or no Active ALB to choose from: the prompter names the flag and env var in its error.
  const id = await completion.prompter.text({
    message: 'ALB instance id (alb-...)',
    flag: '--alb-id',
    env: INPUTS.albId.env,
    validate: (text) => parseInput('albId', text).error ?? true,
  });
  setInput(inputs, 'albId', id, 'prompt');
  return id;
}
