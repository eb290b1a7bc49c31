// What "exactly one of each resource" means when counted in the local cloud, and "nothing left" after destroy.
import { expect } from 'vitest';
import { STACK, type LocalStack } from './local-stack.js';

const EMPTY = { functions: [], groups: [], servers: [], listeners: [], records: [] };

export async function expectExactlyOneOfEach(
  stack: LocalStack,
  label: string,
  options: { functionName?: string; port?: number; domain?: string } = {},
): Promise<void> {
  const name = options.functionName ?? 'hello';
  const port = options.port ?? 80;
  const domain = options.domain ?? 'api.example.com';
  const inv = await stack.inventory();
  expect(inv.functions, label).toEqual([name]);
  expect(inv.groups, label).toHaveLength(1);
  const group = inv.groups[0];
  expect(inv.servers, label).toEqual([`${group}:${stack.functionArn(name)}`]);
  expect(inv.listeners, label).toHaveLength(1);
  expect(inv.listeners[0], label).toMatch(new RegExp(`:${port}$`));
  expect(inv.records, label).toEqual([`${domain} CNAME ${stack.loadBalancer.dnsName}`]);

  const state = await stack.state(STACK);
  const steps = state?.steps;
  expect(steps?.function?.outputs?.name, label).toBe(name);
  expect(steps?.serverGroup?.outputs?.id, label).toBe(group);
  expect(steps?.server?.outputs?.serverGroupId, label).toBe(group);
  expect(inv.listeners[0]?.startsWith(`${steps?.listener?.outputs?.id}:`), label).toBe(true);
  expect(steps?.listener?.outputs?.serverGroupId, label).toBe(group);
  for (const step of ['function', 'serverGroup', 'server', 'listener', 'dnsRecord'] as const) {
    expect(steps?.[step]?.status, `${label}: ${step}`).toBe('ready');
    expect(steps?.[step]?.owned, `${label}: ${step}`).toBe(true);
    expect(steps?.[step]?.retired, `${label}: ${step}`).toBeUndefined();
  }
  // The record carries the stack's remark, so a lost state can find it again.
  const raw = await stack.rawState();
  const record = raw.alidns.records.find((r) => r.recordId === steps?.dnsRecord?.outputs?.recordId);
  expect(record?.remark, label).toBe(`alb-fc:stack=${STACK}`);
  // Everything the run waited for has settled in the cloud too.
  expect(
    raw.alb.serverGroups.map((g) => g.status),
    label,
  ).toEqual(['Available']);
  expect(
    raw.alb.serverGroups[0]?.servers.map((s) => s.status),
    label,
  ).toEqual(['Available']);
  expect(
    raw.alb.listeners.map((l) => l.status),
    label,
  ).toEqual(['Running']);
}

export async function expectNothingLeft(stack: LocalStack, label: string): Promise<void> {
  expect(await stack.inventory(), label).toEqual(EMPTY);
  expect(await stack.rulePriorities(), label).toEqual([]);
  expect(await stack.state(STACK), label).toBeUndefined();
}
