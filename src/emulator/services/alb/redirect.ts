import type { Params } from '../../api/params.js';
import { popErrors } from '../../api/api-error.js';

// The Redirect action (metadata CreateRule `RedirectConfig`; the SDK's CreateRuleRequestRuleActionsRedirectConfig):
// Host `${host}`, Path `${path}`, Port `${port}`, Protocol `${protocol}`, Query `${query}` by default, each taking
// the request's own value; a custom Path or Query may reference `${host}`, `${protocol}`, `${port}` (and its own
// default variable) at most once each; a custom Host, Port or Protocol stands alone (HTTP or HTTPS, port 1–65535).
// "You can use the default value only for the HttpCode parameter" (the SDK's CreateRule description): a redirect
// to the very same URL is refused. HttpCode is 301, 302, 303, 307 or 308; without one the answer is 301 (assumption:
// the default is not documented). The answer's `Location` leaves out the protocol's default port (assumption).

const CODES = ['301', '302', '303', '307', '308'];
const VARIABLES = ['host', 'protocol', 'port', 'path', 'query'];

function invalid(at: string, detail: string): Error {
  return popErrors.invalidParameter(`${at}.${detail}`);
}

/** The variables a value references; refuses unknown ones and repeats. */
function variablesOf(value: string, at: string, field: string): string[] {
  const found = [...value.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
  for (const name of found) if (!VARIABLES.includes(name)) throw invalid(at, `${field} references \${${name}}.`);
  if (new Set(found).size !== found.length) throw invalid(at, `${field} references a variable twice.`);
  return found;
}

function checkStandalone(value: string | undefined, at: string, field: string, valid: (v: string) => boolean): void {
  if (value === undefined || value === `\${${field.toLowerCase()}}`) return;
  if (value.includes('${') || !valid(value)) throw invalid(at, `${field} ${value} is not valid.`);
}

export function checkRedirect(config: Params, at: string): void {
  const code = config.string('HttpCode');
  if (code !== undefined && !CODES.includes(code)) throw invalid(at, `HttpCode must be one of ${CODES.join(', ')}.`);
  const host = config.string('Host');
  const port = config.string('Port');
  const protocol = config.string('Protocol');
  const path = config.string('Path');
  const query = config.string('Query');
  checkStandalone(host, at, 'Host', (v) => v.length >= 3 && v.length <= 128 && /^[^.].*\.[^.]*[^.]$/.test(v));
  checkStandalone(port, at, 'Port', (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535);
  checkStandalone(protocol, at, 'Protocol', (v) => v === 'HTTP' || v === 'HTTPS');
  if (path !== undefined) {
    variablesOf(path, at, 'Path');
    if (path.length > 128 || !(path.startsWith('/') || path.startsWith('${'))) {
      throw invalid(at, 'Path must start with /.');
    }
  }
  if (query !== undefined) {
    variablesOf(query, at, 'Query');
    if (query.length < 1 || query.length > 128 || /[\s#[\]{}\\|<>&]/.test(query.replace(/\$\{[^}]*\}/g, ''))) {
      throw invalid(at, 'Query is not valid.');
    }
  }
  const defaults = { Host: '${host}', Port: '${port}', Protocol: '${protocol}', Path: '${path}', Query: '${query}' };
  const given = { Host: host, Port: port, Protocol: protocol, Path: path, Query: query };
  const changed = Object.entries(given).some(
    ([name, value]) => value !== undefined && value !== defaults[name as keyof typeof defaults],
  );
  if (!changed) throw invalid(at, 'Host, Path, Port, Protocol and Query cannot all keep their default values.');
}

/** What a redirect is built from: the request as the listener saw it. */
export interface RedirectRequest {
  /** `http` (the local cloud has HTTP listeners only). */
  protocol: string;
  /** The Host header without its port. */
  host: string;
  /** The listener's port. */
  port: number;
  /** The path as sent, without the query. */
  path: string;
  /** The query string without `?`, or ''. */
  query: string;
}

/** The redirect's status code and Location for this request. */
export function redirectAnswer(
  config: Record<string, unknown>,
  request: RedirectRequest,
): { status: number; location: string } {
  const text = (name: string): string | undefined =>
    typeof config[name] === 'string' ? (config[name] as string) : undefined;
  const values: Record<string, string> = {
    host: request.host,
    protocol: request.protocol,
    port: String(request.port),
    path: request.path,
    query: request.query,
  };
  const fill = (value: string): string =>
    value.replace(/\$\{([a-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
  const protocol = fill(text('Protocol') ?? '${protocol}').toLowerCase();
  const host = fill(text('Host') ?? '${host}');
  const port = fill(text('Port') ?? '${port}');
  const path = fill(text('Path') ?? '${path}');
  const query = fill(text('Query') ?? '${query}');
  const defaultPort = protocol === 'https' ? '443' : '80';
  const location = `${protocol}://${host}${port === defaultPort ? '' : `:${port}`}${path}${query ? `?${query}` : ''}`;
  return { status: Number(text('HttpCode') ?? '301'), location };
}
