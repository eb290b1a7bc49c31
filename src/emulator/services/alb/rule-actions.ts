import type { Params } from '../../api/params.js';
import { popErrors } from '../../api/api-error.js';
import type { LoadBalancerEdition } from '../../options.js';
import type { AlbCall } from './context.js';
import { albError } from './errors.js';
import { checkRedirect } from './redirect.js';
import type { ListenerRecord, LoadBalancerRecord, ServerGroupRecord } from './state.js';

// The actions of a forwarding rule (metadata CreateRule `RuleActions`; the SDK's CreateRule description; ALB's
// "Manage forwarding rules for a listener" page,
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/manage-forwarding-rules-for-a-listener):
//   - a Request rule has exactly one final action, ForwardGroup, Redirect or FixedResponse ("FinalType"), and may add
//     Rewrite (only beside a ForwardGroup: `OperationDenied.RewriteMissingForwardGroup`), InsertHeader, RemoveHeader,
//     TrafficLimit, TrafficMirror, Cors; a Response rule holds FixedResponse, InsertHeader, RemoveHeader only;
//   - Basic instances forward and redirect only (the page's table 1): another type there answers
//     `UnsupportedFeature.<Type>` (the code is an assumption);
//   - each action has its `<Type>Config` and an `Order` 1–50000 that does not repeat;
//   - ForwardGroup: 1–5 server groups, weights 0–100, required when there are several, 100 when one goes without
//     (metadata `ServerGroupTuples`); each group exists (`ResourceNotFound.ServerGroup`), lives in the load
//     balancer's VPC (`Mismatch.VpcId`), suits the listener (Fc groups serve HTTP listeners, FC "ALB triggers" page:
//     `Mismatch.Protocol`; gRPC groups need HTTPS: `OperationDenied.GRPCServerGroup`), and the groups of one action
//     share a protocol, Fc counting as HTTP (`OperationDenied.ProtocolMustSameForForwardGroupAction`; Fc as HTTP is
//     inferred);
//   - FixedResponse: HttpCode 2xx/4xx/5xx, ContentType text/plain, text/css, text/html, application/javascript or
//     application/json, Content at most 1 KB of ASCII;
//   - Redirect: redirect.ts.
// Anything else is `InvalidParameter`.

const FINAL = ['ForwardGroup', 'Redirect', 'FixedResponse'];
const REQUEST_TYPES = [...FINAL, 'Rewrite', 'InsertHeader', 'RemoveHeader', 'TrafficLimit', 'TrafficMirror', 'Cors'];
const RESPONSE_TYPES = ['FixedResponse', 'InsertHeader', 'RemoveHeader'];
const BASIC_TYPES = ['ForwardGroup', 'Redirect'];
const CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'];
const MAX_FORWARD_GROUPS = 5;

/** Who the actions are for: the listener, its load balancer and the rule's direction. */
export interface ActionTarget {
  listener: ListenerRecord;
  lb: LoadBalancerRecord;
  direction: string;
}

function invalid(at: string, detail: string): Error {
  return popErrors.invalidParameter(`${at}RuleActions${detail}`);
}

function findGroup(call: AlbCall, id: string): ServerGroupRecord {
  const group = call.scope.serverGroups.find((g) => g.id === id);
  if (!group) throw albError(call.ctx.action, 'ResourceNotFound.ServerGroup', id);
  return group;
}

function checkForwardGroup(call: AlbCall, target: ActionTarget, config: Params, at: string): void {
  const { action } = call.ctx;
  const tuples = config.objects('ServerGroupTuples') ?? [];
  if (tuples.length === 0) throw invalid(at, '.ForwardGroupConfig.ServerGroupTuples is mandatory.');
  if (tuples.length > MAX_FORWARD_GROUPS) {
    throw invalid(at, `.ForwardGroupConfig.ServerGroupTuples takes at most ${MAX_FORWARD_GROUPS} server groups.`);
  }
  const protocols = new Set<string>();
  for (const tuple of tuples) {
    const weight = tuple.number('Weight');
    if (weight === undefined && tuples.length > 1) throw invalid(at, '.ServerGroupTuples.Weight is mandatory.');
    if (weight !== undefined && (!Number.isInteger(weight) || weight < 0 || weight > 100)) {
      throw invalid(at, '.ServerGroupTuples.Weight must be between 0 and 100.');
    }
    const id = tuple.string('ServerGroupId');
    if (!id) throw invalid(at, '.ServerGroupTuples.ServerGroupId is mandatory.');
    const group = findGroup(call, id);
    if (group.vpcId && group.vpcId !== target.lb.vpcId) {
      throw albError(action, 'Mismatch.VpcId', 'VpcId', group.id, target.lb.id);
    }
    if (group.type === 'Fc' && target.listener.protocol !== 'HTTP') {
      throw albError(action, 'Mismatch.Protocol', 'Protocol', group.id, target.listener.id);
    }
    if (group.protocol === 'gRPC' && target.listener.protocol !== 'HTTPS') {
      throw albError(action, 'OperationDenied.GRPCServerGroup', group.id);
    }
    protocols.add(group.protocol ?? 'HTTP');
  }
  if (protocols.size > 1) throw albError(action, 'OperationDenied.ProtocolMustSameForForwardGroupAction');
}

