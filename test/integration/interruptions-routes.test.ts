// Kill a three-route deploy at every API-call boundary (before the request; after the cloud did it but before the
// answer; after the answer but before the state write), through the official SDK clients and the local cloud,
// then deploy again: exactly one of each resource per route, every request answered by its own function, and a
// third deploy changes nothing.
import { describe, expect, it } from 'vitest';
import { deploy } from '../../src/runner/engine.js';
import type { RouteInput } from '../../src/stack-input.js';
import { describeReport } from '../support/invariants.js';
import { crashPoints } from './support/crash-points.js';
import { LocalStack } from './support/local-stack.js';
import { functionOf, request, threeRoutes } from './support/routes.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const codeRoot = await mkdtemp(join(tmpdir(), 'alb-fc-routes-code-'));
const ROUTES: RouteInput[] = await threeRoutes(codeRoot);
const POINTS = await crashPoints((stack, deps) => deploy(stack.input({ routes: ROUTES }), deps));

async function expectOneOfEachPerRoute(stack: LocalStack, label: string): Promise<void> {
  const inv = await stack.inventory();
  expect(inv.functions, label).toEqual(['users', 'orders', 'web'].map(functionOf).sort());
  expect(inv.groups, label).toHaveLength(3);
  expect(inv.servers, label).toHaveLength(3);
  expect(inv.listeners, label).toHaveLength(1);
  expect(await stack.rulePriorities(), label).toHaveLength(2);
  expect(inv.records, label).toHaveLength(2);
  const state = await stack.state();
  for (const [id, record] of Object.entries(state?.steps ?? {})) {
    expect(record?.status, `${label}: ${id}`).toBe('ready');
    expect(record?.retired, `${label}: ${id}`).toBeUndefined();
  }
  // 3 × (function, group, membership), the listener, 2 rules, 2 CNAMEs (the stack domain is also users' host).
  expect(Object.keys(state?.steps ?? {}), label).toHaveLength(14);
  expect(await request(stack, 'api.example.com', '/users/1'), label).toBe('200 hello from users');
  expect(await request(stack, 'orders.example.com'), label).toBe('200 hello from orders');
  expect(await request(stack, 'www.example.com'), label).toBe('200 hello from web');
}

describe.concurrent(
  `a three-route deploy interrupted at each of ${POINTS.length} points, then resumed (real SDK)`,
  () => {
    it.each(POINTS)('$label', async (point) => {
      const stack = await LocalStack.start();
      try {
        const input = stack.input({ routes: ROUTES });
        const crashed = await stack.process((deps) => deploy(input, deps), { at: point });
        expect(crashed.sw.diedAt, `${point.label}: the crash point was reached`).toBeDefined();
        const resumed = await stack.process((deps) => deploy(input, deps));
        expect(resumed.result.exitCode, `${point.label}: ${describeReport(resumed.result)}`).toBe(0);
        await expectOneOfEachPerRoute(stack, point.label);
        const mutations = stack.mutations().length;
        const again = await stack.process((deps) => deploy(input, deps));
        expect(again.result.status, `${point.label}: ${describeReport(again.result)}`).toBe('no_changes');
        expect(stack.mutations().slice(mutations), `${point.label}: a settled stack gets no mutating call`).toEqual([]);
      } finally {
        await stack.close();
      }
    });
  },
);

process.on('exit', () => void rm(codeRoot, { recursive: true, force: true }));
