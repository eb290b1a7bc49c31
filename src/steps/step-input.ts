// What one step of a deploy sees of the input: the stack's, with its own backend (function and server group),
// its own host and, for a rule, its own match and targets, in place of the routes' — so each step is written
// once for any number of routes.
import { defaultTarget, type GraphNode, type RuleSpec } from './deploy-graph.js';
import type { BackendInput, ExistingFunctionInput, NewFunctionInput, StackInput } from '../stack-input.js';

export interface StepInput extends Omit<StackInput, 'dns'> {
  function: NewFunctionInput | ExistingFunctionInput;
  serverGroup: BackendInput['serverGroup'];
  /** The step's host (the CNAME's; else the stack's domain); undefined with --skip-dns. */
  dns: { domain: string; ttl: number; force: boolean } | undefined;
  /** A rule step's match and targets. */
  rule?: RuleSpec;
}

/** The input of step `node` (or, without one, of the stack's default route: the lookup, the test). */
export function stepInputOf(input: StackInput, node?: GraphNode): StepInput {
  const spec = node?.spec;
  const backend = spec && 'backend' in spec ? spec.backend : defaultTarget(input).backend;
  const host = spec?.kind === 'dnsRecord' ? spec.host : input.dns?.domain;
  return {
    ...input,
    function: backend.function,
    serverGroup: backend.serverGroup,
    dns: input.dns && host ? { domain: host, ttl: input.dns.ttl, force: input.dns.force } : undefined,
    ...(spec?.kind === 'rule' ? { rule: spec } : {}),
  };
}
