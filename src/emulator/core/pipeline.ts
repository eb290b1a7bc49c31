import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock.js';
import { ApiError, popErrors } from '../api/api-error.js';
import { errorBody } from '../api/error-body.js';
import { productByService, productByVersion, RPC_COMMON_PARAMETERS, type Product } from '../api/products.js';
import { check, decodeRpcParameters, validateJsonBody } from '../api/validate.js';
import type { Account } from '../auth/accounts.js';
import { authenticate, type NonceCache } from '../auth/authenticate.js';
import { parseQuery, safeDecode } from '../auth/encoding.js';
import { metadata, type ApiSpec, type ProductMetadata } from '../metadata/index.js';
import type { CallLog } from './call-log.js';
import type { Faults } from './faults.js';
import { writeAnswer } from './http.js';
import { fcRequestId, popRequestId } from './ids.js';
import type { Idempotency } from './idempotency.js';
import { callDelay, type LatencyProfile } from './latency.js';
import type { PagingLimits } from './paging.js';
import type { ApiAnswer, BehaviourOptions, CallContext, ServiceModule, ServiceName } from './service.js';
import type { World } from './world.js';

// One signed API call, from bytes to answer: identify the product and action, authenticate, apply
// faults and latency, validate parameters from the metadata, honour ClientToken and DryRun, run the
// service's handler, persist, answer, log. A body over `maxBodyBytes` is refused once the product is
// known, in that product's error shape.

export interface PipelineDeps {
  world: World;
  services: Partial<Record<ServiceName, ServiceModule>>;
  accounts: Account[];
  clock: Clock;
  latency: LatencyProfile;
  faults: Faults;
  calls: CallLog;
  options: BehaviourOptions;
  paging: PagingLimits;
  region: string;
  nonces: NonceCache;
  idempotency: Idempotency;
  /** Reports unexpected handler failures (bugs of the local cloud), e.g. to its log. */
  onInternalError?: (error: unknown) => void;
}

interface Routed {
  product: Product;
  service: ServiceModule;
  action: string;
  api: ApiSpec;
  pathParams: Record<string, string>;
}

