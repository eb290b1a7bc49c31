import { join, resolve } from 'node:path';
import { SINGLE_ROUTE } from '../routes/route-input.js';
import {
  DEFAULT_WAIT_TIMEOUT_MS,
  type CodeSource,
  type ExistingFunctionInput,
  type NewFunctionInput,
  type RouteInput,
  type StackInput,
} from '../stack-input.js';
import { preflightError, usageError } from '../errors.js';
import { HTTP_ONLY } from '../steps/listener-decision.js';
import { capacityProblems, type CapacityField } from '../steps/capacity-rules.js';
import type { Prompter } from '../ui/index.js';
import type { Connected } from './connect.js';
import { INPUTS, parseInput, type InputName, type InputValues } from './input-definitions.js';
import { setInput, type ResolvedInputs } from './input-sources.js';
import { capacityOf, codeSource, newFunctionInput, parseRoutes, type RouteDefaults } from './route-config.js';
import { askForRoutes } from './route-wizard.js';
import { chooseLoadBalancer, domainCandidates } from './candidates.js';

// From merged inputs to the StackInput the engine runs. Values nobody gave take their defaults — from the
// local cloud of `--local` (its ALB, a host in its zone), so `init --local --yes` needs no input.
// The ALB and the domain have no default elsewhere: they are asked for (TTY) or named in the error with the
// candidates found (non-interactive; src/cli/candidates.ts).

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
  /** Said before the run: what is allowed but probably not meant (e.g. routes without a default). */
  warn?: (message: string) => void;
  /** Ask for every flow value not given (the `init` wizard without --yes), not only those without default. */
  askAll: boolean;
  /** `--local`: the local cloud's single ALB and zone are defaults (src/cli/candidates.ts). */
  localDefaults?: boolean;
}

export async function buildStackInput(
  inputs: ResolvedInputs,
  connected: Connected,
  cwd: string,
  completion: Completion,
): Promise<StackInput> {
  const v = inputs.values;
  const stack = stackOf(v);
  refuseNonHttpListener(v.listenerProtocol);
  const candidates = { connected, ...completion, localDefaults: completion.localDefaults ?? false };
  /** A value: given, its default (asked anyway by the wizard), else asked starting from `extra.suggestion`. */
  const ask = async (
    name: InputName,
    message: string,
    fallback: string | undefined,
    extra: { suggestion?: string; hint?: string } = {},
  ): Promise<string | undefined> => {
    const given = v[name];
    if (given !== undefined) return String(given);
    if (fallback !== undefined && !completion.askAll) return fallback;
    const preset = fallback ?? extra.suggestion;
    const answer = await completion.prompter.text({
      message,
      flag: `--${INPUTS[name].key}`,
      env: (INPUTS[name] as { env?: string }).env,
      default: preset,
      ...(extra.hint === undefined ? {} : { hint: extra.hint }),
      validate: (text) =>
        text === '' && preset === undefined ? 'a value is required' : (parseInput(name, text).error ?? true),
    });
    const parsed = parseInput(name, answer === '' ? preset : answer);
    setInput(inputs, name, parsed.value, 'prompt');
    return parsed.value === undefined ? undefined : String(parsed.value);
  };

  let routes: RouteInput[] | undefined;
  if (inputs.routes === undefined) {
    const single = await singleFunctionRoute(inputs, stack, cwd, completion, ask);
    // The wizard (init in a terminal, no alb-fc.yaml yet) offers routes once the first function is known.
    const offered = completion.askAll && !inputs.configFile;
    if (!offered || !(await askForRoutes(completion.prompter, inputs, stack))) routes = [single];
  }
  if (routes === undefined) {
    const parsed = parseRoutes(inputs.routes, inputs.configFile ?? join(cwd, 'alb-fc.yaml'), routeDefaults(v, stack), {
      given: (name) => inputs.sources[name] !== undefined,
    });
    for (const message of parsed.warnings) completion.warn?.(message);
    routes = parsed.routes;
  }

  let loadBalancerId = v.albId;
  if (loadBalancerId === undefined) {
    const chosen = await chooseLoadBalancer(candidates);
    loadBalancerId = chosen.id;
    setInput(inputs, 'albId', chosen.id, chosen.source);
  }
  const port = Number(await ask('listenerPort', 'Listener port (HTTP)', String(DEFAULTS.listenerPort)));
  let dns: StackInput['dns'];
  if (!v.skipDns) {
    const found = v.domain === undefined ? await domainCandidates(candidates) : {};
    const domain = (await ask('domain', 'Custom domain (its DNS zone must be in the account)', found.fallback, {
      ...(found.suggestion === undefined ? {} : { suggestion: found.suggestion }),
      ...(found.zones === undefined ? {} : { hint: zonesHint(found.zones) }),
      ...(found.unlisted === undefined
        ? {}
        : { hint: `The account's DNS zones could not be listed: ${found.unlisted}` }),
    }))!;
    if (inputs.sources.domain === undefined) setInput(inputs, 'domain', domain, 'local cloud');
    dns = { domain, ttl: v.ttl ?? DEFAULTS.ttl, force: v.forceDns ?? false };
  }

  return {
    stack,
    region: connected.region,
    routes,
    loadBalancerId,
    listener: { port, protocol: 'HTTP' },
    dns,
    waitTimeoutMs: v.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_MS,
    dnsTimeoutMs: v.dnsTimeout ?? DEFAULTS.dnsTimeoutMs,
  };
}

