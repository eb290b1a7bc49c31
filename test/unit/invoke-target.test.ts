import { describe, expect, it } from 'vitest';
import { invokeTarget } from '../../src/cli/invoke-target.js';
import { emptyState } from '../../src/state/schema.js';

// Which function `alb-fc function invoke` runs: --function-arn, else the stack's state, else the input's name.

const state = emptyState('blue', 'cn-hangzhou', 'e', '2026-01-01T00:00:00Z');
state.steps.function = {
  status: 'ready',
  owned: false,
  outputs: { name: 'given', arn: 'acs:fc:cn-hangzhou:1:functions/given/prod', mode: 'existing' },
} as never;

describe('invokeTarget', () => {
  it('--function-arn first, with its qualifier', () => {
    expect(invokeTarget({ functionArn: 'acs:fc:cn-hangzhou:1:functions/f/v2', state, stack: 'blue' })).toEqual({
      name: 'f',
      qualifier: 'v2',
      arn: 'acs:fc:cn-hangzhou:1:functions/f/v2',
      from: '--function-arn',
    });
  });

  it("then the state's function (an adopted ARN keeps its qualifier), then the input's name or the default", () => {
    expect(invokeTarget({ state, functionName: 'ignored', stack: 'blue' })).toMatchObject({
      name: 'given',
      qualifier: 'prod',
      from: "the stack's state",
    });
    expect(invokeTarget({ functionName: 'named', stack: 'blue' })).toEqual({ name: 'named', from: '--function-name' });
    expect(invokeTarget({ stack: 'blue' })).toEqual({ name: 'alb-fc-blue', from: 'the default name' });
  });

  it("with routes: --route names the route's function (or its canary's); without it the only one, else an error naming them", () => {
    const routed = emptyState('blue', 'cn-hangzhou', 'e', '2026-01-01T00:00:00Z');
    const fn = (name: string) => ({
      status: 'ready',
      owned: true,
      outputs: { name, arn: `acs:fc:cn-hangzhou:1:functions/${name}`, mode: 'create' },
    });
    routed.steps['function:users'] = fn('blue-users') as never;
    expect(invokeTarget({ state: routed, stack: 'blue' })).toMatchObject({ name: 'blue-users' });
    routed.steps['function:users/canary'] = fn('blue-users-canary') as never;
    expect(invokeTarget({ state: routed, route: 'users', stack: 'blue' })).toMatchObject({
      name: 'blue-users',
      from: "route users in the stack's state",
    });
    expect(invokeTarget({ state: routed, route: 'users/canary', stack: 'blue' })).toMatchObject({
      name: 'blue-users-canary',
    });
    expect(() => invokeTarget({ state: routed, stack: 'blue' })).toThrow(/several functions: name one with --route/);
    expect(() => invokeTarget({ state: routed, route: 'orders', stack: 'blue' })).toThrow(
      expect.objectContaining({ hint: 'Routes with a function: users, users/canary (e.g. --route users).' }),
    );
  });

  it('refuses FC 2.0 functions (InvokeFunction is FC 3.0)', () => {
    expect(() => invokeTarget({ functionArn: 'acs:fc:cn-hangzhou:1:services/s/functions/f', stack: 'x' })).toThrow(
      /FC 2\.0 function/,
    );
  });
});