/** `body` is the request body, or `too-large` when it exceeded `options.maxBodyBytes` (not read). */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  received: Buffer | 'too-large',
  deps: PipelineDeps,
): Promise<void> {
  const started = deps.clock.now();
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const queryPairs = parseQuery(queryStart < 0 ? '' : url.slice(queryStart + 1));
  const headers = headersOf(req);
  const body = received === 'too-large' ? Buffer.alloc(0) : received;
  const contentType = headers['content-type'] ?? '';
  const formPairs = contentType.startsWith('application/x-www-form-urlencoded')
    ? parseQuery(body.toString('utf8'))
    : [];
  const allPairs = [...queryPairs, ...formPairs];
  const param = (name: string): string | undefined => allPairs.find(([key]) => key === name)?.[1];

  const version = headers['x-acs-version'] ?? param('Version');
  let product = productByVersion(version);
  if (!product && path.startsWith('/2023-03-30/')) product = productByService('fc');
  const region = regionFromHost(headers.host) ?? deps.region;
  const requestId = product?.service === 'fc' ? fcRequestId(started) : popRequestId();
  let action = headers['x-acs-action'] ?? param('Action') ?? 'Unknown';

  const finish = (status: number, code: string | null): void => {
    deps.calls.add({
      service: product?.service ?? 'unknown',
      action,
      status,
      code,
      ms: Math.max(0, deps.clock.now() - started),
      at: new Date(started).toISOString(),
    });
  };

  const fail = (error: ApiError, target: Product): void => {
    writeAnswer(res, {
      status: error.status,
      json: errorBody(target, region, error, requestId),
      headers: { ...error.headers, 'x-acs-request-id': requestId },
    });
    finish(error.status, error.code);
  };

  // A body over the limit is refused whatever else is wrong, once the product (and where it can be told,
  // the action) is known; its rest is never read, so the connection cannot carry another request.
  const tooLarge = received === 'too-large' ? bodyTooLarge(product, deps.options.maxBodyBytes) : undefined;
  const unknown: Product = { service: 'alb', version: version ?? '', product: 'Unknown', host: () => 'localhost' };
  if (!product || !deps.services[product.service]) {
    fail(tooLarge ?? new ApiError(400, 'InvalidVersion', `Specified parameter Version is not valid.`), unknown);
    return;
  }

  let routed: Routed;
  try {
    routed = route(product, deps.services[product.service]!, req.method ?? 'GET', path, action);
    action = routed.action;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    fail(tooLarge ?? error, product);
    return;
  }
  if (tooLarge) {
    fail(tooLarge, product);
    return;
  }

  let dropAfter = false;
  let owedDelay = 0;
  const pay = async (): Promise<void> => {
    const ms = owedDelay;
    owedDelay = 0;
    if (ms > 0) await deps.clock.sleep(ms);
  };
  try {
    const caller = authenticate(
      {
        style: product.service === 'fc' ? 'fc' : 'pop',
        method: req.method ?? 'GET',
        url,
        headers,
        body,
        params: allPairs,
      },
      { accounts: deps.accounts, now: deps.clock.now(), maxSkewMs: deps.options.maxClockSkewMs, nonces: deps.nonces },
    );

    const fault = deps.faults.decide(product.service, action);
    if (fault.drop === 'before') {
      req.socket.destroy();
      finish(0, 'ConnectionDropped');
      return;
    }
    dropAfter = fault.drop === 'after';
    if (fault.delayMs > 0) await deps.clock.sleep(fault.delayMs);
    if (fault.error) {
      throw new ApiError(
        fault.error.status,
        fault.error.code,
        fault.error.message ?? fault.error.code,
        fault.error.headers,
      );
    }
    // The call's own latency is time the service spends on it: it passes after the ClientToken is taken,
    // so a second call with the same token meanwhile sees `IdempotenceProcessing` (alb §5.4). A call that
    // fails validation still takes it (the outer catch).
    owedDelay = callDelay(deps.latency, action);

    const productMetadata = metadata[product.service];
    const flatParams = Object.fromEntries(allPairs.filter(([key]) => !RPC_COMMON_PARAMETERS.has(key)));
    const params =
      routed.service.style === 'rpc'
        ? decodeRpcParameters(productMetadata, routed.api, flatParams)
        : decodeRoaParameters(productMetadata, routed, Object.fromEntries(queryPairs), headers, body);
    const dryRun = params.DryRun === true;

    const ctx: CallContext = {
      action,
      requestId,
      account: caller.account,
      region,
      params,
      http: { method: req.method ?? 'GET', path, query: Object.fromEntries(queryPairs), headers, body },
      checkpoint: () => {
        if (dryRun) throw popErrors.dryRun();
      },
      world: deps.world,
      clock: deps.clock,
      latency: deps.latency,
      paging: deps.paging,
    };

    const token = typeof params.ClientToken === 'string' && !dryRun ? params.ClientToken : undefined;
    let answer: ApiAnswer;
    if (token !== undefined && routed.service.style === 'rpc') {
      const idempotency = deps.idempotency;
      const scope = `${caller.account.accountId}|${product.service}|${action}`;
      const checked = idempotency.begin(scope, token, flatParams, deps.clock.now());
      if (checked.kind === 'replay') {
        await pay();
        answer = { status: checked.answer.status, json: checked.answer.json };
      } else {
        try {
          await pay();
          answer = await routed.service.actions[action]!(ctx);
        } catch (error) {
          idempotency.abandon(checked);
          throw error;
        }
        idempotency.complete(
          checked,
          { status: answer.status ?? 200, json: (answer.json ?? {}) as Record<string, unknown> },
          deps.clock.now(),
        );
      }
    } else {
      await pay();
      answer = await routed.service.actions[action]!(ctx);
    }

    // Every call: reads change state too (a transition seen, a job finished); an unchanged world is not written.
    await deps.world.save();
    if (dropAfter) {
      req.socket.destroy();
      finish(0, 'ConnectionDropped');
      return;
    }
    const status = answer.status ?? 200;
    writeAnswer(res, {
      ...answer,
      status,
      json:
        answer.json !== undefined && routed.service.style === 'rpc'
          ? { RequestId: requestId, ...(answer.json as Record<string, unknown>) }
          : answer.json,
      headers: { ...answer.headers, 'x-acs-request-id': requestId },
    });
    finish(status, null);
  } catch (error) {
    await pay();
    if (dropAfter) {
      req.socket.destroy();
      finish(0, 'ConnectionDropped');
      return;
    }
    if (error instanceof ApiError) {
      fail(error, product);
      return;
    }
    deps.onInternalError?.(error);
    fail(
      product.service === 'fc'
        ? new ApiError(500, 'InternalServerError', 'an internal error has occurred. Please retry.')
        : new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error.'),
      product,
    );
  }
}