/** The single function of the flags: the route named `default`, its name and code asked for by the wizard. */
async function singleFunctionRoute(
  inputs: ResolvedInputs,
  stack: string,
  cwd: string,
  completion: Completion,
  ask: (name: InputName, message: string, fallback: string | undefined) => Promise<string | undefined>,
): Promise<RouteInput> {
  const v = inputs.values;
  let fn: NewFunctionInput | ExistingFunctionInput;
  if (v.functionArn) {
    refuseCapacityOfExisting(inputs);
    fn = { mode: 'existing', arn: v.functionArn };
  } else {
    const name = (await ask('functionName', 'Function name', `alb-fc-${stack}`))!;
    // With an alb-fc.yaml that names no code, the sample was chosen before: do not ask again.
    const code =
      v.code ?? (completion.askAll && !inputs.configFile ? await askCode(completion.prompter, inputs) : undefined);
    const source: CodeSource = code === undefined ? { kind: 'sample' } : codeSource(resolve(cwd, code));
    fn = newFunctionInput(v, routeDefaults(v, stack), name, source);
    checkCapacity(fn, inputs);
  }
  const serverGroup = { name: v.serverGroupName ?? `alb-fc-${stack}`, healthCheck: v.healthCheck ?? false };
  return { name: SINGLE_ROUTE, backend: { function: fn, serverGroup } };
}

function routeDefaults(v: InputValues, stack: string): RouteDefaults {
  return {
    stack,
    runtime: v.runtime ?? DEFAULTS.runtime,
    handler: v.handler ?? DEFAULTS.handler,
    memory: v.memory ?? DEFAULTS.memory,
    timeout: v.timeout ?? DEFAULTS.timeout,
    healthCheck: v.healthCheck ?? false,
    capacity: capacityOf(v),
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

/**
 * alb-fc creates HTTP listeners only: ALB forwards to Function Compute through HTTP listeners alone (FC "ALB
 * triggers", limits: the listener and the server group support only HTTP). Refused before anything is asked or
 * changed (exit 4).
 */
function refuseNonHttpListener(protocol: string | undefined): void {
  if (protocol === undefined || protocol.toUpperCase() === 'HTTP') return;
  throw preflightError(
    'LISTENER_PROTOCOL_UNSUPPORTED',
    `--listener-protocol ${protocol.toUpperCase()}: ${HTTP_ONLY}`,
    'Leave --listener-protocol at HTTP (the default). For HTTPS in front of the function, bind a custom domain ' +
      'with a certificate in Function Compute itself.',
  );
}

/** The non-interactive `--domain` error names the zones a domain could be in. */
function zonesHint(zones: string[]): string {
  if (zones.length === 0) return 'The account has no DNS zone in Alibaba Cloud DNS: add one, or pass --skip-dns.';
  return `DNS zones in the account: ${zones.join(', ')} (e.g. --domain api.${zones[0]}), or pass --skip-dns.`;
}
