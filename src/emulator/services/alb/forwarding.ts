import { albRedirectPage, type HttpAnswer } from '../../dataplane/index.js';
import { redirectAnswer, type RedirectRequest } from './redirect.js';

// What the final action of the matching rule (or the listener's default action) does with a request
// (metadata CreateRule `RuleActions`):
//   FixedResponse  ALB answers HttpCode (200 when absent: assumption) with ContentType (text/plain when absent:
//                  assumption) and Content;
//   Redirect       ALB answers the redirect (redirect.ts);
//   ForwardGroup   one of the action's server groups takes the request, chosen at random in proportion to the
//                  groups' weights (metadata `ServerGroupTuples.Weight`: "the larger the weight, the more requests
//                  it gets"); a group of weight 0 gets none; tuples without a weight (the listener's default action
//                  takes none) weigh 100 each. All weights 0 leaves no group: ALB's 503 (assumption).
// The other actions (Rewrite, InsertHeader, RemoveHeader, TrafficLimit, TrafficMirror, Cors) are accepted but not
// applied by the local data plane (local limitation).

const FINAL = ['ForwardGroup', 'Redirect', 'FixedResponse'];

export type Forwarding = { groupId: string } | { answer: HttpAnswer } | { noGroup: true };

interface Tuple {
  ServerGroupId?: string;
  Weight?: number;
}

/** The group a request goes to: a draw of `random()` in [0, 1) against the weights. */
export function pickGroup(tuples: Tuple[], random: () => number): string | undefined {
  const weighted = tuples
    .map((t) => ({ id: t.ServerGroupId, weight: t.Weight ?? 100 }))
    .filter((t): t is { id: string; weight: number } => typeof t.id === 'string' && t.weight > 0);
  const total = weighted.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return undefined;
  let draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * total;
  for (const tuple of weighted) {
    if (draw < tuple.weight) return tuple.id;
    draw -= tuple.weight;
  }
  return weighted.at(-1)!.id;
}

function fixedResponse(config: Record<string, unknown>): HttpAnswer {
  const text = (name: string) => (typeof config[name] === 'string' ? (config[name] as string) : undefined);
  return {
    statusCode: Number(text('HttpCode') ?? '200'),
    headers: { 'content-type': text('ContentType') ?? 'text/plain' },
    body: Buffer.from(text('Content') ?? '', 'utf8'),
  };
}

/** What the actions do with this request. */
export function forward(
  actions: Array<Record<string, unknown>>,
  request: RedirectRequest,
  random: () => number,
): Forwarding {
  const final = actions.find((a) => FINAL.includes(String(a.Type)));
  const config = (name: string) => (final?.[name] ?? {}) as Record<string, unknown>;
  switch (final?.Type) {
    case 'FixedResponse':
      return { answer: fixedResponse(config('FixedResponseConfig')) };
    case 'Redirect': {
      const { status, location } = redirectAnswer(config('RedirectConfig'), request);
      return { answer: albRedirectPage(status, location) };
    }
    case 'ForwardGroup': {
      const tuples = (config('ForwardGroupConfig').ServerGroupTuples ?? []) as Tuple[];
      const groupId = pickGroup(tuples, random);
      return groupId ? { groupId } : { noGroup: true };
    }
    default:
      return { noGroup: true };
  }
}

/** The parts of a request a redirect is built from (`url` as sent: path and query). */
export function redirectRequest(url: string, host: string, port: number): RedirectRequest {
  const at = url.indexOf('?');
  return {
    protocol: 'http',
    host: host.replace(/:\d+$/, ''),
    port,
    path: at < 0 ? url : url.slice(0, at),
    query: at < 0 ? '' : url.slice(at + 1),
  };
}