function route(product: Product, service: ServiceModule, method: string, path: string, action: string): Routed {
  const productMetadata = metadata[product.service];
  if (service.style === 'rpc') {
    const api = productMetadata.apis[action];
    if (!api || !service.actions[action]) {
      throw new ApiError(
        404,
        'InvalidAction.NotFound',
        'Specified api is not found, please check your url and method.',
      );
    }
    return { product, service, action, api, pathParams: {} };
  }
  for (const roa of roaRoutes(product.service)) {
    if (!roa.methods.includes(method.toLowerCase()) || !service.actions[roa.action]) continue;
    const match = roa.pattern.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    roa.names.forEach((name, index) => {
      const raw = match[index + 1]!;
      const decoded = safeDecode(raw);
      // Assumption: the gateway refuses a path it cannot decode before looking for the API.
      if (decoded === undefined)
        throw new ApiError(400, 'InvalidArgument', `the path segment '${raw}' is not valid percent-encoding`);
      pathParams[name] = decoded;
    });
    return { product, service, action: roa.action, api: roa.api, pathParams };
  }
  throw new ApiError(400, 'PathNotSupported', `'${method}' against '${path}' is not supported`);
}

interface RoaRoute {
  action: string;
  api: ApiSpec;
  methods: string[];
  pattern: RegExp;
  /** Path parameter names, in the order of the pattern's groups. */
  names: string[];
}

const roaRouteCache = new Map<ServiceName, RoaRoute[]>();

/** The metadata's path templates (`/2023-03-30/functions/{functionName}`) as patterns, built once. */
function roaRoutes(service: ServiceName): RoaRoute[] {
  let routes = roaRouteCache.get(service);
  if (routes) return routes;
  routes = [];
  for (const [action, api] of Object.entries(metadata[service].apis)) {
    if (!api.path) continue;
    const names: string[] = [];
    const source = api.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    routes.push({ action, api, methods: api.methods ?? [], pattern: new RegExp(`^${source}$`), names });
  }
  roaRouteCache.set(service, routes);
  return routes;
}

function bodyTooLarge(product: Product | undefined, maxBodyBytes: number): ApiError {
  // FC: EntityTooLarge 400 with the documented message (fc-dns-sts-auth.md §A.5); POP: an HTTP 413 (assumption).
  return product?.service === 'fc'
    ? new ApiError(400, 'EntityTooLarge', `payload size exceeds maximum allowed size (${maxBodyBytes} bytes)`, {
        connection: 'close',
      })
    : new ApiError(413, 'RequestEntityTooLarge', `The request body exceeds ${maxBodyBytes} bytes.`, {
        connection: 'close',
      });
}

function decodeRoaParameters(
  productMetadata: ProductMetadata,
  routed: Routed,
  query: Record<string, string>,
  headers: Record<string, string>,
  body: Buffer,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const spec of routed.api.parameters ?? []) {
    let value: unknown;
    if (spec.in === 'path') value = routed.pathParams[spec.name];
    else if (spec.in === 'query') value = query[spec.name];
    else if (spec.in === 'header') value = headers[spec.name.toLowerCase()];
    else if (spec.in === 'body') {
      if (spec.schema.format === 'binary') continue;
      value = parseJsonBody(body);
      params[spec.name] = validateJsonBody(productMetadata, spec.schema, value, spec.name);
      continue;
    }
    if (spec.style === 'json' && typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new ApiError(400, 'InvalidArgument', `${spec.name} is not valid JSON`);
      }
    }
    const checked = check(productMetadata, 'fc', spec.name, spec.schema, value);
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

/** Node gives lower-case names and joins repeated headers, except `set-cookie` (an array): one string each. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function regionFromHost(host: string | undefined): string | undefined {
  const match = /(?:^|\.)([a-z]{2,3}-[a-z]+(?:-[a-z0-9]+)*-?\d*)(?:-internal)?\.(?:fc\.)?aliyuncs\.com$/.exec(
    host ?? '',
  );
  return match?.[1];
}
