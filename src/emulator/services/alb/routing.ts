import type { IncomingHttpHeaders } from 'node:http';
import { safeDecode } from '../../auth/encoding.js';
import type { ListenerRecord, RuleRecord } from './state.js';

// Which actions answer a request on a listener: its Request-direction rules in priority order, lowest first, the
// first whose conditions all hold; else the listener's default action. ALB does not sort rules by how specific they
// are ("Configure domain name- and URL path-based forwarding rules",
// https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/create-a-domain-name-based-or-url-based-forwarding-rule;
// "Manage forwarding rules for a listener": a condition holds when one of its values matches, a rule when all its
// conditions do). Conditions the local data plane evaluates:
//   Host   exact or wildcard (`*` any run of characters, `?` one), case-insensitive; `~regex`, case-insensitive
//          (metadata HostConfig: "regular expression match (case-insensitive)"); the Host header's port is ignored;
//   Path   exact or wildcard, case-sensitive (metadata PathConfig); `~regex` case-sensitive, `~*regex` not (the
//          nginx convention ALB's Tengine follows: an assumption); matched against the decoded path, no query;
//   Method, Header (values case-insensitive), QueryString, Cookie (wildcards).
// A rule being created does not match yet; one being deleted still does. A condition the local cloud cannot
// evaluate (SourceIp, the response conditions) never holds (assumption, local limitation).

interface RequestFacts {
  method: string;
  url: string;
  host: string | undefined;
  headers: IncomingHttpHeaders;
}

export function matchingActions(
  listener: ListenerRecord,
  rules: RuleRecord[],
  request: RequestFacts,
): Array<Record<string, unknown>> {
  const candidates = rules
    .filter((r) => r.listenerId === listener.id && r.direction === 'Request' && r.status !== 'Provisioning')
    .sort((a, b) => a.priority - b.priority);
  for (const rule of candidates) {
    if (rule.conditions.every((condition) => matches(condition, request))) return rule.actions;
  }
  return listener.defaultActions;
}

function wildcard(pattern: string, flags = ''): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, flags);
}

/** A `~regex` (`~*regex` ignores case where `caseless` is false); undefined for a plain or wildcard value. */
function regexOf(value: string, caseless: boolean): RegExp | undefined {
  if (!value.startsWith('~')) return undefined;
  const insensitive = caseless || value.startsWith('~*');
  try {
    return new RegExp(value.slice(value.startsWith('~*') ? 2 : 1), insensitive ? 'i' : '');
  } catch {
    return /(?!)/;
  }
}

/** Whether `text` matches a condition value: `~regex`, or exact/wildcard over the whole text. */
function valueMatches(value: string, text: string, caseless: boolean): boolean {
  const regex = regexOf(value, caseless);
  return regex ? regex.test(text) : wildcard(value, caseless ? 'i' : '').test(text);
}

function values(config: unknown): string[] {
  return ((config as { Values?: unknown[] } | undefined)?.Values ?? []).map(String);
}

function pairs(config: unknown): Array<{ Key?: string; Value?: string }> {
  return ((config as { Values?: Array<{ Key?: string; Value?: string }> } | undefined)?.Values ?? []).filter(
    (v) => typeof v === 'object' && v !== null,
  );
}

function matches(condition: Record<string, unknown>, request: RequestFacts): boolean {
  const url = new URL(request.url, 'http://listener');
  switch (condition.Type) {
    case 'Host': {
      const host = (request.host ?? '').replace(/:\d+$/, '');
      return values(condition.HostConfig).some((v) => valueMatches(v, host, true));
    }
    case 'Path': {
      const path = safeDecode(url.pathname) ?? url.pathname;
      return values(condition.PathConfig).some((v) => valueMatches(v, path, false));
    }
    case 'Method':
      return values(condition.MethodConfig).some((v) => v.toUpperCase() === request.method.toUpperCase());
    case 'Header': {
      const config = condition.HeaderConfig as { Key?: string } | undefined;
      const raw = request.headers[(config?.Key ?? '').toLowerCase()];
      const sent = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
      return values(condition.HeaderConfig).some((v) => sent.some((s) => wildcard(v, 'i').test(s)));
    }
    case 'QueryString':
      return pairs(condition.QueryStringConfig).some(
        (p) => p.Key !== undefined && url.searchParams.getAll(p.Key).some((v) => wildcard(p.Value ?? '*').test(v)),
      );
    case 'Cookie': {
      const cookies = parseCookies(request.headers.cookie);
      return pairs(condition.CookieConfig).some(
        (p) => p.Key !== undefined && cookies.has(p.Key) && wildcard(p.Value ?? '*').test(cookies.get(p.Key) ?? ''),
      );
    }
    default:
      return false;
  }
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}
