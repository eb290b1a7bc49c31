// ClientTokens: derived, never random, so that a retried or resumed create is recognised by ALB as the same request and
// replays the same resource id and JobId (https://www.alibabacloud.com/help/doc-detail/25693.html: ≤ 64 ASCII,
// case-sensitive). Besides stack, step and the inputs that define the resource, the token covers the state's epoch and
// the step's create count: a token must not outlive the resource it made, or a later create (after a destroy, or after
// the resource was deleted by hand) would replay a resource that no longer exists.
import { createHash } from 'node:crypto';
import { stepKind, type ResourceStepId, type StepRef } from './vocabulary.js';

export type TokenInputs = Record<string, string | number | boolean>;

const STEP_CODE: Record<ResourceStepId, string> = {
  function: 'fn',
  serverGroup: 'sg',
  server: 'sv',
  listener: 'ls',
  rule: 'rl',
  dnsRecord: 'dn',
};

export interface TokenSeed {
  stack: string;
  /** The step instance (`function`, `function:users`): a route's resources never share a token. */
  step: StepRef;
  epoch: string;
  /** The step's create count in this epoch (0 for the first create). */
  seq: number;
  inputs: TokenInputs;
  /** `delete` for teardown calls, which get their own token per attempt; `update` for in-place changes. */
  purpose?: 'create' | 'delete' | 'update';
  attempt?: number;
}

function canonical(inputs: TokenInputs): [string, string | number | boolean][] {
  return Object.keys(inputs)
    .sort()
    .map((key) => [key, inputs[key] as string | number | boolean]);
}

export function clientToken(seed: TokenSeed): string {
  const material = JSON.stringify([
    seed.stack,
    seed.step,
    seed.purpose ?? 'create',
    seed.epoch,
    seed.seq,
    seed.attempt ?? 0,
    canonical(seed.inputs),
  ]);
  const digest = createHash('sha256').update(material).digest('hex').slice(0, 40);
  const prefix = seed.purpose === 'delete' ? 'x' : seed.purpose === 'update' ? 'u' : '';
  return `albfc-${prefix}${STEP_CODE[stepKind(seed.step) as ResourceStepId]}-${digest}`;
}

/**
 * The token of an in-place change (UpdateRuleAttribute, UpdateListenerAttribute): it names the change itself, so a
 * resumed change replays and a different one is a new request.
 */
export function changeToken(seed: Pick<TokenSeed, 'stack' | 'step' | 'epoch'>, change: TokenInputs): string {
  return clientToken({ ...seed, seq: 0, inputs: change, purpose: 'update' });
}
