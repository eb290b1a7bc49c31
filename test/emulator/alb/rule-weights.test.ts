import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../src/emulator/index.js';
import { seededRandom } from '../../support/fake-clock.js';
import {
  $Alb,
  albClient,
  createListener,
  get,
  groupWithFunction,
  resolvePort,
  running,
  type AlbClient,
} from './support.js';

// A rule forwarding to several server groups splits requests in proportion to their weights (metadata CreateRule
// `ServerGroupTuples.Weight`; docs/emulator.md §9). The local cloud draws from its injected random source, seeded
// here, so the split over many requests is the same on every run: the tolerance is there so the test states the
// rule (about 80/20) rather than one generator's exact sequence, not to absorb chance.

let cloud: LocalCloud;
let alb: AlbClient;
let port: number;
let listenerId: string;

async function split(path: string, requests: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < requests; i++) {
    const { status, body } = await get(port, path);
    expect(status).toBe(200);
    counts[body] = (counts[body] ?? 0) + 1;
  }
  return counts;
}

function expectAround(count: number | undefined, expected: number, tolerance: number): void {
  expect(count).toBeGreaterThanOrEqual(expected - tolerance);
  expect(count).toBeLessThanOrEqual(expected + tolerance);
}

beforeAll(async () => {
  cloud = await startLocalCloud({ random: seededRandom(9) });
  alb = albClient(cloud);
  const lb = cloud.info.loadBalancers[0]!;
  const stable = await groupWithFunction(cloud, alb, `exports.handler = async () => 'stable';`);
  const canary = await groupWithFunction(cloud, alb, `exports.handler = async () => 'canary';`);
  const third = await groupWithFunction(cloud, alb, `exports.handler = async () => 'third';`);
  // The default action takes no weights: its groups share what no rule matches evenly.
  listenerId = (
    await createListener(alb, lb.id, stable, 80, {
      defaultActions: [
        {
          type: 'ForwardGroup',
          forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: stable }, { serverGroupId: canary }] },
        },
      ],
    })
  ).id;
  await running(alb, listenerId);
  port = await resolvePort(cloud, lb.dnsName, 80);
  await alb.createRules(
    new $Alb.CreateRulesRequest({
      listenerId,
      rules: [
        {
          ruleName: 'canary',
          priority: 1,
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/canary'] } }],
          ruleActions: [
            {
              type: 'ForwardGroup',
              order: 1,
              forwardGroupConfig: {
                serverGroupTuples: [
                  { serverGroupId: stable, weight: 80 },
                  { serverGroupId: canary, weight: 20 },
                ],
              },
            },
          ],
        },
        {
          ruleName: 'three-ways',
          priority: 2,
          ruleConditions: [{ type: 'Path', pathConfig: { values: ['/three'] } }],
          ruleActions: [
            {
              type: 'ForwardGroup',
              order: 1,
              forwardGroupConfig: {
                serverGroupTuples: [
                  { serverGroupId: stable, weight: 50 },
                  { serverGroupId: canary, weight: 30 },
                  { serverGroupId: third, weight: 20 },
                ],
              },
            },
          ],
        },
      ] as never,
    }),
  );
  await running(alb, listenerId);
});
afterAll(async () => {
  await cloud.close();
});

describe('weighted forwarding', () => {
  it('splits 80/20 between two groups over many requests', async () => {
    const counts = await split('/canary', 200);
    expect(Object.keys(counts).sort()).toEqual(['canary', 'stable']);
    expectAround(counts.stable, 160, 25);
  });

  it('splits 50/30/20 between three groups', async () => {
    const counts = await split('/three', 200);
    expectAround(counts.stable, 100, 25);
    expectAround(counts.canary, 60, 20);
    expectAround(counts.third, 40, 20);
  });

  it('shares the default action evenly between its groups', async () => {
    const counts = await split('/', 100);
    expectAround(counts.stable, 50, 20);
    expect(counts.canary).toBe(100 - counts.stable!);
  });

  it('lists the weights as given', async () => {
    const rules = (await alb.listRules(new $Alb.ListRulesRequest({ listenerIds: [listenerId] }))).body!.rules!;
    const tuples = rules[0]!.ruleActions![0]!.forwardGroupConfig!.serverGroupTuples!;
    expect(tuples.map((t) => t.weight)).toEqual([80, 20]);
  });
});
