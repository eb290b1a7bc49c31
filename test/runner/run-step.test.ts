// The one-step subcommands: run one by one they build the same stack as deploy, reading earlier outputs from
// the state; without the state they find the earlier resources in the cloud or say which flag is missing.
import { describe, expect, it } from 'vitest';
import { usageError } from '../../src/errors.js';
import { deploy, runStep } from '../../src/runner/engine.js';
import type { PlanEntry } from '../../src/runner/events.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport, expectExactlyOneOfEach } from '../support/invariants.js';

describe('runStep', () => {
  it('builds the stack one step at a time, then deploy has nothing to do', async () => {
    const h = new Harness();
    for (const step of ['function', 'serverGroup', 'server', 'listener', 'dnsRecord', 'test'] as const) {
      const { result } = await h.process((deps) => runStep(step, stackInput(), deps));
      expect(result.exitCode, `${step}: ${describeReport(result)}`).toBe(0);
    }
    expectExactlyOneOfEach(h, 'step by step');
    const { result: again } = await h.process((deps) => deploy(stackInput(), deps));
    expect(again.status).toBe('no_changes');
  });

  it('finds the earlier resources in the cloud when the state is lost', async () => {
    const h = new Harness();
    await h.process((deps) => runStep('function', stackInput(), deps));
    await h.process((deps) => runStep('serverGroup', stackInput(), deps));
    h.disk.files.delete(STACK);
    const { result } = await h.process((deps) => runStep('server', stackInput(), deps));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(h.inventory().servers).toHaveLength(1);
  });

  it('names what is missing when an earlier step never ran (exit 2)', async () => {
    const h = new Harness();
    const { result } = await h.process((deps) => runStep('listener', stackInput(), deps));
    expect(result.exitCode).toBe(2);
    expect(result.error?.code).toBe('MISSING_VALUE');
    expect(result.error?.hint).toMatch(/server-group create/);
    expect(h.mutations()).toEqual([]);
  });

  it('takes the server group by id', async () => {
    const h = new Harness();
    await h.cloud.alb.createServerGroup({ clientToken: 't', name: 'manual', healthCheckEnabled: false, tags: {} });
    h.clock.advance(5_000);
    const id = h.cloud.alb.liveGroups()[0]?.id ?? '';
    const { result } = await h.process((deps) => runStep('listener', stackInput(), deps, { serverGroupId: id }));
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(h.inventory().listeners[0]).toMatch(new RegExp(`:80:${id}$`));
  });

  // Regression: the one-step subcommands applied their step without asking deps.approve, so a
  // non-interactive `alb-fc server-group create` without --yes changed the cloud.
  it('asks before changing anything: refused, or unanswerable without --yes, it changes nothing', async () => {
    const h = new Harness();
    const asked: PlanEntry[][] = [];
    const { result: refused } = await h.process((deps) =>
      runStep('serverGroup', stackInput(), {
        ...deps,
        approve: async (plan) => {
          asked.push(plan);
          return false;
        },
      }),
    );
    expect(refused.exitCode, describeReport(refused)).toBe(0);
    expect(refused.status).toBe('no_changes');
    expect(asked.map((plan) => plan.map((e) => [e.step, e.action]))).toEqual([[['serverGroup', 'create']]]);
    expect(h.mutations()).toEqual([]);
    expect(h.state()).toBeUndefined();

    const { result: noYes } = await h.process((deps) =>
      runStep('serverGroup', stackInput(), {
        ...deps,
        approve: async () => {
          throw usageError('CONFIRMATION_REQUIRED', 'pass --yes to apply the plan without a terminal');
        },
      }),
    );
    expect(noYes.exitCode).toBe(2);
    expect(h.mutations()).toEqual([]);
    expect(h.state()).toBeUndefined();

    const { result: yes } = await h.process((deps) =>
      runStep('serverGroup', stackInput(), { ...deps, approve: async () => true }),
    );
    expect(yes.exitCode, describeReport(yes)).toBe(0);
    expect(h.inventory().groups).toHaveLength(1);

    asked.length = 0;
    const { result: again } = await h.process((deps) =>
      runStep('serverGroup', stackInput(), {
        ...deps,
        approve: async (plan) => {
          asked.push(plan);
          return false;
        },
      }),
    );
    expect(again.status).toBe('no_changes');
    expect(asked, 'nothing to change: nothing to ask').toEqual([]);
  });
});
