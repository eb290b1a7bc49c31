import type { IncomingHttpHeaders } from 'node:http';
import { safeDecode } from '../../auth/encoding.js';
import type { ListenerRecord, RuleRecord } from './state.js';

// Which action answers a request on a listener: its Request-direction rules in priority order (lowest
// first), then the default action (ALB forwarding rules, metadata CreateRule). Conditions the local data
// plane evaluates: Host and Path (wildcards `*` and `?`; hosts case-insensitive), Method, Header,
// QueryString and Cookie; a rule with a condition it cannot evaluate (SourceIp, response conditions)
// never matches (assumption).

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
      return values(condition.HostConfig).some((v) => wildcard(v, 'i').test(host));
    }
    case 'Path':
      return values(condition.PathConfig).some((v) => wildcard(v).test(safeDecode(url.pathname) ?? url.pathname));
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
