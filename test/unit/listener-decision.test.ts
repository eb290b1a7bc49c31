import { describe, expect, it } from 'vitest';
import { decideListener } from '../../src/steps/listener-decision.js';
import { listener, pending, record } from './decisions-fixtures.js';

const desired = { loadBalancerId: 'alb-1', port: 80, serverGroupId: 'sgp-1' };
const recorded = record({ id: 'lsn-1', loadBalancerId: 'alb-1', port: 80, serverGroupId: 'sgp-1' });

describe('decideListener', () => {
  it('creates on a free port, resuming an interrupted create', () => {
    expect(
      decideListener({ stack: 'demo', desired, byId: undefined, onPort: undefined, record: undefined }).action,
    ).toBe('create');
    expect(
      decideListener({ stack: 'demo', desired, byId: undefined, onPort: undefined, record: pending({ port: 80 }) })
        .reasons[0],
    ).toMatch(/resuming/);
  });

  it('keeps the recorded listener and adopts a tagged one found on the port', () => {
    expect(
      decideListener({ stack: 'demo', desired, byId: listener(), onPort: undefined, record: recorded }).action,
    ).toBe('unchanged');
    expect(
      decideListener({ stack: 'demo', desired, byId: undefined, onPort: listener(), record: undefined }),
    ).toMatchObject({ action: 'adopt', owned: true });
  });

  it('refuses a port taken by a listener that is not this stack’s', () => {
    const decision = decideListener({
      stack: 'demo',
      desired,
      byId: undefined,
      onPort: listener({ tags: {} }),
      record: undefined,
    });
    expect(decision.action).toBe('conflict');
    expect(decision.hint).toMatch(/--listener-port/);
  });

  it('refuses an HTTPS or QUIC listener on the port, even tagged by the stack, with the documented reason', () => {
    for (const protocol of ['HTTPS', 'QUIC']) {
      const decision = decideListener({
        stack: 'demo',
        desired,
        byId: undefined,
        onPort: listener({ protocol, id: 'lsn-tls' }),
        record: undefined,
      });
      expect(decision.action, protocol).toBe('conflict');
      expect(decision.reasons[0]).toBe(
        `port 80 of alb-1 has the ${protocol} listener lsn-tls: ALB forwards to Function Compute only through HTTP listeners (FC "ALB triggers": the listener and the server group support only HTTP)`,
      );
      expect(decision.hint).toMatch(/--listener-port/);
    }
  });

  it('moves to a new port with a new listener, the old one retired after', () => {
    const decision = decideListener({
      stack: 'demo',
      desired: { ...desired, port: 8080 },
      byId: listener(),
      onPort: undefined,
      record: recorded,
    });
    expect(decision).toMatchObject({ action: 'update', replace: 'new-port' });
    expect(decision.reasons[0]).toMatch(/port 80 → 8080/);
  });

  it('points a listener whose forward target changed (drift) back in place, unless it was only adopted', () => {
    const drifted = listener({ forwardServerGroupIds: ['sgp-other'] });
    expect(
      decideListener({ stack: 'demo', desired, byId: drifted, onPort: undefined, record: recorded }),
    ).toMatchObject({
      action: 'update',
      replace: 'retarget',
    });
    expect(
      decideListener({
        stack: 'demo',
        desired,
        byId: drifted,
        onPort: undefined,
        record: record(recorded.outputs, { owned: false }),
      }).action,
    ).toBe('conflict');
    // While the server group is still to be created, an existing listener must be pointed at it.
    expect(
      decideListener({
        stack: 'demo',
        desired: { ...desired, serverGroupId: undefined },
        byId: listener(),
        onPort: undefined,
        record: recorded,
      }).action,
    ).toBe('update');
  });
});
