import type { Params } from '../../api/params.js';
import { popErrors } from '../../api/api-error.js';
import type { LoadBalancerEdition } from '../../options.js';
import type { AlbCall } from './context.js';
import { albError } from './errors.js';

// The conditions of a forwarding rule (metadata CreateRule `RuleConditions`, and ALB's "Manage forwarding rules for
// a listener" page, https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/manage-forwarding-rules-for-a-listener):
//   - types Host, Path, Header, QueryString, Method, Cookie, SourceIp (request) and ResponseHeader,
//     ResponseStatusCode (response rules only: "inbound rules support only inbound conditions");
//   - Basic instances support only Host, Path and Header conditions (the page's table 1); another type there
//     answers `UnsupportedFeature.<Type>` (the code is an assumption: none is documented);
//   - each type carries its `<Type>Config` with `Values`; a host is 3–128 characters with a dot neither first nor
//     last, or a regular expression starting with `~`; a path is 1–128 characters starting with `/` or, a regular
//     expression, `~`; methods are HEAD, GET, POST, OPTIONS, PUT, PATCH, DELETE; values do not repeat within a
//     condition (the metadata's descriptions). Anything else is `InvalidParameter`.

const REQUEST_TYPES = ['Host', 'Path', 'Header', 'QueryString', 'Method', 'Cookie', 'SourceIp'];
const RESPONSE_TYPES = ['ResponseHeader', 'ResponseStatusCode'];
const BASIC_TYPES = ['Host', 'Path', 'Header'];
const METHODS = ['HEAD', 'GET', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
/** Types whose `Values` are key/value pairs rather than strings. */
const PAIR_TYPES = ['QueryString', 'Cookie'];

function invalid(at: string, detail: string): Error {
  return popErrors.invalidParameter(`${at}${detail}`);
}

/** A `~regex` value must compile (`~*` marks a case-insensitive path expression, routing.ts). */
function checkRegex(value: string, at: string, field: string): void {
  if (!value.startsWith('~')) return;
  try {
    new RegExp(value.slice(value.startsWith('~*') ? 2 : 1));
  } catch {
    throw invalid(at, `${field}.Values ${value} is not a valid regular expression.`);
  }
}

function checkHost(value: string, at: string): void {
  checkRegex(value, at, 'HostConfig');
  const regex = value.startsWith('~');
  const ok = value.length >= 3 && value.length <= 128 && (regex || (value.includes('.') && !/^\.|\.$/.test(value)));
  if (!ok) throw invalid(at, `HostConfig.Values ${value} is not a valid host name.`);
}

function checkPath(value: string, at: string): void {
  checkRegex(value, at, 'PathConfig');
  if (value.length < 1 || value.length > 128 || !(value.startsWith('/') || value.startsWith('~'))) {
    throw invalid(at, `PathConfig.Values ${value} must start with / (or ~ for a regular expression).`);
  }
}

/** The condition's values as strings (a pair counts as `key=value`), checked for presence and repetition. */
function valuesOf(type: string, config: Params, at: string): string[] {
  const values = PAIR_TYPES.includes(type)
    ? (config.objects('Values') ?? []).map((pair) => `${pair.string('Key') ?? ''}=${pair.string('Value') ?? ''}`)
    : (config.strings('Values') ?? []);
  if (values.length === 0) throw invalid(at, `${type}Config.Values is mandatory.`);
  if (new Set(values).size !== values.length) throw invalid(at, `${type}Config.Values must not repeat.`);
  return values;
}

function checkCondition(
  call: AlbCall,
  condition: Params,
  direction: string,
  edition: LoadBalancerEdition,
  at: string,
): void {
  const type = condition.string('Type') ?? '';
  if (![...REQUEST_TYPES, ...RESPONSE_TYPES].includes(type)) {
    throw invalid(at, `RuleConditions.Type ${type} is not supported.`);
  }
  if (direction === 'Request' && RESPONSE_TYPES.includes(type)) {
    throw invalid(at, `RuleConditions.Type ${type} applies to Response rules only.`);
  }
  if (edition === 'Basic' && !BASIC_TYPES.includes(type)) throw albError(call.ctx.action, `UnsupportedFeature.${type}`);
  const config = condition.object(`${type}Config`);
  if (config === undefined) throw invalid(at, `RuleConditions.${type}Config is mandatory.`);
  const values = valuesOf(type, config, at);
  for (const value of values) {
    if (type === 'Host') checkHost(value, at);
    if (type === 'Path') checkPath(value, at);
    if (type === 'Method' && !METHODS.includes(value))
      throw invalid(at, `MethodConfig.Values ${value} is not a method.`);
  }
  if (type === 'Header' && !config.string('Key')) throw invalid(at, 'HeaderConfig.Key is mandatory.');
}

/** Checks a rule's conditions; `at` is the wire prefix of the rule (`''`, or `Rules.N.` for CreateRules). */
export function checkConditions(
  call: AlbCall,
  conditions: Params[],
  direction: string,
  edition: LoadBalancerEdition,
  at: string,
): void {
  for (const condition of conditions) checkCondition(call, condition, direction, edition, at);
}
