import type { LoadBalancerInfo } from '../cloud/ports.js';
import type { Prompter } from '../ui/index.js';
import type { Connected } from './connect.js';
import { INPUTS, parseInput } from './input-definitions.js';

// The values the wizard asks for that have no default against a real account — the ALB and the custom domain —
// and the candidates the account holds for them. alb-fc never picks one for the user (issue 8): with a terminal it
// asks, pre-selecting the only candidate; without one it stops with exit 2, naming the flag and env var and listing
// what it found. Only the local cloud of `--local` (alb-fc's own, seeded, never a production account) has defaults:
// its one seeded ALB and a host in its one zone, so `alb-fc init --local --yes` needs no input.

export interface CandidateContext {
  connected: Connected;
  prompter: Prompter;
  /** The wizard asks every value, defaults included (init without --yes). */
  askAll: boolean;
  /** `--local`: the local cloud's single ALB and zone are defaults. */
  localDefaults: boolean;
}

/** `alb-xxx  my-alb (Internet, alb-xxx.cn-hangzhou.alb.aliyuncs.com)`, and the status when not Active. */
function describeLoadBalancer(lb: LoadBalancerInfo): string {
  const facts = [lb.addressType, lb.dnsName, ...(lb.status === 'Active' ? [] : [lb.status])].filter(Boolean);
  return `${lb.id}  ${lb.name || 'unnamed'} (${facts.join(', ')})`;
}

/** The ALB: given, the local cloud's only one with --local, asked (its only Active one pre-selected), or exit 2. */
export async function chooseLoadBalancer(
  ctx: CandidateContext,
): Promise<{ id: string; source: 'prompt' | 'local cloud' }> {
  const { connected, prompter } = ctx;
  const seeded = ctx.localDefaults ? connected.local?.loadBalancers : undefined;
  if (seeded?.length === 1 && !ctx.askAll) return { id: seeded[0]!.id, source: 'local cloud' };
  const question = {
    message: 'ALB instance',
    flag: '--alb-id',
    env: INPUTS.albId.env,
    choicesTitle: `ALB instances in ${connected.region}`,
  };
  if (!prompter.interactive) {
    // The error lists every instance found, Active or not, so the user sees why none would do. A listing that
    // fails does not hide the missing value: the error says that the list could not be read.
    const found = await connected.cloud.alb.listLoadBalancers().catch((error: unknown) => reason(error));
    if (typeof found === 'string') {
      await prompter.text({
        ...question,
        hint: `The ALB instances of ${connected.region} could not be listed: ${found}`,
      });
    } else {
      await prompter.select({
        ...question,
        choices: found.map((lb) => ({ value: lb.id, name: describeLoadBalancer(lb) })),
      });
    }
  }
  const all = await connected.cloud.alb.listLoadBalancers();
  const usable = all
    .filter((lb) => lb.status === 'Active')
    .sort((a, b) => Number(b.addressType === 'Internet') - Number(a.addressType === 'Internet'));
  if (usable.length > 0) {
    const id = await prompter.select({
      ...question,
      choices: usable.map((lb) => ({ value: lb.id, name: describeLoadBalancer(lb) })),
      default: connected.local?.loadBalancers.find((lb) => usable.some((u) => u.id === lb.id))?.id ?? usable[0]!.id,
    });
    return { id, source: 'prompt' };
  }
  // No Active ALB to choose from: its id typed in (the lookup then says what is wrong with it).
  const id = await prompter.text({
    message: 'ALB instance id (alb-...)',
    flag: '--alb-id',
    env: INPUTS.albId.env,
    validate: (text) => parseInput('albId', text).error ?? true,
  });
  return { id, source: 'prompt' };
}

/** What `--domain` could be: the suggestion a prompt starts from, and the zones named when nobody can answer. */
export async function domainCandidates(
  ctx: CandidateContext,
): Promise<{ fallback?: string; suggestion?: string; zones?: string[]; unlisted?: string }> {
  const zone = ctx.connected.local?.domains[0];
  const suggestion = zone === undefined ? undefined : `hello.${zone}`;
  if (ctx.localDefaults && suggestion !== undefined) return { fallback: suggestion, suggestion };
  if (ctx.prompter.interactive) return suggestion === undefined ? {} : { suggestion };
  const zones = await ctx.connected.cloud.dns.listZones().catch((error: unknown) => reason(error));
  return typeof zones === 'string' ? { unlisted: zones } : { zones };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
