// --verbose shows every API call: exactly one `api-call` event per request on the wire, named by its wire
// action (CreateServerGroup, not the port method), with its duration and RequestId. Regression: the runner's
// guarded ports reported each port method a second time (named `createServerGroup`, without RequestId).
import { describe, expect, it } from 'vitest';
import { deploy, destroy } from '../../src/runner/engine.js';
import { describeReport } from '../support/invariants.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const stack = useLocalStack();

const POP_REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const FC_REQUEST_ID = /^1-[0-9a-f]+-[0-9a-f]{24}$/;

function sorted(list: string[]): string[] {
  return [...list].sort();
}

describe('api-call events', () => {
  it('one per wire call, with the wire action, duration and RequestId, for a deploy and a destroy', async () => {
    for (const run of [
      (deps: Parameters<typeof deploy>[1]) => deploy(stack.input(), deps),
      (deps: Parameters<typeof deploy>[1]) => destroy(STACK, deps, { includeAdopted: false }),
    ]) {
      stack.events.length = 0;
      stack.cloud.calls.clear();
      const { result } = await stack.process(run);
      expect(result.exitCode, describeReport(result)).toBe(0);
      const events = stack.eventsOf('api-call');
      const wire = stack.cloud.calls.list();
      expect(wire.length).toBeGreaterThan(5);
      expect(sorted(events.map((e) => `${e.service} ${e.action}`))).toEqual(
        sorted(wire.map((c) => `${c.service} ${c.action}`)),
      );
      for (const event of events) {
        expect(event.action, 'a wire action name').toMatch(/^[A-Z][A-Za-z]+$/);
        expect(typeof event.ms).toBe('number');
        expect(event.requestId, `${event.action} has a RequestId`).toMatch(
          event.service === 'fc' ? FC_REQUEST_ID : POP_REQUEST_ID,
        );
      }
      // Refused reads ("not found" answers) are reported with their code and status too.
      const refused = events.filter((e) => e.cloudCode !== undefined);
      expect(refused.length, 'a first deploy reads what does not exist yet').toBeGreaterThan(0);
      for (const event of refused) {
        expect(event.status).toBeGreaterThanOrEqual(400);
      }
    }
  });
});
