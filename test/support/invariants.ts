// What "exactly one of each resource" means after a deploy, and "nothing left" after a destroy.
import { expect } from 'vitest';
import type { RunReport } from '../../src/runner/report.js';
import { LB_DNS } from './fake-cloud.js';
import { STACK, type Harness } from './harness.js';

export function describeReport(report: RunReport): string {
  return `${report.status}/${report.exitCode}: ${report.errors.map((e) => `${e.step ?? '-'} ${e.code} ${e.message}`).join(' | ')}`;
}

export function expectExactlyOneOfEach(h: Harness, label: string): void {
  const inv = h.inventory();
  expect(inv.functions, label).toEqual(['hello']);
  expect(inv.groups, label).toHaveLength(1);
  const group = inv.groups[0];
  expect(inv.servers, label).toEqual([`${group}:acs:fc:cn-hangzhou:1234567890123456:functions/hello`]);
  expect(inv.listeners, label).toHaveLength(1);
  expect(inv.listeners[0], label).toMatch(new RegExp(`:80:${group}$`));
  expect(inv.records, label).toEqual([`api.example.com CNAME ${LB_DNS}`]);
  const state = h.state(STACK);
  expect(state, label).toBeDefined();
  const steps = state?.steps;
  expect(steps?.function?.outputs?.name, label).toBe('hello');
  expect(steps?.serverGroup?.outputs?.id, label).toBe(group);
  expect(steps?.server?.outputs?.serverGroupId, label).toBe(group);
  expect(inv.listeners[0]?.startsWith(`${steps?.listener?.outputs?.id}:`), label).toBe(true);
  expect(h.cloud.dns.records.has(steps?.dnsRecord?.outputs?.recordId ?? ''), label).toBe(true);
  for (const step of ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const) {
    expect(steps?.[step]?.status, `${label}: ${step}`).toBe('ready');
    expect(steps?.[step]?.owned, `${label}: ${step}`).toBe(true);
    expect(steps?.[step]?.retired, `${label}: ${step}`).toBeUndefined();
  }
  // The DNS record carries the stack's remark, so a lost state can find it.
  const record = h.cloud.dns.records.get(steps?.dnsRecord?.outputs?.recordId ?? '');
  expect(record?.remark, label).toBe(`alb-fc:stack=${STACK}`);
}

export function expectNothingLeft(h: Harness, label: string): void {
  expect(h.inventory(), label).toEqual({ functions: [], groups: [], servers: [], listeners: [], records: [] });
  expect(h.state(STACK), label).toBeUndefined();
}
