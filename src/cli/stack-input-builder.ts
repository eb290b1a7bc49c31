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
import type { Prompter } from '../ui/index.js';
import type { Connected } from './connect.js';
import { INPUTS, parseInput, type InputName, type InputValues } from './input-definitions.js';
import { setInput, type ResolvedInputs } from './input-sources.js';
import { parseRoutes, type RouteDefaults } from './route-config.js';
import { askForRoutes } from './route-wizard.js';

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
  /** Said before the run: what is allowed but probably not meant (e.g. routes without a default). */
  warn?: (message: string) => void;
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
  if (v.functionArn) fn = { mode: 'existing', arn: v.functionArn };
  else {
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
    };
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
  };
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
