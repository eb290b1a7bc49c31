// The procedure's last step: an HTTP GET of the custom domain, expecting 2xx (and the sample's body when the
// sample is deployed). New DNS records take time to be visible, so the domain is retried until the DNS
// deadline; then the ALB's own DNS name is tried with the domain as Host header, and the report says which
// path worked. Every request carries a Date header, which FC behind ALB requires
// (https://www.alibabacloud.com/help/en/fc/alb-triggers).
import type { HttpResponse, Route } from '../cloud/ports.js';
import { AlbFcError, ExitCode } from '../errors.js';
import { pollDelay } from '../lib/backoff.js';
import { sleep, throwIfAborted } from '../lib/sleep.js';
import { formatElapsed } from '../lib/duration.js';
import { buildCurl, hostPort } from './curl.js';
import type { LoadRequest, LoadResult } from './load-test.js';
import type { StepContext } from './step.js';

export const DEFAULT_DNS_TIMEOUT_MS = 60_000;
export const HTTP_TIMEOUT_MS = 10_000;
const FALLBACK_ATTEMPTS = 3;

export interface TestResult {
  /** The route tested (its name), when the stack has routes. */
  route?: string;
  ok: boolean;
  url: string;
  via?: 'dns' | 'alb-host-header';
  status: number;
  body: string;
  curl?: string;
  /** What went wrong on the path(s) that failed, for messages. */
  notes: string[];
  /** With routes: every route's test (this result is the default route's, or the first's). */
  routes?: TestResult[];
  /** The request that succeeded, for `test --load` to repeat. */
  request?: LoadRequest;
  /** `test --load`: what the load test measured. */
  load?: LoadResult;
}

export interface TestTarget {
  /** The route tested, when the stack has routes. */
  route?: string;
  /** The name tried through DNS first (a CNAME alb-fc added); undefined with --skip-dns. */
  domain: string | undefined;
  /** The Host sent through the ALB's name when DNS does not answer (the domain, or the route's host). */
  host?: string;
  /** The request path (a path that the route's pattern matches). */
  path?: string;
  port: number;
  albDnsName: string;
  /** Body expected from the function, when known (the built-in sample). */
  expectBody: string | undefined;
  dnsTimeoutMs: number;
}

function judge(answer: HttpResponse, expectBody: string | undefined): string | undefined {
  if (answer.status < 200 || answer.status > 299) return `HTTP ${answer.status}`;
  if (expectBody !== undefined && !answer.body.includes(expectBody)) {
    return `HTTP ${answer.status} but the body is ${JSON.stringify(answer.body.slice(0, 80))}, not ${JSON.stringify(expectBody)}`;
  }
  return undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runConnectivityTest(ctx: StepContext, target: TestTarget): Promise<TestResult> {
  const { cloud, clock } = ctx;
  const headers = (): Record<string, string> => ({ Date: new Date(clock.now()).toUTCString() });
  const notes: string[] = [];
  const env = { clock, signal: ctx.signal, step: 'test' };

  const path = target.path ?? '/';
  const attempt = async (
    host: string,
    hostHeader: string | undefined,
  ): Promise<{ answer?: HttpResponse; route?: Route; problem: string }> => {
    let route: Route | undefined;
    try {
      route = await cloud.network.resolve(host, target.port);
    } catch (error) {
      return { problem: `resolving ${host} failed: ${message(error)}` };
    }
    if (!route) return { problem: `${host} does not resolve yet` };
    const url = `http://${hostPort(host, target.port)}${path}`;
    try {
      const answer = await cloud.network.get(url, {
        route,
        ...(hostHeader ? { hostHeader } : {}),
        headers: headers(),
        timeoutMs: HTTP_TIMEOUT_MS,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const problem = judge(answer, target.expectBody);
      return { answer, route, problem: problem ?? '' };
    } catch (error) {
      throwIfAborted(ctx.signal, 'test');
      return { route, problem: `GET ${url} failed: ${message(error)}` };
    }
  };

  if (target.domain) {
    const domain = target.domain;
    const url = `http://${hostPort(domain, target.port)}${path}`;
    const started = clock.now();
    for (;;) {
      const result = await attempt(domain, undefined);
      if (result.answer && !result.problem) {
        return {
          ...routeOf(target),
          ok: true,
          url,
          via: 'dns',
          status: result.answer.status,
          body: result.answer.body,
          curl: buildCurl({ host: domain, port: target.port, path, route: result.route }),
          notes,
          ...(result.route ? { request: { url, route: result.route } } : {}),
        };
      }
      const elapsedMs = clock.now() - started;
      ctx.emit({ type: 'step-wait', step: 'test', status: result.problem, elapsedMs, deadlineMs: target.dnsTimeoutMs });
      const remaining = target.dnsTimeoutMs - elapsedMs;
      if (remaining <= 0) {
        notes.push(`via DNS for ${formatElapsed(target.dnsTimeoutMs)}: ${result.problem}`);
        break;
      }
      await sleep(env, Math.min(remaining, pollDelay(elapsedMs, ctx.poll, ctx.random)));
    }
  }

  // The ALB's own name, with the custom domain as Host (or without a domain, --skip-dns, the ALB name alone).
  const host = target.albDnsName;
  const hostHeader = target.host ?? target.domain;
  const url = `http://${hostPort(host, target.port)}${path}`;
  const shownUrl = hostHeader ? `http://${hostPort(hostHeader, target.port)}${path}` : url;
  let last: { answer?: HttpResponse; problem: string } = { problem: 'not tried' };
  const fallbackStarted = clock.now();
  for (let tries = 0; tries < FALLBACK_ATTEMPTS; tries++) {
    if (tries > 0) await sleep(env, pollDelay(clock.now() - fallbackStarted, ctx.poll, ctx.random));
    const result = await attempt(host, hostHeader);
    if (result.answer && !result.problem) {
      if (target.domain) {
        ctx.emit({
          type: 'warning',
          step: 'test',
          message: `${target.domain} did not answer through DNS yet (${notes.join('; ')}); the ALB answered with Host: ${hostHeader}`,
        });
      }
      return {
        ...routeOf(target),
        ok: true,
        url: shownUrl,
        via: 'alb-host-header',
        status: result.answer.status,
        body: result.answer.body,
        curl: buildCurl({ host, port: target.port, path, route: result.route, ...(hostHeader ? { hostHeader } : {}) }),
        notes,
        ...(result.route ? { request: { url, route: result.route, ...(hostHeader ? { hostHeader } : {}) } } : {}),
      };
    }
    last = result;
  }
  notes.push(`via the ALB name ${host}${hostHeader ? ` with Host: ${hostHeader}` : ''}: ${last.problem}`);
  return {
    ...routeOf(target),
    ok: false,
    url: shownUrl,
    status: last.answer?.status ?? 0,
    body: last.answer?.body ?? '',
    notes,
  };
}

function routeOf(target: TestTarget): { route?: string } {
  return target.route ? { route: target.route } : {};
}

export function testFailedError(result: TestResult): AlbFcError {
  const failed = result.routes ? result.routes.filter((r) => !r.ok) : [result];
  const what = failed.map((r) => `${r.route ? `route ${r.route} (${r.url})` : r.url} failed: ${r.notes.join('; ')}`);
  return new AlbFcError({
    code: 'TEST_FAILED',
    message: `the connectivity test of ${what.join('; ')}`,
    exitCode: ExitCode.partial,
    step: 'test',
    hint:
      'Every resource is in place. DNS can take minutes to propagate: run `alb-fc test` later ' +
      '(raise --dns-timeout), or check the function with `alb-fc status`.',
  });
}
