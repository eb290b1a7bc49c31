import { describe, expect, it } from 'vitest';
import { adviseOnLoad, instancesFor, type LoadFigures } from '../../src/steps/load-advice.js';

// Why a load test was throttled and what to change (src/steps/load-advice.ts): the instances a QPS needs at the
// measured latency (Little's law), and the limit that was hit.
describe('instancesFor', () => {
  it('is ceil(QPS × latency in seconds / instance concurrency), at least one', () => {
    expect(instancesFor(40, 200, 1)).toBe(8);
    expect(instancesFor(41, 200, 1)).toBe(9);
    expect(instancesFor(40, 200, 10)).toBe(1);
    expect(instancesFor(1000, 50, 20)).toBe(3);
    expect(instancesFor(0.1, 10, 1)).toBe(1);
  });
});

const figures = (overrides: Partial<LoadFigures> = {}): LoadFigures => ({
  requests: 40,
  ok: 4,
  throttled: 36,
  concurrency: 8,
  meanLatencyMs: 200,
  p50Ms: 200,
  maxMs: 210,
  qps: 8,
  ...overrides,
});

describe('adviseOnLoad', () => {
  it("names the function's reserved concurrency when the test sent more than it allows, with the numbers", () => {
    const advice = adviseOnLoad(figures({ throttleMessage: "function 'f' is throttled" }), {
      instanceConcurrency: 1,
      reservedConcurrency: 2,
      runtime: 'nodejs20',
    });
    expect(advice).toMatchObject({ limit: 'reserved concurrency', targetQps: 40, instancesNeeded: 8 });
    const text = advice.lines.join('\n');
    expect(text).toContain('36 of 40 requests (90%) were throttled (HTTP 429)');
    expect(text).toContain("the function's reserved concurrency, 2 instances × 1 request each = 2 at once, against 8");
    expect(text).toContain("Function Compute said: function 'f' is throttled");
    expect(text).toContain(
      '40 QPS × 0.200 s per request ≈ 8.0 requests at once, ÷ 1 per instance → 8 instances needed',
    );
    expect(text).toContain('--reserved-concurrency 8 (now 2)');
    expect(text).toContain('instance concurrency above 1 needs a custom runtime');
  });

  it("names the account's instances when the function has no reserved concurrency, and sizes for a target QPS", () => {
    const advice = adviseOnLoad(figures(), { instanceConcurrency: 1 }, 1000);
    expect(advice).toMatchObject({ limit: 'account instance limit', targetQps: 1000, instancesNeeded: 200 });
    const text = advice.lines.join('\n');
    expect(text).toContain("The limit hit: the account's instances in the region (100 by default");
    expect(text).toContain('ask Quota Center for more instances');
  });

  it('counts instance concurrency for custom runtimes', () => {
    const advice = adviseOnLoad(figures(), {
      instanceConcurrency: 4,
      reservedConcurrency: 1,
      runtime: 'custom.debian10',
    });
    // 40 QPS × 0.2 s = 8 requests at once, 4 per instance: 2 instances, against 1 × 4 = 4 allowed.
    expect(advice).toMatchObject({ instancesNeeded: 2, limit: 'reserved concurrency' });
    expect(advice.lines.join('\n')).toContain('--instance-concurrency 10 to serve 10 requests per instance');
  });

  it('says why nothing was throttled, and points at cold starts when the slowest requests stand out', () => {
    const advice = adviseOnLoad(figures({ ok: 40, throttled: 0, qps: 30, maxMs: 900 }), {
      instanceConcurrency: 1,
      reservedConcurrency: 8,
    });
    expect(advice.limit).toBeUndefined();
    expect(advice.lines[0]).toBe(
      "No request was throttled: 8 requests at once fit within the function's reserved concurrency of 8 instances × 1 request each.",
    );
    expect(advice.lines.at(-1)).toContain('likely cold starts of new instances: --provisioned-instances N');
  });

  it('speaks of the limits in general when nothing could be read about the function', () => {
    const advice = adviseOnLoad(figures({ meanLatencyMs: undefined }), undefined);
    expect(advice.limit).toBe('account instance limit');
    expect(advice.instancesNeeded).toBeUndefined();
  });
});
