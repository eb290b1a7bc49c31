// Issue 2 item 7: a run stopped between step 3 (the function added to the server group) and step 4 (the
// listener), then run again, ends with exactly one server group, one listener and one DNS record — counted in
// the local cloud, through the official SDK clients.
import { describe, expect, it } from 'vitest';
import { deploy, type EngineDeps } from '../../src/runner/engine.js';
import { throwIfAborted } from '../../src/lib/sleep.js';
import { describeReport } from '../support/invariants.js';
import { expectExactlyOneOfEach } from './support/expectations.js';
import { useLocalStack } from './support/local-stack.js';

const stack = useLocalStack();

/**
 * The listener (step 4) needs only the server group, so it runs alongside step 3. To stop *between* them, its
 * create waits until step 3 is done; `onServerDone` runs first (e.g. Ctrl-C), so an aborted run never sends it.
 */
function listenerAfterServer(deps: EngineDeps, onServerDone: () => void = () => undefined): EngineDeps {
  let open: () => void = () => undefined;
  const serverDone = new Promise<void>((resolve) => (open = resolve));
  const alb = deps.cloud.alb;
  return {
    ...deps,
    cloud: {
      ...deps.cloud,
      alb: {
        ...alb,
        createListener: async (req) => {
          await serverDone;
          throwIfAborted(deps.signal, 'listener');
          return alb.createListener(req);
        },
      },
    },
    emit: (event) => {
      deps.emit(event);
      if (event.type === 'step-done' && event.step === 'server') {
        onServerDone();
        open();
      }
    },
  };
}

async function expectOneGroupListenerRecord(label: string): Promise<void> {
  const inv = await stack.inventory();
  expect(inv.groups, label).toHaveLength(1);
  expect(inv.listeners, label).toHaveLength(1);
  expect(inv.records, label).toHaveLength(1);
  await expectExactlyOneOfEach(stack, label);
}

describe('stopped between steps 3 and 4, then resumed', () => {
  it('Ctrl-C the moment the function joins the server group (exit 130), then deploy again', async () => {
    const controller = new AbortController();
    const { result: stopped } = await stack.process((deps) => deploy(stack.input(), deps), {
      signal: controller.signal,
      deps: (deps) => listenerAfterServer(deps, () => controller.abort()),
    });
    expect(stopped.exitCode, describeReport(stopped)).toBe(130);
    expect(stopped.error?.code).toBe('INTERRUPTED');
    const saved = await stack.state();
    expect(saved?.steps.server?.status).toBe('ready');
    expect(saved?.steps.listener?.outputs).toBeUndefined();
    expect((await stack.inventory()).listeners).toEqual([]);

    const { result: resumed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expect(resumed.test?.body).toBe('hello world');
    await expectOneGroupListenerRecord('after Ctrl-C between steps 3 and 4');
  });

  it('killed as the listener is created (the request reached ALB, the answer did not), then deploy again', async () => {
    const at = { method: 'alb.createListener', occurrence: 0, boundary: 'before-response' } as const;
    const crashed = await stack.process((deps) => deploy(stack.input(), deps), {
      at,
      deps: (deps) => listenerAfterServer(deps),
    });
    expect(crashed.sw.diedAt).toMatch(/alb\.createListener before the response/);
    const saved = await stack.state();
    expect(saved?.steps.server?.status).toBe('ready');
    expect(saved?.steps.listener?.outputs, 'the listener id never reached the state').toBeUndefined();
    expect((await stack.inventory()).listeners, 'but ALB has it').toHaveLength(1);
    const token = saved?.steps.listener?.intent?.clientToken;

    const { result: resumed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expect((await stack.state())?.steps.listener?.intent?.clientToken).toBe(token);
    await expectOneGroupListenerRecord('after a kill at CreateListener');
  });

  it('killed while waiting for the new listener: the resumed run reports it created, not unchanged', async () => {
    const at = { method: 'alb.getListener', occurrence: 0, boundary: 'before-request' } as const;
    const crashed = await stack.process((deps) => deploy(stack.input(), deps), { at });
    expect(crashed.sw.diedAt).toMatch(/alb\.getListener/);
    expect((await stack.state())?.steps.listener?.status).toBe('created');

    const { result: resumed } = await stack.process((deps) => deploy(stack.input(), deps));
    expect(resumed.exitCode, describeReport(resumed)).toBe(0);
    expect(resumed.resources.listener?.action).toBe('created');
    expect(resumed.status).toBe('succeeded');
    await expectOneGroupListenerRecord('after a kill while waiting for the listener');
  });
});
