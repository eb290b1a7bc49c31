import { describe, expect, it } from 'vitest';
import { CloudError } from '../../src/cloud/errors.js';
import { AlbFcError, ExitCode } from '../../src/errors.js';
import { RETRY_BACKOFF } from '../../src/lib/backoff.js';
import { classifyError, withRetries, type RetryEnv } from '../../src/runner/retry.js';
import { FakeClock, fixedRandom } from '../support/fake-clock.js';

function err(cloudCode: string, httpStatus = 400, retryAfterSeconds?: number): CloudError {
  return new CloudError({
    service: 'alb',
    action: 'X',
    cloudCode,
    message: cloudCode,
    httpStatus,
    requestId: 'R',
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  });
}

describe('classifyError', () => {
  it.each([
    'SystemBusy',
    'IdempotenceProcessing',
    'IncorrectStatus.LoadBalancer',
    'IncorrectStatus.ServerGroup',
    'IncorrectStatus.Listener',
    'ResourceInConfiguring',
    'ResourceInConfiguring.Listener',
    'Throttling',
    'Throttling.User',
    'Rejected.Throttling',
    'ServiceUnavailable',
    'NetworkError',
    'Timeout',
    'ECONNRESET',
    'LastOperationNotFinished',
    'ResourceInUse.ServerGroup',
    '-21020',
  ])('retries %s', (code) => {
    expect(classifyError(err(code)).retry).toBe(true);
  });

  it.each([
    'InvalidParameter',
    'Forbidden.RAM',
    'QuotaExceeded.ServerGroupsNum',
    'UnsupportedFeature.FcServerGroup',
    'IncorrectBusinessStatus.LoadBalancer',
    'ResourceAlreadyExist.Listener',
    'IdempotenceSignatureMismatch',
    'DomainRecordConflict',
    'SignatureDoesNotMatch',
    'InvalidAccessKeyId.NotFound',
    'InvalidSecurityToken.Expired',
    'DnsLookupFailed',
    'ENOTFOUND',
    'EAI_AGAIN',
  ])('fails fast on %s', (code) => {
    expect(classifyError(err(code)).retry).toBe(false);
  });

  it('retries any 5xx, honours retry-after, and never retries alb-fc errors or bugs', () => {
    expect(classifyError(err('WhateverInternal', 502)).retry).toBe(true);
    expect(classifyError(err('Throttling', 429, 9))).toEqual({ retry: true, minDelayMs: 9000 });
    expect(classifyError(new AlbFcError({ code: 'X', message: 'x', exitCode: ExitCode.usage })).retry).toBe(false);
    expect(classifyError(new TypeError('bug')).retry).toBe(false);
    expect(classifyError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).retry).toBe(true);
    // A host that does not resolve is not transient, wrapped or not (issue 8).
    expect(classifyError(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })).retry).toBe(false);
    expect(classifyError(Object.assign(new Error('getaddrinfo EAI_AGAIN x'), { code: 'EAI_AGAIN' })).retry).toBe(false);
  });
});

function env(clock: FakeClock, overrides: Partial<RetryEnv> = {}): RetryEnv {
  return {
    clock,
    signal: undefined,
    random: fixedRandom(0.5),
    policy: { maxAttempts: 4, budgetMs: 60_000, backoff: RETRY_BACKOFF },
    ...overrides,
  };
}

describe('withRetries', () => {
  it('retries transient errors with growing, jittered delays, then succeeds', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const delays: number[] = [];
    const result = await withRetries(env(clock, { onRetry: (i) => delays.push(i.delayMs) }), async () => {
      calls++;
      if (calls < 3) throw err('SystemBusy');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual(clock.sleeps);
    expect(delays[0]).toBeLessThan(500);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
  });

  it('stops after maxAttempts with the last error', async () => {
    const clock = new FakeClock();
    let calls = 0;
    await expect(
      withRetries(env(clock), async () => {
        calls++;
        throw err('SystemBusy');
      }),
    ).rejects.toMatchObject({ cloudCode: 'SystemBusy' });
    expect(calls).toBe(4);
  });

  it('stops when the next delay would exceed the time budget', async () => {
    const clock = new FakeClock();
    let calls = 0;
    await expect(
      withRetries(env(clock, { policy: { maxAttempts: 100, budgetMs: 5_000, backoff: RETRY_BACKOFF } }), async () => {
        calls++;
        throw err('Throttling', 429, 30);
      }),
    ).rejects.toMatchObject({ cloudCode: 'Throttling' });
    expect(calls).toBe(1);
  });

  it('does not retry a permanent error', async () => {
    let calls = 0;
    await expect(
      withRetries(env(new FakeClock()), async () => {
        calls++;
        throw err('Forbidden.RAM', 403);
      }),
    ).rejects.toMatchObject({ cloudCode: 'Forbidden.RAM', requestId: 'R' });
    expect(calls).toBe(1);
  });

  it('turns an abort into INTERRUPTED (exit 130) without another call', async () => {
    const controller = new AbortController();
    let calls = 0;
    await expect(
      withRetries(env(new FakeClock(), { signal: controller.signal }), async () => {
        calls++;
        controller.abort();
        throw err('SystemBusy');
      }),
    ).rejects.toMatchObject({ code: 'INTERRUPTED', exitCode: 130 });
    expect(calls).toBe(1);
  });
});
