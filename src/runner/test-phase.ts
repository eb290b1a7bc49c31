// The connectivity test of a deploy (and of `alb-fc test`): every route through the load balancer, concurrently
// (each may wait for its DNS). The result is the default route's, with every route's beside it.
import type { StackInput } from '../stack-input.js';
import type { LookupOutputs } from '../state/schema.js';
import { runConnectivityTest, testFailedError, type TestResult } from '../steps/connectivity-test.js';
import { testTargets } from '../steps/test-targets.js';
import type { RunContext } from './run-context.js';

export async function testPhase(run: RunContext, input: StackInput, lookupOut: LookupOutputs): Promise<void> {
  const startedAt = run.report.stepStarted('test');
  const ctx = run.stepContext('test', { lookup: lookupOut });
  try {
    const results = await Promise.all(testTargets(input, lookupOut).map((t) => runConnectivityTest(ctx, t)));
    const [first] = results;
    if (!first) throw new Error('a stack has at least one route to test');
    const ok = results.every((r) => r.ok);
    const result: TestResult = results.length > 1 ? { ...first, ok, routes: results } : first;
    run.report.setTest(result);
    await run.session.setLastTest({
      url: result.url,
      ...(result.via ? { via: result.via } : {}),
      status: result.status,
      ok,
      at: new Date(run.deps.clock.now()).toISOString(),
    });
    if (!ok) {
      run.report.stepFailed('test', startedAt, testFailedError(result));
      return;
    }
    const summary = results.map(
      (r) =>
        `${r.route ? `${r.route}: ` : ''}HTTP ${r.status} via ${r.via === 'dns' ? 'DNS' : 'the ALB name with a Host header'}`,
    );
    run.report.stepDone('test', startedAt, 'unchanged', summary.join('; '));
  } catch (error) {
    run.report.stepFailed('test', startedAt, error);
  }
}