function checkFixedResponse(config: Params, at: string): void {
  const code = config.string('HttpCode');
  if (code !== undefined && !/^[245]\d\d$/.test(code)) {
    throw invalid(at, '.FixedResponseConfig.HttpCode must be 2xx, 4xx or 5xx.');
  }
  const type = config.string('ContentType');
  if (type !== undefined && !CONTENT_TYPES.includes(type)) {
    throw invalid(at, `.FixedResponseConfig.ContentType must be one of ${CONTENT_TYPES.join(', ')}.`);
  }
  const content = config.string('Content') ?? '';
  if (content.length > 1024 || !/^[\x20-\x7e\t\r\n]*$/.test(content)) {
    throw invalid(at, '.FixedResponseConfig.Content is at most 1 KB of ASCII.');
  }
}

function checkTypes(call: AlbCall, types: string[], target: ActionTarget, edition: LoadBalancerEdition, at: string) {
  const allowed = target.direction === 'Response' ? RESPONSE_TYPES : REQUEST_TYPES;
  for (const type of types) {
    if (!allowed.includes(type)) throw invalid(at, `.Type ${type} is not supported in ${target.direction} rules.`);
    if (edition === 'Basic' && !BASIC_TYPES.includes(type)) {
      throw albError(call.ctx.action, `UnsupportedFeature.${type}`);
    }
  }
  if (target.direction === 'Request' && types.filter((t) => FINAL.includes(t)).length !== 1) {
    throw invalid(at, ` need exactly one of ${FINAL.join(', ')}.`);
  }
  if (types.includes('Rewrite') && !types.includes('ForwardGroup')) {
    throw albError(call.ctx.action, 'OperationDenied.RewriteMissingForwardGroup');
  }
}

/** Checks a rule's actions; `at` is the wire prefix of the rule (`''`, or `Rules.N.` for CreateRules). */
export function checkActions(call: AlbCall, actions: Params[], target: ActionTarget, at: string): void {
  const types = actions.map((a) => a.string('Type') ?? '');
  checkTypes(call, types, target, target.lb.edition, at);
  const orders = actions.map((a) => a.number('Order'));
  if (orders.some((o) => o === undefined || !Number.isInteger(o) || o < 1 || o > 50000)) {
    throw invalid(at, '.Order must be between 1 and 50000.');
  }
  if (new Set(orders).size !== orders.length) throw invalid(at, '.Order must not repeat.');
  actions.forEach((action, index) => {
    const type = types[index]!;
    const config = action.object(`${type}Config`);
    if (config === undefined) throw invalid(at, `.${type}Config is mandatory for ${type}.`);
    if (type === 'ForwardGroup') checkForwardGroup(call, target, config, at);
    if (type === 'FixedResponse') checkFixedResponse(config, at);
    if (type === 'Redirect') checkRedirect(config, `${at}RuleActions.RedirectConfig`);
    if (type === 'TrafficMirror') {
      const tuples = config.object('MirrorGroupConfig')?.objects('ServerGroupTuples') ?? [];
      for (const tuple of tuples) findGroup(call, tuple.string('ServerGroupId') ?? '');
    }
  });
}

/**
 * The actions as stored and listed: as given, with the weight a lone server group gets when the request names
 * none (100, metadata `ServerGroupTuples.Weight`).
 */
export function normalizedActions(actions: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return actions.map((action) => {
    const forward = action.ForwardGroupConfig as { ServerGroupTuples?: Array<Record<string, unknown>> } | undefined;
    const tuples = forward?.ServerGroupTuples;
    if (!forward || tuples?.length !== 1 || tuples[0]!.Weight !== undefined) return action;
    return { ...action, ForwardGroupConfig: { ...forward, ServerGroupTuples: [{ ...tuples[0], Weight: 100 }] } };
  });
}
