import { safeDecode } from '../auth/encoding.js';
import type { ApiSpec, ProductMetadata } from '../metadata/index.js';
import { ApiError, type ErrorStyle } from '../api/api-error.js';
import type { RequestProtocol, Route } from '../core/protocol.js';
import { check } from '../api/validate.js';

// ROA, as FC 3.0 takes it (`@alicloud/fc20230330` client.js): the action is the method and path of one of the
// metadata's path templates (`POST /2023-03-30/functions/{functionName}/invocations`), its parameters are path
// segments, query parameters, headers and a JSON body. Unknown paths and undecodable segments answer FC's codes
// (FC 3.0 error codes page, https://help.aliyun.com/zh/functioncompute/api-fc-2023-03-30-errorcodes).

interface PathTemplate {
  action: string;
  api: ApiSpec;
  methods: string[];
  pattern: RegExp;
  /** Path parameter names, in the order of the pattern's groups. */
  names: string[];
}

export function roaProtocol(version: string, metadata: ProductMetadata): RequestProtocol {
  const templates = pathTemplates(metadata);
  return {
    recognise(request) {
      if ((request.headers['x-acs-version'] ?? request.param('Version')) === version) return 'version';
      return request.path.startsWith(`/${version}/`) ? 'path' : undefined;
    },

    route(request, implemented) {
      for (const template of templates) {
        if (!template.methods.includes(request.method.toLowerCase()) || !implemented(template.action)) continue;
        const match = template.pattern.exec(request.path);
        if (!match) continue;
        return { action: template.action, api: template.api, pathParams: pathParams(template, match) };
      }
      throw new ApiError(400, 'PathNotSupported', `'${request.method}' against '${request.path}' is not supported`);
    },

    decode(route, request, style) {
      return { values: decodeRoaParameters(metadata, route, request.query, request.headers, request.body, style) };
    },
  };
}

/** The metadata's path templates (`/2023-03-30/functions/{functionName}`) as patterns. */
function pathTemplates(metadata: ProductMetadata): PathTemplate[] {
  const templates: PathTemplate[] = [];
  for (const [action, api] of Object.entries(metadata.apis)) {
    if (!api.path) continue;
    const names: string[] = [];
    const source = api.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    templates.push({ action, api, methods: api.methods ?? [], pattern: new RegExp(`^${source}$`), names });
  }
  return templates;
}

function pathParams(template: PathTemplate, match: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  template.names.forEach((name, index) => {
    const raw = match[index + 1]!;
    const decoded = safeDecode(raw);
    // Assumption: the gateway refuses a path it cannot decode before looking for the API.
    if (decoded === undefined)
      throw new ApiError(400, 'InvalidArgument', `the path segment '${raw}' is not valid percent-encoding`);
    params[name] = decoded;
  });
  return params;
}

function decodeRoaParameters(
  metadata: ProductMetadata,
  route: Route,
  queryPairs: Array<[string, string]>,
  headers: Record<string, string>,
  body: Buffer,
  style: ErrorStyle,
): Record<string, unknown> {
  const query = Object.fromEntries(queryPairs);
  const params: Record<string, unknown> = {};
  for (const spec of route.api.parameters ?? []) {
    let value: unknown;
    if (spec.in === 'path') value = route.pathParams[spec.name];
    else if (spec.in === 'query') value = query[spec.name];
    else if (spec.in === 'header') value = headers[spec.name.toLowerCase()];
    else if (spec.in === 'body') {
      if (spec.schema.format === 'binary') continue;
      params[spec.name] = check(metadata, style, spec.name, spec.schema, parseJsonBody(body));
      continue;
    }
    if (spec.style === 'json' && typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new ApiError(400, 'InvalidArgument', `${spec.name} is not valid JSON`);
      }
    }
    const checked = check(metadata, style, spec.name, spec.schema, value);
    if (checked !== undefined) params[spec.name] = checked;
  }
  return params;
}

function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'InvalidArgument', 'the request body is not valid JSON');
  }
}
